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

#include <cstdint>
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

// ---- Evidence from all the words of a text: the known-theme scores. ----

// Which known themes each term of a vocabulary belongs to (a word may be in several lexicons).
struct LexiconIndex {
  std::vector<std::uint64_t> themes_of_term;  // per term of the vocabulary: bit j = theme j
  // Per term of the vocabulary: how much one occurrence weighs, its smoothed idf over the texts
  // the vocabulary counted (a word every text has says little about any of them).
  std::vector<float> weight;
  std::vector<std::size_t> lexicon_terms;    // per theme: distinct terms of its words
  std::vector<std::size_t> terms_in_corpus;  // per theme: how many of them are in the vocabulary
  std::size_t themes() const { return lexicon_terms.size(); }
};

// Indexes the lexicon against `vocabulary` (TermCounts::vocabulary: every term of the corpus,
// not only the matrix columns, counted over `texts` texts), reading its words with the corpus's
// own term options. Fails with kInvalidArgument for more than 64 themes, kInternal when the
// tokenizer cannot be built.
Result<LexiconIndex> IndexLexicon(const ThemeLexicon& lexicon, const Vocabulary& vocabulary,
                                  std::size_t texts, const TermOptions& terms);

// When a text (a unit, a document, or all the units of a theme) is about a known theme: the
// theme's lexicon words weigh most in it (each occurrence weighted 1 + ln(count) times idf, as
// in TF-IDF, so a word every text uses counts little), they weigh at least `min_share` of the
// text's words, and there are at least `min_occurrences` of them. The rule looks at the text
// itself, so it means the same in a corpus of 4 documents as in one of 40,000. The defaults were
// chosen from measurements on every corpus we keep (README, "Known trend themes").
struct KnownThemeRule {
  double min_share = 0.015;
  std::uint64_t min_occurrences = 2;
};

// What a text says about the known themes.
struct KnownThemeEvidence {
  std::uint64_t words = 0;                 // its words after stop words (every term counted)
  double weight = 0;                       // their weight
  std::vector<std::uint64_t> occurrences;  // per known theme: its lexicon words in the text
  std::vector<double> theme_weight;        // per known theme: their weight
  int best = -1;       // the known theme whose words weigh most (ties: the first); -1: none
  bool about = false;  // the rule holds for `best`
  // The share of the text's weight that is `theme`'s words.
  double Share(int theme) const {
    return weight <= 0 ? 0.0 : theme_weight[static_cast<std::size_t>(theme)] / weight;
  }
};

// Adds the counts of `row` (term ids of the indexed vocabulary) to `evidence`; rows added in
// turn give the evidence of the text they make together.
void AddEvidence(CountRow row, const LexiconIndex& index, KnownThemeEvidence* evidence);

// Sets evidence->best and evidence->about by `rule`.
void DecideEvidence(const KnownThemeRule& rule, KnownThemeEvidence* evidence);

// The evidence of one row, decided.
KnownThemeEvidence RowEvidence(CountRow row, const LexiconIndex& index, const KnownThemeRule& rule);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_KNOWN_THEMES_HPP_
