#include "trendscan/vectorize/term_counts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>

#include "util/parallel.hpp"
#include "util/string_table.hpp"

namespace trendscan {
namespace {

constexpr std::size_t kDocsPerTask = 32;

// What one worker thread learns: its own dictionary of surface tokens, and per document the
// counts of local surface ids. The token kind is kept as the key's first byte, so a hashtag and
// a word with the same letters stay apart.
struct WorkerState {
  internal::StringTable ids;  // surface key -> local id, or -1 for a dropped stop word
  std::vector<std::string> surfaces;
  std::uint64_t tokens = 0;
  std::uint64_t kept = 0;
};

struct DocCounts {
  int worker = 0;
  std::vector<TermCount> local;  // (local surface id, count)
};

// Sorts a row by term id: an LSD radix sort on the id's `key_bytes` low bytes (two passes for a
// vocabulary under 65,536 terms), several times faster than std::sort on the few hundred
// distinct terms of a document; stable, so equal ids keep their order.
void SortByTerm(std::vector<TermCount>* row, std::vector<TermCount>* scratch, int key_bytes) {
  if (row->size() < 64) {
    std::sort(row->begin(), row->end(),
              [](const TermCount& x, const TermCount& y) { return x.term < y.term; });
    return;
  }
  scratch->resize(row->size());
  std::vector<TermCount>* from = row;
  std::vector<TermCount>* to = scratch;
  for (int b = 0; b < key_bytes; ++b) {
    const int shift = 8 * b;
    std::size_t offsets[257] = {};
    for (const TermCount& tc : *from) ++offsets[((tc.term >> shift) & 0xFF) + 1];
    for (int i = 0; i < 256; ++i) offsets[i + 1] += offsets[i];
    for (const TermCount& tc : *from) (*to)[offsets[(tc.term >> shift) & 0xFF]++] = tc;
    std::swap(from, to);
  }
  // Copied back rather than swapped: the row keeps its own, exactly sized, buffer.
  if (from != row) std::copy(scratch->begin(), scratch->end(), row->begin());
}

Token FromKey(const std::string& key) {
  return Token{key.substr(1), static_cast<Token::Kind>(key[0] - '0')};
}

}  // namespace

Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TokenizerOptions& tokenizer_options,
                              const NormalizerOptions& normalizer_options,
                              const StopwordList& stopwords, int threads,
                              const std::function<void(std::size_t)>& done) {
  const int workers = internal::ResolveThreads(threads);
  std::vector<std::unique_ptr<Tokenizer>> tokenizers;
  for (int w = 0; w < workers; ++w) {
    TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer t, Tokenizer::Create(tokenizer_options));
    tokenizers.push_back(std::make_unique<Tokenizer>(std::move(t)));
  }
  TRENDSCAN_ASSIGN_OR_RETURN(Normalizer normalizer,
                             Normalizer::Create(normalizer_options, stopwords));

  std::vector<WorkerState> states(static_cast<std::size_t>(workers));
  std::vector<DocCounts> docs(texts.size());
  const std::size_t tasks = (texts.size() + kDocsPerTask - 1) / kDocsPerTask;
  internal::ParallelFor(tasks, workers, [&](std::size_t task, int worker) {
    WorkerState& state = states[static_cast<std::size_t>(worker)];
    // Counts one document's tokens into dense per-surface counters. Each distinct surface is
    // looked up in the stop-word list once per worker: the answer is cached in `ids` as -1.
    struct Counter : TokenSink {
      WorkerState* state;
      const Normalizer* normalizer;
      std::string key;
      std::vector<std::uint32_t> counts;
      std::vector<std::uint32_t> touched;
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
    } counter;
    counter.state = &state;
    counter.normalizer = &normalizer;
    const std::size_t end = std::min(texts.size(), (task + 1) * kDocsPerTask);
    for (std::size_t d = task * kDocsPerTask; d < end; ++d) {
      counter.touched.clear();
      tokenizers[static_cast<std::size_t>(worker)]->Tokenize(texts[d], counter);
      if (done) done(d);
      DocCounts& out = docs[d];
      out.worker = worker;
      out.local.reserve(counter.touched.size());
      for (std::uint32_t id : counter.touched) {
        out.local.push_back({id, counter.counts[id]});
        counter.counts[id] = 0;
      }
    }
  });

  // Merge the workers' dictionaries into global surfaces, then stem each distinct one once.
  internal::StringTable global_ids;
  std::vector<std::string> global_surfaces;
  std::vector<std::vector<std::uint32_t>> local_to_global(states.size());
  for (std::size_t w = 0; w < states.size(); ++w) {
    local_to_global[w].resize(states[w].surfaces.size());
    for (std::size_t i = 0; i < states[w].surfaces.size(); ++i) {
      const std::string& surface = states[w].surfaces[i];
      local_to_global[w][i] = static_cast<std::uint32_t>(global_ids.FindOrInsert(0, surface, [&] {
        global_surfaces.push_back(surface);
        return static_cast<std::int64_t>(global_surfaces.size() - 1);
      }));
    }
    std::vector<std::string>().swap(states[w].surfaces);
  }
  // Stemming, in parallel: a stemmer is not thread-safe, so each worker gets its own.
  std::vector<Normalizer> stemmers;
  for (int w = 1; w < workers; ++w) {
    TRENDSCAN_ASSIGN_OR_RETURN(Normalizer n,
                               Normalizer::Create(normalizer_options, StopwordList()));
    stemmers.push_back(std::move(n));
  }
  std::vector<std::string> surface_term(global_surfaces.size());
  constexpr std::size_t kSurfacesPerTask = 1024;
  const std::size_t stem_tasks = (global_surfaces.size() + kSurfacesPerTask - 1) / kSurfacesPerTask;
  internal::ParallelFor(stem_tasks, workers, [&](std::size_t task, int worker) {
    Normalizer& n = worker == 0 ? normalizer : stemmers[static_cast<std::size_t>(worker - 1)];
    const std::size_t end = std::min(global_surfaces.size(), (task + 1) * kSurfacesPerTask);
    for (std::size_t g = task * kSurfacesPerTask; g < end; ++g) {
      surface_term[g] = n.Term(FromKey(global_surfaces[g]));
    }
  });
  // Term ids: the distinct terms in byte order, found by one sort of the surfaces by term.
  std::vector<std::uint32_t> by_term(global_surfaces.size());
  std::iota(by_term.begin(), by_term.end(), 0u);
  std::sort(by_term.begin(), by_term.end(), [&](std::uint32_t x, std::uint32_t y) {
    return surface_term[x] < surface_term[y];
  });
  std::vector<std::string> terms;
  std::vector<std::uint32_t> surface_to_term(global_surfaces.size());
  for (std::uint32_t g : by_term) {
    if (terms.empty() || terms.back() != surface_term[g]) terms.push_back(std::move(surface_term[g]));
    surface_to_term[g] = static_cast<std::uint32_t>(terms.size() - 1);
  }

  TermCounts result;
  Vocabulary& vocab = result.vocabulary;
  vocab.terms = std::move(terms);
  vocab.document_frequency.assign(vocab.size(), 0);
  vocab.total_count.assign(vocab.size(), 0);
  std::vector<std::uint64_t> surface_total(global_surfaces.size(), 0);
  result.documents.resize(texts.size());
  // Per document, in parallel: remap in place (local surface id -> term id, so no second copy of
  // the counts exists), sort, merge the surfaces that share a stem. The totals are integer sums
  // kept per worker and added afterwards, so they do not depend on the schedule.
  struct Totals {
    std::vector<std::uint64_t> surface;
    std::vector<std::uint32_t> df;
    std::vector<std::uint64_t> count;
  };
  std::vector<Totals> totals(static_cast<std::size_t>(workers));
  std::vector<std::vector<TermCount>> scratch(static_cast<std::size_t>(workers));
  int key_bytes = 1;
  while (key_bytes < 4 && (vocab.size() >> (8 * key_bytes)) > 0) ++key_bytes;
  for (Totals& t : totals) {
    t.surface.assign(global_surfaces.size(), 0);
    t.df.assign(vocab.size(), 0);
    t.count.assign(vocab.size(), 0);
  }
  internal::ParallelFor(tasks, workers, [&](std::size_t task, int worker) {
    Totals& t = totals[static_cast<std::size_t>(worker)];
    const std::size_t end = std::min(docs.size(), (task + 1) * kDocsPerTask);
    for (std::size_t d = task * kDocsPerTask; d < end; ++d) {
      const auto& map = local_to_global[static_cast<std::size_t>(docs[d].worker)];
      std::vector<TermCount>& row = docs[d].local;
      for (TermCount& tc : row) {
        const std::uint32_t g = map[tc.term];
        t.surface[g] += tc.count;
        tc.term = surface_to_term[g];
      }
      SortByTerm(&row, &scratch[static_cast<std::size_t>(worker)], key_bytes);
      std::size_t out = 0;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (out > 0 && row[out - 1].term == row[i].term) {
          row[out - 1].count += row[i].count;
        } else {
          row[out++] = row[i];
        }
      }
      row.resize(out);
      for (const TermCount& tc : row) {
        ++t.df[tc.term];
        t.count[tc.term] += tc.count;
      }
      result.documents[d] = std::move(row);
    }
  });
  for (const Totals& t : totals) {
    for (std::size_t g = 0; g < surface_total.size(); ++g) surface_total[g] += t.surface[g];
    for (std::size_t i = 0; i < vocab.size(); ++i) {
      vocab.document_frequency[i] += t.df[i];
      vocab.total_count[i] += t.count[i];
    }
  }
  // Display form: the most frequent surface of each term; ties go to the smaller string.
  vocab.display.assign(vocab.size(), std::string());
  std::vector<std::uint64_t> best(vocab.size(), 0);
  for (std::size_t g = 0; g < global_surfaces.size(); ++g) {
    const std::uint32_t t = surface_to_term[g];
    const std::string surface = global_surfaces[g].substr(1);
    if (surface_total[g] > best[t] || (surface_total[g] == best[t] && surface < vocab.display[t])) {
      best[t] = surface_total[g];
      vocab.display[t] = surface;
    }
  }
  for (const WorkerState& s : states) {
    result.tokens += s.tokens;
    result.kept_tokens += s.kept;
  }
  return result;
}

}  // namespace trendscan
