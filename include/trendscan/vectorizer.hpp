// Stage 3: documents become vectors. CountTerms runs the text stages (tokenize, drop stop words,
// stem) over all documents in parallel and counts terms; BuildTfidf turns the counts into the
// TF-IDF matrix the clustering core works on.
#ifndef TRENDSCAN_VECTORIZER_HPP_
#define TRENDSCAN_VECTORIZER_HPP_

#include <Eigen/SparseCore>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/normalizer.hpp"
#include "trendscan/status.hpp"
#include "trendscan/tokenizer.hpp"

namespace trendscan {

// Rows are documents (or units), columns are terms; row-major so each row is one sparse vector.
using SparseRowMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

// Term id -> what the term is. Ids are positions in these vectors; terms are sorted byte-wise,
// so ids do not depend on the order documents were processed in.
struct Vocabulary {
  std::vector<std::string> terms;        // the index term: a stem, or the word with --no-stem
  std::vector<std::string> display;      // its most frequent surface form ("participation")
  std::vector<std::uint32_t> document_frequency;
  std::vector<std::uint64_t> total_count;  // occurrences over the whole corpus
  std::size_t size() const { return terms.size(); }
};

struct TermCount {
  std::uint32_t term;
  std::uint32_t count;
};

struct TermCounts {
  Vocabulary vocabulary;                         // every term seen, before any filtering
  std::vector<std::vector<TermCount>> documents;  // per document, sorted by term id
  std::uint64_t tokens = 0;       // word, number and special tokens (elisions not counted)
  std::uint64_t kept_tokens = 0;  // tokens left after stop words
};

// Tokenizes and normalises every text on `threads` threads (0 = all cores). Each distinct word is
// stop-word-checked and stemmed once. The result is identical for any thread count.
// Fails only when the tokenizer or stemmer cannot be built (kInternal). `done`, when given, is
// called with each text's index as soon as that text has been read for the last time (on a
// worker thread, concurrently for different indices), so the caller may free it.
Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TokenizerOptions& tokenizer_options,
                              const NormalizerOptions& normalizer_options,
                              const StopwordList& stopwords, int threads,
                              const std::function<void(std::size_t)>& done = {});

struct TfidfOptions {
  // Minimum document frequency: a count when >= 1, a proportion of documents when < 1.
  // Default 2: a word seen in one document cannot group documents.
  double min_df = 2;
  // Maximum document frequency: a proportion when <= 1, a count when > 1. Default 0.5 drops
  // words present in more than half the documents, which separate nothing.
  double max_df = 0.5;
  // Weight term frequency as 1 + ln(tf) instead of tf. Default on: a word repeated ten times in
  // a post says less than ten times more about its theme.
  bool sublinear_tf = true;
};

// The TF-IDF matrix: tf * idf with the smoothed idf ln((1 + n) / (1 + df)) + 1, each row
// L2-normalised (so a dot product of two rows is their cosine). Rows of documents with no term
// left after filtering are empty.
struct TfidfMatrix {
  SparseRowMatrix matrix;   // documents x kept terms
  Vocabulary vocabulary;    // the kept terms only, same order as the columns
  std::vector<float> idf;   // per column

  TfidfMatrix() = default;
  // Eigen 3.4's SparseMatrix copies when "moved"; swapping makes moves of the (large) matrix
  // free, which keeps peak memory at one copy of it.
  TfidfMatrix(TfidfMatrix&& other) noexcept { *this = std::move(other); }
  TfidfMatrix& operator=(TfidfMatrix&& other) noexcept {
    matrix.swap(other.matrix);
    vocabulary = std::move(other.vocabulary);
    idf = std::move(other.idf);
    return *this;
  }
  TfidfMatrix(const TfidfMatrix&) = default;
  TfidfMatrix& operator=(const TfidfMatrix&) = default;
};

// Fails with kInvalidArgument when the bounds are inconsistent (negative, min above max), and
// kEmptyInput when no term survives them.
// Rows are computed on `threads` threads (0 = all cores); the matrix does not depend on it.
Result<TfidfMatrix> BuildTfidf(const TermCounts& counts, const TfidfOptions& options,
                               int threads = 1);

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZER_HPP_
