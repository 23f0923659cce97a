// Known trend themes: lexicons of words that name a trend (personal media, participatory
// democracy, ...), and the scores that say how close a discovered theme or a document is to
// each of them.
//
// Lexicon format (UTF-8 text, see data/themes/README.md):
//   # a comment, to the end of the line
//   [theme-id] Display name
//   word, another word
//   more words on as many lines as wanted
// A header opens a theme; every word after it, until the next header, belongs to it. Words are
// separated by white space or commas. The theme id is letters, digits, '-' and '_'.
#ifndef TRENDSCAN_DESCRIBE_KNOWN_THEMES_HPP_
#define TRENDSCAN_DESCRIBE_KNOWN_THEMES_HPP_

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"
#include "trendscan/text/language.hpp"
#include "trendscan/text/terms.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

struct KnownTheme {
  std::string id;                  // "medias-personnels"
  std::string name;                // "Médias personnels"
  std::vector<std::string> words;  // as written in the file, in file order
};

struct ThemeLexicon {
  std::vector<KnownTheme> themes;  // in file order
};

// Parses a lexicon. `source` names it in error messages. Fails (kInvalidArgument, naming
// source:line) on invalid UTF-8, a malformed header, words before the first header, a
// duplicate theme id, or a theme without words; and when there is no theme at all.
Result<ThemeLexicon> ParseThemeLexicon(std::string_view text, std::string_view source);

// The lexicon shipped in data/themes/<lang>.txt, compiled into the binary.
ThemeLexicon BuiltinThemes(Language lang);

// Each known theme as a unit-length vector over a corpus vocabulary: every lexicon word goes
// through the same tokenizer and normaliser as the corpus, and each resulting term that is a
// column of the vocabulary gets weight idf (present once, however often listed), then the row
// is L2-normalised. A theme none of whose terms is in the vocabulary is a zero row.
struct ThemeVectors {
  Eigen::MatrixXf vectors;                   // themes x vocabulary columns
  std::vector<std::size_t> terms_in_corpus;  // per theme: how many of its terms are columns
  std::vector<std::size_t> terms;            // per theme: distinct terms of its words
};

// `vocabulary` must be sorted by term (TfidfMatrix::vocabulary is); `idf` per column.
// Fails (kInternal) only when the tokenizer or stemmer cannot be built.
Result<ThemeVectors> VectorizeLexicon(const ThemeLexicon& lexicon, const Vocabulary& vocabulary,
                                      const std::vector<float>& idf, const TermOptions& terms);

// Cosine of each row of `rows` (unit length or zero) with each known theme: rows x themes, on
// `threads` threads (0 = all cores); the scores do not depend on it.
Eigen::MatrixXf KnownThemeScores(const SparseRows& rows, const ThemeVectors& themes,
                                 int threads = 0);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_KNOWN_THEMES_HPP_
