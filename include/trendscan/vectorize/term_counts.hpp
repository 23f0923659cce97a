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
#include "trendscan/vectorize/count_rows.hpp"

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

struct TermCounts {
  Vocabulary vocabulary;          // every term seen, before any filtering
  CountRows rows;                 // one per text, in the order given, sorted by term
  std::uint64_t tokens = 0;       // word, number and special tokens (elisions not counted)
  std::uint64_t kept_tokens = 0;  // tokens left after stop words
};

// Every surface form that was counted, with its term and its occurrences: what merging counts
// made apart (each MPI rank counts its share of the files) needs to choose the display forms one
// count of everything would have chosen.
struct SurfaceTally {
  std::vector<std::string> keys;     // the token kind as a digit, then the surface ("0blogs")
  std::vector<std::uint32_t> term;   // its term id in the vocabulary it was counted with
  std::vector<std::uint64_t> count;  // its occurrences
};

// Tokenizes and normalises every text on `threads` threads (0 = all cores). Each distinct word is
// stop-word-checked and stemmed once. The result is identical for any thread count.
// Fails only when the tokenizer or stemmer cannot be built (kInternal). `done`, when given, is
// called with each text's index as soon as that text has been read for the last time (on a
// worker thread, concurrently for different indices), so the caller may free it. `surfaces`,
// when given, receives every surface form counted (for MergeVocabularies).
Result<TermCounts> CountTerms(const std::vector<std::string_view>& texts,
                              const TermOptions& options, int threads,
                              const std::function<void(std::size_t)>& done = {},
                              SurfaceTally* surfaces = nullptr);

// The vocabulary one CountTerms over all the texts of `parts` would have built, from the
// vocabularies and surface tallies of counts made apart with the same TermOptions: the union of
// the terms in byte order, document frequencies and totals summed, and each display form chosen
// from the summed surface counts (the most frequent; ties go to the smaller string). Fills
// (*term_maps)[p][t] with the merged id of part p's term t; ids keep their order, so a sorted row
// stays sorted when remapped. `parts` and `tallies` have the same size.
Vocabulary MergeVocabularies(const std::vector<const Vocabulary*>& parts,
                             const std::vector<const SurfaceTally*>& tallies,
                             std::vector<std::vector<std::uint32_t>>* term_maps);

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZE_TERM_COUNTS_HPP_
