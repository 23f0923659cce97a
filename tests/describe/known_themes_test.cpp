#include "trendscan/describe/known_themes.hpp"

#include <doctest/doctest.h>

#include <cmath>

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
    for (const KnownTheme& t : l.themes) CHECK(t.words.size() >= 60);
  }
}

// A vocabulary from real text, so lexicon words must go through the same tokenizer and stemmer.
TfidfMatrix SmallMatrix() {
  const std::vector<std::string_view> texts = {
      "Les citoyens participent au budget participatif de la mairie.",
      "Mon blog et mes vidéos : les lecteurs commentent chaque billet.",
      "Les citoyens commentent le blog du maire."};
  TfidfOptions o;
  o.min_df = 1;
  o.max_df = 1.0;
  const auto counts = CountTerms(texts, TermOptions{}, 1);
  REQUIRE(counts.ok());
  auto m = BuildTfidf(*counts, o);
  REQUIRE(m.ok());
  return std::move(m).value();
}

TEST_CASE("lexicon vectors use the corpus stems and idf, unit length") {
  const TfidfMatrix m = SmallMatrix();
  ThemeLexicon lexicon;
  // "Participation" and "CITOYEN" meet the corpus's "participent"/"citoyens" through the stemmer;
  // "le" is a stop word; "référendum" is not in the corpus.
  lexicon.themes = {{"civic", "Civic", {"Participation", "CITOYEN", "le", "référendum"}},
                    {"media", "Media", {"blogs", "vidéos", "billets"}},
                    {"none", "None", {"astronomie"}}};
  const auto v = VectorizeLexicon(lexicon, m.vocabulary, m.idf, TermOptions{});
  REQUIRE(v.ok());
  CHECK(v->terms == std::vector<std::size_t>{3, 3, 1});  // particip, citoyen, référendum
  CHECK(v->terms_in_corpus == std::vector<std::size_t>{2, 3, 0});
  CHECK(v->vectors.row(0).norm() == doctest::Approx(1.0));
  CHECK(v->vectors.row(2).norm() == 0.0);
  // Weights are idf: "citoyen" (2 of 3 texts) weighs less than "particip" (1 of 3).
  auto column = [&](const std::string& term) {
    const auto it = std::lower_bound(m.vocabulary.terms.begin(), m.vocabulary.terms.end(), term);
    REQUIRE(it != m.vocabulary.terms.end());
    REQUIRE(*it == term);
    return static_cast<Eigen::Index>(it - m.vocabulary.terms.begin());
  };
  const float citoyen = v->vectors(0, column("citoyen"));
  const float particip = v->vectors(0, column("particip"));
  CHECK(particip > citoyen);
  CHECK(particip / citoyen ==
        doctest::Approx((std::log(4.0 / 2.0) + 1) / (std::log(4.0 / 3.0) + 1)));

  // Scores are cosines: text 0 is about civic things, text 1 about media.
  const Eigen::MatrixXf s = KnownThemeScores(m.matrix, *v);
  REQUIRE(s.rows() == 3);
  REQUIRE(s.cols() == 3);
  CHECK(s(0, 0) > s(0, 1));
  CHECK(s(1, 1) > s(1, 0));
  CHECK(s(0, 2) == 0.0f);
  double dot = 0;
  for (SparseRows::InnerIterator it(m.matrix, 1); it; ++it)
    dot += it.value() * v->vectors(1, it.index());
  CHECK(s(1, 1) == doctest::Approx(dot));
}

}  // namespace
}  // namespace trendscan
