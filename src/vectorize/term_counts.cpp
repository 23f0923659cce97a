#include "trendscan/vectorize/term_counts.hpp"

#include <algorithm>
#include <memory>
#include <numeric>

#include "util/parallel.hpp"
#include "util/string_table.hpp"

namespace trendscan {
namespace {

// Texts per task of the counting and remapping phases.
constexpr std::size_t kTextsPerTask = 32;
constexpr std::size_t kSurfacesPerTask = 1024;

// What one worker thread learns: its own dictionary of surface tokens, and per text the counts
// of local surface ids. The token kind is kept as the key's first byte, so a hashtag and a word
// with the same letters stay apart.
struct WorkerState {
  internal::StringTable ids;  // surface key -> local id, or -1 for a dropped stop word
  std::vector<std::string> surfaces;
  std::uint64_t tokens = 0;
  std::uint64_t kept = 0;
};

// Phase 1's result: every text's counts of its worker's surfaces, (local surface id, count),
// in the worker's storage (adopted by `rows` at the end of the phase).
struct SurfaceCounts {
  std::vector<WorkerState> workers;
  std::vector<int> worker_of;  // per text
  CountRows rows;
};

// Phase 2's result: one numbering of the surfaces of every worker.
struct GlobalSurfaces {
  std::vector<std::string> keys;                            // kind byte + surface text
  std::vector<std::vector<std::uint32_t>> local_to_global;  // per worker
};

// Phase 4's result: term ids, the distinct terms in byte order.
struct TermIds {
  std::vector<std::string> terms;
  std::vector<std::uint32_t> of_surface;  // global surface -> term id
};

// Counts one text's tokens into dense per-surface counters. Each distinct surface is looked up
// in the stop-word list once per worker: the answer is cached in the worker's table as -1.
struct Counter : TokenSink {
  WorkerState* state = nullptr;
  const Normalizer* normalizer = nullptr;
  std::string key;
  std::vector<std::uint32_t> counts;
  std::vector<std::uint32_t> touched;
  std::vector<TermCount> row;  // the text's counts, before they are stored

  void OnToken(std::string_view text, Token::Kind kind) override {
    if (kind == Token::Kind::kElision) return;
    ++state->tokens;
    const auto kind_byte = static_cast<std::uint8_t>(kind);
    const std::int64_t found = state->ids.FindOrInsert(kind_byte, text, [&]() -> std::int64_t {
      // IsDropped only reads the stop-word set, so sharing the normaliser here is safe.
      if (normalizer->IsDropped(Token{std::string(text), kind})) return -1;
      key.assign(1, static_cast<char>('0' + static_cast<int>(kind)));
      key.append(text);
      state->surfaces.push_back(key);
      return static_cast<std::int64_t>(state->surfaces.size() - 1);
    });
    if (found < 0) return;
    ++state->kept;
    const auto id = static_cast<std::uint32_t>(found);
    if (id >= counts.size()) counts.resize(std::max<std::size_t>(id + 1, counts.size() * 2), 0);
    if (counts[id]++ == 0) touched.push_back(id);
  }
};

// Sorts a row by term id: an LSD radix sort on the id's `key_bytes` low bytes (two passes for a
// vocabulary under 65,536 terms), several times faster than std::sort on the few hundred
// distinct terms of a text; stable, so equal ids keep their order.
void SortByTerm(MutableCountRow row, std::vector<TermCount>* scratch, int key_bytes) {
  if (row.size() < 64) {
    std::sort(row.begin(), row.end(),
              [](const TermCount& x, const TermCount& y) { return x.term < y.term; });
    return;
  }
  scratch->resize(row.size());
  TermCount* from = row.data();
  TermCount* to = scratch->data();
  for (int b = 0; b < key_bytes; ++b) {
    const int shift = 8 * b;
    std::size_t offsets[257] = {};
    for (std::size_t i = 0; i < row.size(); ++i) ++offsets[((from[i].term >> shift) & 0xFF) + 1];
    for (int i = 0; i < 256; ++i) offsets[i + 1] += offsets[i];
    for (std::size_t i = 0; i < row.size(); ++i)
      to[offsets[(from[i].term >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  // Copied back: the row stays where it is in the rows' storage.
  if (from != row.data()) std::copy(from, from + row.size(), row.data());
}

Token FromKey(const std::string& key) {
  return Token{key.substr(1), static_cast<Token::Kind>(key[0] - '0')};
}

// Phase 1, in parallel: tokenise every text and count its surfaces in its worker's dictionary.
Result<SurfaceCounts> CountSurfaces(const std::vector<std::string_view>& texts,
                                    const TermOptions& options, const Normalizer& normalizer,
                                    int workers, const std::function<void(std::size_t)>& done) {
  std::vector<std::unique_ptr<Tokenizer>> tokenizers;
  for (int w = 0; w < workers; ++w) {
    TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer t, Tokenizer::Create(options.language, options.tokenizer));
    tokenizers.push_back(std::make_unique<Tokenizer>(std::move(t)));
  }
  SurfaceCounts out;
  out.workers.resize(static_cast<std::size_t>(workers));
  out.worker_of.resize(texts.size());
  out.rows.Resize(texts.size());
  std::vector<CountStorage> storage(static_cast<std::size_t>(workers));
  internal::ParallelForBlocks(
      texts.size(), kTextsPerTask, workers, [&](const internal::Block& block, int worker) {
        Counter counter;
        counter.state = &out.workers[static_cast<std::size_t>(worker)];
        counter.normalizer = &normalizer;
        for (std::size_t d = block.begin; d < block.end; ++d) {
          counter.touched.clear();
          tokenizers[static_cast<std::size_t>(worker)]->Tokenize(texts[d], counter);
          if (done) done(d);
          out.worker_of[d] = worker;
          counter.row.clear();
          for (const std::uint32_t id : counter.touched) {
            counter.row.push_back({id, counter.counts[id]});
            counter.counts[id] = 0;
          }
          out.rows.Set(d, storage[static_cast<std::size_t>(worker)].Store(
                              Span<const TermCount>(counter.row.data(), counter.row.size())));
        }
      });
  for (CountStorage& s : storage) out.rows.Adopt(std::move(s));
  return out;
}

// Phase 2: the workers' dictionaries merged into one numbering of the surfaces.
GlobalSurfaces MergeSurfaces(std::vector<WorkerState>* workers) {
  GlobalSurfaces out;
  internal::StringTable ids;
  out.local_to_global.resize(workers->size());
  for (std::size_t w = 0; w < workers->size(); ++w) {
    std::vector<std::string>& surfaces = (*workers)[w].surfaces;
    out.local_to_global[w].resize(surfaces.size());
    for (std::size_t i = 0; i < surfaces.size(); ++i) {
      out.local_to_global[w][i] = static_cast<std::uint32_t>(ids.FindOrInsert(0, surfaces[i], [&] {
        out.keys.push_back(surfaces[i]);
        return static_cast<std::int64_t>(out.keys.size() - 1);
      }));
    }
    std::vector<std::string>().swap(surfaces);
  }
  return out;
}

// Phase 3, in parallel: the term of each distinct surface, each stemmed once. A stemmer is not
// thread-safe, so each worker gets its own (worker 0 uses `normalizer`).
Result<std::vector<std::string>> StemSurfaces(const std::vector<std::string>& keys,
                                              const TermOptions& options, Normalizer* normalizer,
                                              int workers) {
  std::vector<Normalizer> stemmers;
  for (int w = 1; w < workers; ++w) {
    TRENDSCAN_ASSIGN_OR_RETURN(
        Normalizer n, Normalizer::Create(options.language, options.normalizer, StopwordList()));
    stemmers.push_back(std::move(n));
  }
  std::vector<std::string> terms(keys.size());
  internal::ParallelForBlocks(
      keys.size(), kSurfacesPerTask, workers, [&](const internal::Block& block, int worker) {
        Normalizer& n = worker == 0 ? *normalizer : stemmers[static_cast<std::size_t>(worker - 1)];
        for (std::size_t g = block.begin; g < block.end; ++g) terms[g] = n.Term(FromKey(keys[g]));
      });
  return terms;
}

// Phase 4: term ids, the distinct terms in byte order, found by one sort of the surfaces by term.
TermIds AssignTermIds(std::vector<std::string> surface_term) {
  std::vector<std::uint32_t> by_term(surface_term.size());
  std::iota(by_term.begin(), by_term.end(), 0u);
  std::sort(by_term.begin(), by_term.end(),
            [&](std::uint32_t x, std::uint32_t y) { return surface_term[x] < surface_term[y]; });
  TermIds out;
  out.of_surface.resize(surface_term.size());
  for (std::uint32_t g : by_term) {
    if (out.terms.empty() || out.terms.back() != surface_term[g]) {
      out.terms.push_back(std::move(surface_term[g]));
    }
    out.of_surface[g] = static_cast<std::uint32_t>(out.terms.size() - 1);
  }
  return out;
}

// Phase 5, in parallel: each text's counts remapped in place (local surface id -> term id, so
// no second copy of the counts exists), sorted, and the surfaces sharing a stem merged. Fills
// the rows, document frequencies and totals of `result`, and returns each surface's total. The
// totals are integer sums kept per worker and added afterwards, so they do not depend on the
// schedule.
std::vector<std::uint64_t> RemapRows(SurfaceCounts* texts, const GlobalSurfaces& global,
                                     const TermIds& ids, int workers, TermCounts* result) {
  struct Totals {
    std::vector<std::uint64_t> surface;
    std::vector<std::uint32_t> df;
    std::vector<std::uint64_t> count;
  };
  const std::size_t n_terms = ids.terms.size();
  std::vector<Totals> totals(static_cast<std::size_t>(workers));
  for (Totals& t : totals) {
    t.surface.assign(global.keys.size(), 0);
    t.df.assign(n_terms, 0);
    t.count.assign(n_terms, 0);
  }
  // Per worker: the row being remapped, the sort's second buffer, room for rows that outgrow
  // theirs (a packed row whose merged counts reach 256).
  std::vector<std::vector<TermCount>> row_of(static_cast<std::size_t>(workers));
  std::vector<std::vector<TermCount>> scratch(static_cast<std::size_t>(workers));
  std::vector<CountStorage> spare(static_cast<std::size_t>(workers));
  int key_bytes = 1;
  while (key_bytes < 4 && (n_terms >> (8 * key_bytes)) > 0) ++key_bytes;
  CountRows& rows = texts->rows;
  internal::ParallelForBlocks(
      rows.size(), kTextsPerTask, workers, [&](const internal::Block& block, int worker) {
        const auto w = static_cast<std::size_t>(worker);
        Totals& t = totals[w];
        std::vector<TermCount>& row = row_of[w];
        for (std::size_t d = block.begin; d < block.end; ++d) {
          const auto& map = global.local_to_global[static_cast<std::size_t>(texts->worker_of[d])];
          const CountRow stored = rows[d];
          row.assign(stored.begin(), stored.end());
          for (TermCount& tc : row) {
            const std::uint32_t g = map[tc.term];
            t.surface[g] += tc.count;
            tc.term = ids.of_surface[g];
          }
          SortByTerm(MutableCountRow(row.data(), row.size()), &scratch[w], key_bytes);
          SumRepeatedTerms(&row);
          rows.Rewrite(d, Span<const TermCount>(row.data(), row.size()), &spare[w]);
          for (const TermCount& tc : row) {
            ++t.df[tc.term];
            t.count[tc.term] += tc.count;
          }
        }
      });
  for (CountStorage& s : spare) rows.Adopt(std::move(s));
  std::vector<int>().swap(texts->worker_of);
  result->rows = std::move(rows);
  Vocabulary& vocab = result->vocabulary;
  vocab.document_frequency.assign(n_terms, 0);
  vocab.total_count.assign(n_terms, 0);
  std::vector<std::uint64_t> surface_total(global.keys.size(), 0);
  for (const Totals& t : totals) {
    for (std::size_t g = 0; g < surface_total.size(); ++g) surface_total[g] += t.surface[g];
    for (std::size_t i = 0; i < n_terms; ++i) {
      vocab.document_frequency[i] += t.df[i];
      vocab.total_count[i] += t.count[i];
    }
  }
  return surface_total;
}

// Whether a surface seen `count` times should replace the display form chosen so far (`best`
// times, `display`): the most frequent surface wins, ties go to the smaller string.
bool BetterDisplay(std::uint64_t count, std::string_view surface, std::uint64_t best,
                   const std::string& display) {
  return count > best || (count == best && surface < display);
}

// The display form of each term: its most frequent surface; ties go to the smaller string.
std::vector<std::string> DisplayForms(const GlobalSurfaces& global, const TermIds& ids,
                                      const std::vector<std::uint64_t>& surface_total) {
  std::vector<std::string> display(ids.terms.size());
  std::vector<std::uint64_t> best(ids.terms.size(), 0);
  for (std::size_t g = 0; g < global.keys.size(); ++g) {
    const std::uint32_t t = ids.of_surface[g];
    const std::string_view surface = std::string_view(global.keys[g]).substr(1);
    if (BetterDisplay(surface_total[g], surface, best[t], display[t])) {
      best[t] = surface_total[g];
      display[t] = std::string(surface);
    }
  }
  return display;
}

}  // namespace

Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TermOptions& options, int threads,
                              const std::function<void(std::size_t)>& done,
                              SurfaceTally* surfaces) {
  const int workers = internal::ResolveThreads(threads);
  TRENDSCAN_ASSIGN_OR_RETURN(
      Normalizer normalizer,
      Normalizer::Create(options.language, options.normalizer, options.stopwords));
  TRENDSCAN_ASSIGN_OR_RETURN(SurfaceCounts counted,
                             CountSurfaces(texts, options, normalizer, workers, done));
  GlobalSurfaces global = MergeSurfaces(&counted.workers);
  TRENDSCAN_ASSIGN_OR_RETURN(std::vector<std::string> surface_terms,
                             StemSurfaces(global.keys, options, &normalizer, workers));
  TermIds ids = AssignTermIds(std::move(surface_terms));

  TermCounts result;
  const std::vector<std::uint64_t> surface_total =
      RemapRows(&counted, global, ids, workers, &result);
  result.vocabulary.display = DisplayForms(global, ids, surface_total);
  result.vocabulary.terms = std::move(ids.terms);
  if (surfaces != nullptr) {
    surfaces->term = std::move(ids.of_surface);
    surfaces->count = surface_total;
    surfaces->keys = std::move(global.keys);
  }
  for (const WorkerState& w : counted.workers) {
    result.tokens += w.tokens;
    result.kept_tokens += w.kept;
  }
  return result;
}

Vocabulary MergeVocabularies(const std::vector<const Vocabulary*>& parts,
                             const std::vector<const SurfaceTally*>& tallies,
                             std::vector<std::vector<std::uint32_t>>* term_maps) {
  // The union of the sorted term lists, by one sort of (term, part, id) references.
  struct Ref {
    const std::string* term;
    std::uint32_t part;
    std::uint32_t id;
  };
  std::vector<Ref> refs;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (std::size_t t = 0; t < parts[p]->size(); ++t) {
      refs.push_back(
          {&parts[p]->terms[t], static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(t)});
    }
  }
  std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
    const int c = a.term->compare(*b.term);
    return c != 0 ? c < 0 : a.part < b.part;
  });
  term_maps->assign(parts.size(), {});
  for (std::size_t p = 0; p < parts.size(); ++p) (*term_maps)[p].resize(parts[p]->size());
  Vocabulary merged;
  for (const Ref& r : refs) {
    if (merged.terms.empty() || merged.terms.back() != *r.term) {
      merged.terms.push_back(*r.term);
      merged.document_frequency.push_back(0);
      merged.total_count.push_back(0);
    }
    const std::size_t id = merged.terms.size() - 1;
    (*term_maps)[r.part][r.id] = static_cast<std::uint32_t>(id);
    merged.document_frequency[id] += parts[r.part]->document_frequency[r.id];
    merged.total_count[id] += parts[r.part]->total_count[r.id];
  }
  // Surface counts summed over the parts (a surface always has the same term), then the display
  // forms chosen by the rule CountTerms applies.
  internal::StringTable surface_ids;
  std::vector<std::uint64_t> surface_count;
  std::vector<std::uint32_t> surface_term;
  std::vector<const std::string*> surface_key;
  for (std::size_t p = 0; p < tallies.size(); ++p) {
    const SurfaceTally& tally = *tallies[p];
    for (std::size_t s = 0; s < tally.keys.size(); ++s) {
      const auto g = static_cast<std::size_t>(surface_ids.FindOrInsert(0, tally.keys[s], [&] {
        surface_count.push_back(0);
        surface_term.push_back((*term_maps)[p][tally.term[s]]);
        surface_key.push_back(&tally.keys[s]);
        return static_cast<std::int64_t>(surface_count.size() - 1);
      }));
      surface_count[g] += tally.count[s];
    }
  }
  merged.display.assign(merged.terms.size(), std::string());
  std::vector<std::uint64_t> best(merged.terms.size(), 0);
  for (std::size_t g = 0; g < surface_count.size(); ++g) {
    const std::uint32_t t = surface_term[g];
    const std::string_view surface = std::string_view(*surface_key[g]).substr(1);
    if (BetterDisplay(surface_count[g], surface, best[t], merged.display[t])) {
      best[t] = surface_count[g];
      merged.display[t] = std::string(surface);
    }
  }
  return merged;
}

}  // namespace trendscan
