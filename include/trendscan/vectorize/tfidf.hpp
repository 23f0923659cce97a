// Vectorize, second half: term counts (term_counts.hpp) become the TF-IDF matrix the clustering
// core works on, with document-frequency bounds choosing the columns.
#ifndef TRENDSCAN_VECTORIZE_TFIDF_HPP_
#define TRENDSCAN_VECTORIZE_TFIDF_HPP_

#include <vector>

#include "trendscan/sparse_matrix.hpp"
#include "trendscan/status.hpp"
#include "trendscan/vectorize/term_counts.hpp"

namespace trendscan {

struct TfidfOptions {
  // With fewer rows than this, the bounds below are relaxed to every term (min_df 1, max_df
  // 1.0): on a handful of texts a document-frequency bound removes most of the evidence (on 4
  // texts, min-df 2 and max-df 0.5 keep only the words of exactly 2). 0 = never relax (what a
  // user who sets the bounds gets). Default 20.
  std::size_t relax_below = 20;
  // Minimum document frequency: a count when >= 1, a proportion of documents when < 1.
  // Default 2: a word seen in one document cannot group documents.
  double min_df = 2;
  // Maximum document frequency: a proportion when <= 1, a count when > 1. Default 0.5 drops
  // words present in more than half the documents, which separate nothing.
  double max_df = 0.5;
  // The idf raised to this power: above 1 rare terms weigh more against common ones. Default 1
  // (plain TF-IDF): 2 raised NMI on 20news and sib200 but lowered it on our small French
  // corpora (BENCHMARKS.md, "Term weighting").
  double idf_power = 1.0;
  // Weight term frequency as 1 + ln(tf) instead of tf. Default on: a word repeated ten times in
  // a post says less than ten times more about its theme.
  bool sublinear_tf = true;
};

// The TF-IDF matrix: tf * idf with the smoothed idf ln((1 + n) / (1 + df)) + 1, each row
// L2-normalised (so a dot product of two rows is their cosine). Rows of texts with no term
// left after filtering are empty.
struct TfidfMatrix {
  SparseRows matrix;       // one row per text (unit) x kept terms
  Vocabulary vocabulary;   // the kept terms only, same order as the columns
  std::vector<float> idf;  // per column
  // Term id in TermCounts::vocabulary -> its column, or -1 when filtered out.
  std::vector<std::int32_t> column_of_term;
  bool sublinear_tf = true;  // how tf was weighted (TfidfOptions::sublinear_tf)

  TfidfMatrix() = default;
  // Eigen 3.4's SparseMatrix copies when "moved"; swapping makes moves of the (large) matrix
  // free, which keeps peak memory at one copy of it.
  TfidfMatrix(TfidfMatrix&& other) noexcept { *this = std::move(other); }
  TfidfMatrix& operator=(TfidfMatrix&& other) noexcept {
    matrix.swap(other.matrix);
    vocabulary = std::move(other.vocabulary);
    idf = std::move(other.idf);
    column_of_term = std::move(other.column_of_term);
    sublinear_tf = other.sublinear_tf;
    return *this;
  }
  TfidfMatrix(const TfidfMatrix&) = default;
  TfidfMatrix& operator=(const TfidfMatrix&) = default;
};

// Fails with kInvalidArgument when the bounds are inconsistent (negative, min above max), and
// kEmptyInput when no term survives them.
// Rows are computed on `threads` threads (0 = all cores); the matrix does not depend on it.
Result<TfidfMatrix> BuildTfidf(const TermCounts& counts, const TfidfOptions& options,
                               int threads = 0);

// The same over rows of counts of `vocabulary` given apart (each row sorted by term, as
// TermCounts::rows): documents made of several units, say, with the units' vocabulary.
Result<TfidfMatrix> BuildTfidf(const Vocabulary& vocabulary, const CountRows& rows,
                               const TfidfOptions& options, int threads = 0);

// The same with the matrix's rows in `order` (a permutation of the rows: row i of the matrix
// is rows[order[i]]), as the pipeline builds them in an order that does not depend on the
// order of its inputs.
Result<TfidfMatrix> BuildTfidf(const Vocabulary& vocabulary, const CountRows& rows,
                               const std::vector<std::size_t>& order, const TfidfOptions& options,
                               int threads = 0);

// Each text's counts merged by group: rows[i] goes to group_of[i] (groups numbered from 0,
// `groups` of them), each merged row sorted by term.
CountRows MergeRows(const CountRows& rows, const std::vector<std::size_t>& group_of,
                    std::size_t groups);

// The term-frequency part of the weighting: 1 + ln(count) when sublinear, else the count.
double TermFrequencyWeight(std::uint32_t count, bool sublinear = true);

// The one TF-IDF weighting, as BuildTfidf weights each row: the counts (term ids of the full
// vocabulary, sorted by term) of the terms that are columns of `m`, weighted tf (or 1 + ln tf)
// x idf and L2-normalised, appended to `columns` and `weights` in column order. Used again for
// a row made of several texts' merged counts (a document cut into paragraphs).
void WeighRow(const TfidfMatrix& m, CountRow counts, std::vector<int>* columns,
              std::vector<float>* weights);

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZE_TFIDF_HPP_
