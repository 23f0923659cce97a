#include "trendscan/vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "parallel.hpp"

namespace trendscan {
namespace {

constexpr std::size_t kDocsPerTask = 32;

// What one worker thread learns: its own dictionary of surface tokens, and per document the
// counts of local surface ids. The token kind is kept as the key's first byte, so a hashtag and
// a word with the same letters stay apart.
struct WorkerState {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> surfaces;
  std::uint64_t tokens = 0;
  std::uint64_t kept = 0;
};

struct DocCounts {
  int worker = 0;
  std::vector<TermCount> local;  // (local surface id, count)
};

std::string Key(const Token& t) {
  std::string key;
  key.reserve(t.text.size() + 1);
  key.push_back(static_cast<char>('0' + static_cast<int>(t.kind)));
  key += t.text;
  return key;
}

Token FromKey(const std::string& key) {
  return Token{key.substr(1), static_cast<Token::Kind>(key[0] - '0')};
}

}  // namespace

Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TokenizerOptions& tokenizer_options,
                              const NormalizerOptions& normalizer_options,
                              const StopwordList& stopwords, int threads) {
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
    std::vector<Token> tokens;
    std::unordered_map<std::uint32_t, std::uint32_t> counts;
    const std::size_t end = std::min(texts.size(), (task + 1) * kDocsPerTask);
    for (std::size_t d = task * kDocsPerTask; d < end; ++d) {
      tokens.clear();
      counts.clear();
      tokenizers[static_cast<std::size_t>(worker)]->Tokenize(texts[d], &tokens);
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kElision) continue;
        ++state.tokens;
        // IsDropped only reads the stop-word set, so sharing the normaliser here is safe.
        if (normalizer.IsDropped(token)) continue;
        ++state.kept;
        auto [it, inserted] =
            state.ids.try_emplace(Key(token), static_cast<std::uint32_t>(state.surfaces.size()));
        if (inserted) state.surfaces.push_back(it->first);
        ++counts[it->second];
      }
      DocCounts& out = docs[d];
      out.worker = worker;
      out.local.reserve(counts.size());
      for (const auto& [id, n] : counts) out.local.push_back({id, n});
    }
  });

  // Merge the workers' dictionaries into global surfaces, then stem each distinct one once.
  std::unordered_map<std::string, std::uint32_t> global_ids;
  std::vector<std::string> global_surfaces;
  std::vector<std::vector<std::uint32_t>> local_to_global(states.size());
  for (std::size_t w = 0; w < states.size(); ++w) {
    local_to_global[w].resize(states[w].surfaces.size());
    for (std::size_t i = 0; i < states[w].surfaces.size(); ++i) {
      auto [it, inserted] = global_ids.try_emplace(
          states[w].surfaces[i], static_cast<std::uint32_t>(global_surfaces.size()));
      if (inserted) global_surfaces.push_back(states[w].surfaces[i]);
      local_to_global[w][i] = it->second;
    }
  }
  std::vector<std::string> surface_term(global_surfaces.size());
  for (std::size_t g = 0; g < global_surfaces.size(); ++g) {
    surface_term[g] = normalizer.Term(FromKey(global_surfaces[g]));
  }
  std::vector<std::string> terms = surface_term;
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<std::uint32_t> surface_to_term(global_surfaces.size());
  for (std::size_t g = 0; g < global_surfaces.size(); ++g) {
    surface_to_term[g] = static_cast<std::uint32_t>(
        std::lower_bound(terms.begin(), terms.end(), surface_term[g]) - terms.begin());
  }

  TermCounts result;
  Vocabulary& vocab = result.vocabulary;
  vocab.terms = std::move(terms);
  vocab.document_frequency.assign(vocab.size(), 0);
  vocab.total_count.assign(vocab.size(), 0);
  std::vector<std::uint64_t> surface_total(global_surfaces.size(), 0);
  result.documents.resize(texts.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const auto& map = local_to_global[static_cast<std::size_t>(docs[d].worker)];
    std::vector<TermCount>& row = result.documents[d];
    row.reserve(docs[d].local.size());
    for (const TermCount& tc : docs[d].local) {
      const std::uint32_t g = map[tc.term];
      surface_total[g] += tc.count;
      row.push_back({surface_to_term[g], tc.count});
    }
    std::sort(row.begin(), row.end(),
              [](const TermCount& a, const TermCount& b) { return a.term < b.term; });
    // Several surfaces can share a stem: merge their counts.
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
      ++vocab.document_frequency[tc.term];
      vocab.total_count[tc.term] += tc.count;
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

Result<TfidfMatrix> BuildTfidf(const TermCounts& counts, const TfidfOptions& options) {
  const double n = static_cast<double>(counts.documents.size());
  if (!(options.min_df >= 0) || !(options.max_df > 0)) {
    return Status::InvalidArgument("--min-df must be >= 0 and --max-df > 0");
  }
  const double min_count = options.min_df < 1 ? options.min_df * n : options.min_df;
  const double max_count = options.max_df <= 1 ? options.max_df * n : options.max_df;
  if (min_count > max_count) {
    std::ostringstream msg;
    msg << "--min-df " << options.min_df << " keeps terms in at least " << min_count
        << " documents but --max-df " << options.max_df << " allows at most " << max_count
        << " (of " << counts.documents.size() << ")";
    return Status::InvalidArgument(msg.str());
  }
  const Vocabulary& all = counts.vocabulary;
  std::vector<std::int32_t> new_id(all.size(), -1);
  TfidfMatrix out;
  for (std::size_t t = 0; t < all.size(); ++t) {
    const double df = all.document_frequency[t];
    if (df < min_count || df > max_count || df == 0) continue;
    new_id[t] = static_cast<std::int32_t>(out.vocabulary.size());
    out.vocabulary.terms.push_back(all.terms[t]);
    out.vocabulary.display.push_back(all.display[t]);
    out.vocabulary.document_frequency.push_back(all.document_frequency[t]);
    out.vocabulary.total_count.push_back(all.total_count[t]);
    out.idf.push_back(static_cast<float>(std::log((1.0 + n) / (1.0 + df)) + 1.0));
  }
  if (out.vocabulary.size() == 0) {
    std::ostringstream msg;
    msg << "no terms left after document-frequency filtering (" << all.size()
        << " distinct terms in " << counts.documents.size() << " documents, --min-df "
        << options.min_df << ", --max-df " << options.max_df
        << "); try --min-df 1 or a larger --max-df";
    return Status::EmptyInput(msg.str());
  }

  const Eigen::Index rows = static_cast<Eigen::Index>(counts.documents.size());
  std::vector<int> outer(counts.documents.size() + 1, 0);
  std::vector<int> inner;
  std::vector<float> values;
  std::vector<double> row_values;
  for (std::size_t d = 0; d < counts.documents.size(); ++d) {
    row_values.clear();
    double norm2 = 0;
    for (const TermCount& tc : counts.documents[d]) {
      const std::int32_t id = new_id[tc.term];
      if (id < 0) continue;
      const double tf = options.sublinear_tf ? 1.0 + std::log(static_cast<double>(tc.count))
                                             : static_cast<double>(tc.count);
      const double w = tf * out.idf[static_cast<std::size_t>(id)];
      inner.push_back(id);
      row_values.push_back(w);
      norm2 += w * w;
    }
    const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
    for (double w : row_values) values.push_back(static_cast<float>(w * inv));
    outer[d + 1] = static_cast<int>(inner.size());
  }
  out.matrix.resize(rows, static_cast<Eigen::Index>(out.vocabulary.size()));
  out.matrix.resizeNonZeros(static_cast<Eigen::Index>(values.size()));
  std::copy(outer.begin(), outer.end(), out.matrix.outerIndexPtr());
  std::copy(inner.begin(), inner.end(), out.matrix.innerIndexPtr());
  std::copy(values.begin(), values.end(), out.matrix.valuePtr());
  return out;
}

}  // namespace trendscan
