#include "trendscan/vectorize/tfidf.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "util/parallel.hpp"

namespace trendscan {
namespace {

constexpr std::size_t kRowsPerTask = 1024;

// 1 + ln(tf) for the small counts that make up nearly every entry, computed once.
const std::array<double, 64>& SublinearTable() {
  static const std::array<double, 64> table = [] {
    std::array<double, 64> t{};
    for (std::size_t c = 1; c < t.size(); ++c) t[c] = 1.0 + std::log(static_cast<double>(c));
    return t;
  }();
  return table;
}

// The document-frequency bounds as counts of documents, or why they are inconsistent.
Status DocumentFrequencyBounds(const TfidfOptions& options, std::size_t rows, double* min_count,
                               double* max_count) {
  const double n = static_cast<double>(rows);
  if (!(options.min_df >= 0) || !(options.max_df > 0)) {
    return Status::InvalidArgument("--min-df must be >= 0 and --max-df > 0");
  }
  *min_count = options.min_df < 1 ? options.min_df * n : options.min_df;
  *max_count = options.max_df <= 1 ? options.max_df * n : options.max_df;
  if (*min_count > *max_count) {
    std::ostringstream msg;
    msg << "--min-df " << options.min_df << " keeps terms in at least " << *min_count
        << " documents but --max-df " << options.max_df << " allows at most " << *max_count
        << " (of " << rows << ")";
    return Status::InvalidArgument(msg.str());
  }
  return Status::Ok();
}

// The document frequency of each term over `rows` (which may be fewer, or merged, texts than
// the ones the vocabulary counted).
std::vector<std::uint32_t> DocumentFrequencies(const CountRows& rows, std::size_t terms) {
  std::vector<std::uint32_t> df(terms, 0);
  for (const auto& row : rows) {
    for (const TermCount& tc : row) ++df[tc.term];
  }
  return df;
}

// The kept terms: the columns, their vocabulary and idf, and each term's column.
Status ChooseColumns(const Vocabulary& all, const CountRows& rows,
                     const std::vector<std::uint32_t>& df_of, const TfidfOptions& options,
                     TfidfMatrix* out) {
  double min_count = 0;
  double max_count = 0;
  TRENDSCAN_RETURN_IF_ERROR(DocumentFrequencyBounds(options, rows.size(), &min_count, &max_count));
  const double n = static_cast<double>(rows.size());
  out->column_of_term.assign(all.size(), -1);
  for (std::size_t t = 0; t < all.size(); ++t) {
    const double df = df_of[t];
    if (df < min_count || df > max_count || df == 0) continue;
    out->column_of_term[t] = static_cast<std::int32_t>(out->vocabulary.size());
    out->vocabulary.terms.push_back(all.terms[t]);
    out->vocabulary.display.push_back(all.display[t]);
    out->vocabulary.document_frequency.push_back(df_of[t]);
    out->vocabulary.total_count.push_back(all.total_count[t]);
    const double idf = std::log((1.0 + n) / (1.0 + df)) + 1.0;
    out->idf.push_back(
        static_cast<float>(options.idf_power == 1.0 ? idf : std::pow(idf, options.idf_power)));
  }
  if (out->vocabulary.size() == 0 && all.size() == 0) {
    // Not the bounds: nothing was left to bound (`trendscan analyze` of "un" or "the end").
    return Status::EmptyInput("no word left to analyse in the " + std::to_string(rows.size()) +
                              " document(s): every word is a stop word (--stopwords sets the "
                              "list); give texts with more words");
  }
  if (out->vocabulary.size() == 0) {
    std::ostringstream msg;
    msg << "no terms left after document-frequency filtering (" << all.size()
        << " distinct terms in " << rows.size() << " documents, --min-df " << options.min_df
        << ", --max-df " << options.max_df << "); try --min-df 1 or a larger --max-df";
    return Status::EmptyInput(msg.str());
  }
  return Status::Ok();
}

}  // namespace

double TermFrequencyWeight(std::uint32_t count, bool sublinear) {
  if (!sublinear) return static_cast<double>(count);
  const std::array<double, 64>& table = SublinearTable();
  return count < table.size() ? table[count] : 1.0 + std::log(static_cast<double>(count));
}

void WeighRow(const TfidfMatrix& m, CountRow counts, std::vector<int>* columns,
              std::vector<float>* weights) {
  double norm2 = 0;
  thread_local std::vector<double> w;
  w.clear();
  for (const TermCount& tc : counts) {
    const std::int32_t column = m.column_of_term[tc.term];
    if (column < 0) continue;
    columns->push_back(column);
    w.push_back(TermFrequencyWeight(tc.count, m.sublinear_tf) *
                m.idf[static_cast<std::size_t>(column)]);
    norm2 += w.back() * w.back();
  }
  const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
  for (double x : w) weights->push_back(static_cast<float>(x * inv));
}

namespace {

// Row i of the matrix is rows[order[i]] (rows[i] when `order` is empty).
Result<TfidfMatrix> BuildFrom(const Vocabulary& vocabulary, const CountRows& rows,
                              const std::vector<std::uint32_t>& df, const TfidfOptions& options,
                              const std::vector<std::size_t>& order, int threads) {
  TfidfOptions bounds = options;
  if (rows.size() < options.relax_below) {
    bounds.min_df = 1;
    bounds.max_df = 1.0;
  }
  TfidfMatrix out;
  out.sublinear_tf = options.sublinear_tf;
  TRENDSCAN_RETURN_IF_ERROR(ChooseColumns(vocabulary, rows, df, bounds, &out));
  // Two passes straight into Eigen's compressed arrays: count each row's kept terms, then fill
  // (rows in parallel: each row is computed alone, so the values do not depend on threads).
  const std::size_t n_rows = rows.size();
  out.matrix.resize(static_cast<Eigen::Index>(n_rows),
                    static_cast<Eigen::Index>(out.vocabulary.size()));
  int* outer = out.matrix.outerIndexPtr();
  outer[0] = 0;
  auto row = [&](std::size_t d) -> CountRow { return rows[order.empty() ? d : order[d]]; };
  for (std::size_t d = 0; d < n_rows; ++d) {
    int kept = 0;
    for (const TermCount& tc : row(d)) kept += out.column_of_term[tc.term] >= 0;
    outer[d + 1] = outer[d] + kept;
  }
  out.matrix.resizeNonZeros(outer[n_rows]);
  internal::ParallelForBlocks(
      n_rows, kRowsPerTask, threads, [&](const internal::Block& block, int) {
        std::vector<int> columns;
        std::vector<float> weights;
        for (std::size_t d = block.begin; d < block.end; ++d) {
          columns.clear();
          weights.clear();
          WeighRow(out, row(d), &columns, &weights);
          std::copy(columns.begin(), columns.end(), out.matrix.innerIndexPtr() + outer[d]);
          std::copy(weights.begin(), weights.end(), out.matrix.valuePtr() + outer[d]);
        }
      });
  return out;
}

}  // namespace

Result<TfidfMatrix> BuildTfidf(const TermCounts& counts, const TfidfOptions& options, int threads) {
  return BuildFrom(counts.vocabulary, counts.rows, counts.vocabulary.document_frequency, options,
                   {}, threads);
}

Result<TfidfMatrix> BuildTfidf(const Vocabulary& vocabulary, const CountRows& rows,
                               const TfidfOptions& options, int threads) {
  // The vocabulary's frequencies are those of the texts it counted; these rows have their own.
  return BuildFrom(vocabulary, rows, DocumentFrequencies(rows, vocabulary.size()), options, {},
                   threads);
}

Result<TfidfMatrix> BuildTfidf(const Vocabulary& vocabulary, const CountRows& rows,
                               const std::vector<std::size_t>& order, const TfidfOptions& options,
                               int threads) {
  return BuildFrom(vocabulary, rows, DocumentFrequencies(rows, vocabulary.size()), options, order,
                   threads);
}

CountRows MergeRows(const CountRows& rows, const std::vector<std::size_t>& group_of,
                    std::size_t groups) {
  // The rows of each group, in order: a counting sort by group.
  std::vector<std::size_t> first(groups + 1, 0);
  for (std::size_t i = 0; i < rows.size(); ++i) ++first[group_of[i] + 1];
  for (std::size_t g = 0; g < groups; ++g) first[g + 1] += first[g];
  std::vector<std::size_t> by_group(rows.size());
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < rows.size(); ++i) by_group[next[group_of[i]]++] = i;
  }
  CountRows merged;
  merged.Reserve(groups);
  std::vector<TermCount> row;
  for (std::size_t g = 0; g < groups; ++g) {
    row.clear();
    for (std::size_t k = first[g]; k < first[g + 1]; ++k) {
      const CountRow r = rows[by_group[k]];
      row.insert(row.end(), r.begin(), r.end());
    }
    std::sort(row.begin(), row.end(),
              [](const TermCount& a, const TermCount& b) { return a.term < b.term; });
    SumRepeatedTerms(&row);
    merged.Append(CountRow(row.data(), row.size()));
  }
  return merged;
}

}  // namespace trendscan
