// Describe, the concordance: each theme's characteristic terms in their contexts (keyword in
// context, KWIC, as TXM, Voyant and IRaMuTeQ show them), found in the texts its passages were
// quoted from, so a reader sees how the words that define a theme are used.
#ifndef TRENDSCAN_DESCRIBE_CONCORDANCE_HPP_
#define TRENDSCAN_DESCRIBE_CONCORDANCE_HPP_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"
#include "trendscan/text/terms.hpp"

namespace trendscan {

struct Report;

// One occurrence of a term, with what surrounds it.
struct ConcordanceLine {
  std::string term;          // the index term looked for (a stem)
  std::string word;          // the word as written in the text ("Participative")
  std::size_t document = 0;  // index into Report::documents
  std::size_t begin = 0;     // byte offsets of the word in the source file, [begin, end)
  std::size_t end = 0;
  std::string left;   // the text before it, white space collapsed, at most context_chars
  std::string right;  // code points, "…" marking a cut inside the text
};

struct ConcordanceOptions {
  // Characteristic terms of each theme looked for (its strongest first). Default 5; 0: none.
  int terms = 5;
  // Occurrences shown per term. Default 3.
  int lines_per_term = 3;
  // Code points of context on each side. Default 45.
  int context_chars = 45;
};

// Finds the words of a text whose index term is one of some terms. A word is a run of letters
// and digits (apostrophes, hyphens, punctuation and spaces end it; any other non-ASCII character
// counts as a letter), turned into its term by the tokenizer and normaliser of the analysis, so
// "l’Expérience" holds the word "Expérience" of term "expérient". Not thread-safe.
class ConcordanceFinder {
 public:
  // Fails (kInternal) when the tokenizer or stemmer cannot be built.
  static Result<ConcordanceFinder> Create(const TermOptions& options);

  ConcordanceFinder(ConcordanceFinder&&) noexcept;
  ConcordanceFinder& operator=(ConcordanceFinder&&) noexcept;
  ~ConcordanceFinder();

  struct Hit {
    std::size_t begin = 0;  // byte offsets of the word in `text`
    std::size_t end = 0;
  };
  // The words of `text` whose term is `term`, in text order.
  std::vector<Hit> Find(std::string_view text, const std::string& term);

 private:
  struct Impl;
  explicit ConcordanceFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The body of a document (Report::documents index) as it was analysed, or null when it is no
// longer available.
using DocumentText = std::function<const std::string*(std::size_t document)>;

// Fills each theme's concordance: for each of its first options.terms characteristic terms, up
// to options.lines_per_term occurrences, taken from the documents of its passages in passage
// order (most central first), in text order within each. Offsets are in the source file
// (DocumentEntry::text_offset added). Deterministic. Fails only when the finder cannot be built.
Status FindConcordances(const DocumentText& text, const TermOptions& terms,
                        const ConcordanceOptions& options, Report* report);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_CONCORDANCE_HPP_
