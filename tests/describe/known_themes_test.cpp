#include "trendscan/describe/known_themes.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "trendscan/vectorize/term_counts.hpp"

namespace trendscan {
namespace {

TEST_CASE("a lexicon parses: headers, words split at spaces and commas, comments") {
  const auto lexicon = ParseThemeLexicon(
      "# two themes\n"
      "[media] Médias personnels  # trailing comment\n"
      "blog, vidéos  podcast\n"
      "\n"
      "webcam\n"
      "[civic_2]\n"
      "élus,citoyens\n",
      "test.txt");
  REQUIRE(lexicon.ok());
  REQUIRE(lexicon->themes.size() == 2);
  CHECK(lexicon->themes[0].id == "media");
  CHECK(lexicon->themes[0].name == "Médias personnels");
  CHECK(lexicon->themes[0].words ==
        std::vector<std::string>{"blog", "vidéos", "podcast", "webcam"});
  CHECK(lexicon->themes[1].name == "civic_2");  // no display name: the id
  CHECK(lexicon->themes[1].words == std::vector<std::string>{"élus", "citoyens"});
}

TEST_CASE("lexicon errors name the file and line") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"[a Médias\nblog\n", "lex.txt:1: missing ']'"},
      {"[a b] Médias\nblog\n", "lex.txt:1: a theme id is"},
      {"blog\n[a] A\nx\n", "lex.txt:1: words before the first"},
      {"[a] A\nblog\n[a] B\nx\n", "lex.txt:3: duplicate theme [a]"},
      {"[a] A\n# nothing\n[b] B\nx\n", "lex.txt:1: theme [a] has no words"},
      {"[a] A\nx\n[b] B\n", "lex.txt:3: theme [b] has no words"},
      {"# empty\n", "has no [theme-id] header"},
      {"[a] A\n\xff\n", "not valid UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = ParseThemeLexicon(c.text, "lex.txt");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK(r.status().message().find(c.message) != std::string::npos);
  }
}

TEST_CASE("the built-in lexicons cover the four trends with the same ids in both languages") {
  for (Language lang : {Language::kFrench, Language::kEnglish}) {
    const ThemeLexicon l = BuiltinThemes(lang);
    REQUIRE(l.themes.size() == 4);
    CHECK(l.themes[0].id == "medias-personnels");
    CHECK(l.themes[1].id == "democratie-participative");
    CHECK(l.themes[2].id == "tous-experts");
    CHECK(l.themes[3].id == "quete-de-soi");
    for (const KnownTheme& t : l.themes) CHECK(t.words.size() >= 40);
  }
}

// Term counts from real text, so lexicon words must go through the same tokenizer and stemmer.
TermCounts SmallCounts() {
  const std::vector<std::string_view> texts = {
      "Les citoyens participent au budget participatif de la mairie, les citoyens votent.",
      "Mon blog et mes vidéos : les lecteurs commentent chaque billet du blog.",
      "Les citoyens lisent le blog et les billets du maire.", "Une recette de tarte aux pommes."};
  auto counts = CountTerms(texts, TermOptions{}, 1);
  REQUIRE(counts.ok());
  return std::move(counts).value();
}

ThemeLexicon SmallLexicon() {
  ThemeLexicon lexicon;
  // "Participation" and "CITOYEN" meet the corpus's "participent"/"citoyens" through the stemmer;
  // "le" is a stop word; "référendum" is not in the corpus.
  lexicon.themes = {{"civic", "Civic", {"Participation", "CITOYEN", "le", "référendum", "voter"}},
                    {"media", "Media", {"blogs", "vidéos", "billets", "commenter"}},
                    {"none", "None", {"astronomie"}}};
  return lexicon;
}

TEST_CASE("a lexicon is indexed over every term of the corpus, read like the corpus") {
  const TermCounts c = SmallCounts();
  const Result<LexiconIndex> index = IndexLexicon(SmallLexicon(), c.vocabulary, 4, TermOptions{});
  REQUIRE(index.ok());
  // Snowball leaves "participent" and "votent" unstemmed: only particip (from participatif) and
  // citoyen are in the corpus of civic's 4 terms; blog, vidéos and billet of media's.
  CHECK(index->lexicon_terms == std::vector<std::size_t>{4, 4, 1});
  CHECK(index->terms_in_corpus == std::vector<std::size_t>{2, 3, 0});
  // A term's weight is its smoothed idf over the 4 texts: "citoyen" (2 texts) < "particip" (1).
  auto id = [&](const std::string& term) {
    const auto it = std::lower_bound(c.vocabulary.terms.begin(), c.vocabulary.terms.end(), term);
    REQUIRE(it != c.vocabulary.terms.end());
    REQUIRE(*it == term);
    return static_cast<std::size_t>(it - c.vocabulary.terms.begin());
  };
  CHECK(index->weight[id("citoyen")] == doctest::Approx(std::log(5.0 / 3.0) + 1));
  CHECK(index->weight[id("particip")] == doctest::Approx(std::log(5.0 / 2.0) + 1));
  CHECK(index->themes_of_term[id("citoyen")] == 1u);  // theme 0 only
  CHECK(index->themes_of_term[id("blog")] == 2u);     // theme 1 only
  ThemeLexicon many;
  for (int t = 0; t < 65; ++t) many.themes.push_back({"t" + std::to_string(t), "", {"mot"}});
  CHECK(IndexLexicon(many, c.vocabulary, 4, TermOptions{}).status().code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("the evidence of a text: its best known theme, and whether it is about it") {
  const TermCounts c = SmallCounts();
  const LexiconIndex index =
      std::move(IndexLexicon(SmallLexicon(), c.vocabulary, 4, TermOptions{})).value();
  KnownThemeRule rule;
  rule.min_share = 0.3;
  rule.min_occurrences = 2;
  const KnownThemeEvidence civic = RowEvidence(c.rows[0], index, rule);
  CHECK(civic.best == 0);
  CHECK(civic.about);
  CHECK(civic.occurrences[0] == 3);  // citoyens x2, participatif
  CHECK(civic.Share(0) > 0.3);
  CHECK(civic.Share(2) == 0.0);
  const KnownThemeEvidence media = RowEvidence(c.rows[1], index, rule);
  CHECK(media.best == 1);
  CHECK(media.about);
  // Text 2 has one civic word and two media words (blog, billets): media is best.
  const KnownThemeEvidence mixed = RowEvidence(c.rows[2], index, rule);
  CHECK(mixed.best == 1);
  CHECK(mixed.occurrences[1] == 2);
  CHECK(mixed.occurrences[0] == 1);
  // The cake: no lexicon word, no best, about nothing.
  const KnownThemeEvidence cake = RowEvidence(c.rows[3], index, rule);
  CHECK(cake.best == -1);
  CHECK_FALSE(cake.about);
  // Too few occurrences: the share is high, but one word is no evidence.
  rule.min_occurrences = 6;
  CHECK_FALSE(RowEvidence(c.rows[0], index, rule).about);
  // Rows added in turn give the evidence of the text they make together.
  KnownThemeEvidence both;
  AddEvidence(c.rows[0], index, &both);
  AddEvidence(c.rows[1], index, &both);
  CHECK(both.occurrences[0] == civic.occurrences[0] + media.occurrences[0]);
  CHECK(both.weight == doctest::Approx(civic.weight + media.weight));
}

}  // namespace
}  // namespace trendscan
