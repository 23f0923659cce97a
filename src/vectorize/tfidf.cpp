#include "trendscan/vectorize/tfidf.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "util/parallel.hpp"

namespace trendscan {

Result<TfidfMatrix> BuildTfidf(const TermCounts& counts, const TfidfOptions& options,
                               int threads) {
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

  // Two passes straight into Eigen's compressed arrays: count each row's kept terms, then fill
  // (rows in parallel: each row is computed alone, so the values do not depend on threads).
  const std::size_t n_docs = counts.documents.size();
  out.matrix.resize(static_cast<Eigen::Index>(n_docs), static_cast<Eigen::Index>(out.vocabulary.size()));
  int* outer = out.matrix.outerIndexPtr();
  outer[0] = 0;
  for (std::size_t d = 0; d < n_docs; ++d) {
    int kept = 0;
    for (const TermCount& tc : counts.documents[d]) kept += new_id[tc.term] >= 0;
    outer[d + 1] = outer[d] + kept;
  }
  out.matrix.resizeNonZeros(outer[n_docs]);
  int* inner = out.matrix.innerIndexPtr();
  float* values = out.matrix.valuePtr();
  // 1 + ln(tf) for the small counts that make up nearly every entry, computed once.
  std::array<double, 64> sublinear{};
  for (std::size_t c = 1; c < sublinear.size(); ++c) sublinear[c] = 1.0 + std::log(static_cast<double>(c));
  constexpr std::size_t kRowsPerTask = 1024;
  internal::ParallelFor((n_docs + kRowsPerTask - 1) / kRowsPerTask, threads, [&](std::size_t task, int) {
    std::vector<double> row_values;
    const std::size_t end = std::min(n_docs, (task + 1) * kRowsPerTask);
    for (std::size_t d = task * kRowsPerTask; d < end; ++d) {
      row_values.clear();
      double norm2 = 0;
      int at = outer[d];
      for (const TermCount& tc : counts.documents[d]) {
        const std::int32_t id = new_id[tc.term];
        if (id < 0) continue;
        const double tf = !options.sublinear_tf ? static_cast<double>(tc.count)
                          : tc.count < sublinear.size()
                              ? sublinear[tc.count]
                              : 1.0 + std::log(static_cast<double>(tc.count));
        const double w = tf * out.idf[static_cast<std::size_t>(id)];
        inner[at++] = id;
        row_values.push_back(w);
        norm2 += w * w;
      }
      const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
      for (std::size_t i = 0; i < row_values.size(); ++i) {
        values[outer[d] + static_cast<int>(i)] = static_cast<float>(row_values[i] * inv);
      }
    }
  });
  return out;
}

}  // namespace trendscan
