// Vectorize, first half: the text stages (tokenize, drop stop words, stem) run over every text in
// parallel, and each term is counted per text. What the TF-IDF matrix (tfidf.hpp) is built from,
// and what the describe stage's statistics count.
#ifndef TRENDSCAN_VECTORIZE_TERM_COUNTS_HPP_
#define TRENDSCAN_VECTORIZE_TERM_COUNTS_HPP_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"
#include "trendscan/text/terms.hpp"

namespace trendscan {

// Term id -> what the term is. Ids are positions in these vectors; terms are sorted byte-wise,
// so ids do not depend on the order documents were processed in.
struct Vocabulary {
  std::vector<std::string> terms;    // the index term: a stem, or the word with --no-stem
  std::vector<std::string> display;  // its most frequent surface form ("participation")
  std::vector<std::uint32_t> document_frequency;
  std::vector<std::uint64_t> total_count;  // occurrences over the whole corpus
  std::size_t size() const { return terms.size(); }
};

struct TermCount {
  std::uint32_t term;
  std::uint32_t count;
};

struct TermCounts {
  Vocabulary vocabulary;                     // every term seen, before any filtering
  std::vector<std::vector<TermCount>> rows;  // one per text, in the order given, sorted by term
  std::uint64_t tokens = 0;       // word, number and special tokens (elisions not counted)
  std::uint64_t kept_tokens = 0;  // tokens left after stop words
};

// Tokenizes and normalises every text on `threads` threads (0 = all cores). Each distinct word is
// stop-word-checked and stemmed once. The result is identical for any thread count.
// Fails only when the tokenizer or stemmer cannot be built (kInternal). `done`, when given, is
// called with each text's index as soon as that text has been read for the last time (on a
// worker thread, concurrently for different indices), so the caller may free it.
Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TermOptions& options, int threads,
                              const std::function<void(std::size_t)>& done = {});

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZE_TERM_COUNTS_HPP_
