#include "trendscan/describe/concordance.hpp"

#include <doctest/doctest.h>

#include <string>

#include "trendscan/describe/report.hpp"

namespace trendscan {
namespace {

std::vector<std::string> Words(std::string_view text, const std::string& term) {
  Result<ConcordanceFinder> finder = ConcordanceFinder::Create(TermOptions{});
  REQUIRE(finder.ok());
  std::vector<std::string> out;
  for (const ConcordanceFinder::Hit& h : finder->Find(text, term)) {
    out.emplace_back(text.substr(h.begin, h.end - h.begin));
  }
  return out;
}

TEST_CASE("words are found by their term, whatever their case, elision or inflection") {
  // "particip": participation, Participative, participer; not "part".
  CHECK(Words("La participation, l’Participative et participer ; une part.", "particip") ==
        std::vector<std::string>{"participation", "Participative", "participer"});
  // An elision is not part of the word; hyphens and apostrophes end words.
  CHECK(Words("l'expérience, d’expériences et l’auto-expérience", "expérient") ==
        std::vector<std::string>{"expérience", "expériences", "expérience"});
  // Quotes, no-break spaces and ellipses around a word.
  CHECK(Words("«\u00a0blog\u00a0», blogs… BLOG!", "blog") ==
        std::vector<std::string>{"blog", "blogs", "BLOG"});
  // A stop word is never a term.
  CHECK(Words("les les les", "le").empty());
  CHECK(Words("", "blog").empty());
  // Invalid UTF-8 ends a word and is never one.
  CHECK(Words("blog\xff"
              "blog",
              "blog") == std::vector<std::string>{"blog", "blog"});
}

Report TwoThemeReport() {
  Report r;
  DocumentEntry a;
  a.id = "a.md";
  a.text_offset = 10;
  DocumentEntry b;
  b.id = "b.md";
  r.documents = {a, b};
  Theme t;
  t.id = 1;
  t.characteristic_terms = {{"blog", "blog", 3, 0, 9.0, 0.01},
                            {"photos", "photos", 2, 0, 5.0, 0.02}};
  Passage p;
  p.document = 1;  // the most central passage is from b, then a
  Passage q;
  q.document = 0;
  t.passages = {p, q};
  r.themes = {t};
  return r;
}

TEST_CASE("the concordance takes the passages' documents in order, with offsets and context") {
  const std::vector<std::string> bodies = {"Mon blog parle de photos.\n\nUn autre blog ici.",
                                           "Le blog de la famille, des photos."};
  Report r = TwoThemeReport();
  ConcordanceOptions o;
  o.lines_per_term = 2;
  o.context_chars = 8;
  REQUIRE(FindConcordances([&](std::size_t d) { return &bodies[d]; }, TermOptions{}, o, &r).ok());
  const std::vector<ConcordanceLine>& c = r.themes[0].concordance;
  REQUIRE(c.size() == 4);
  // "blog": b first (the first passage), then a; "photos": b, then a.
  CHECK(c[0].term == "blog");
  CHECK(c[0].document == 1);
  CHECK(c[0].word == "blog");
  CHECK(c[0].begin == 3);
  CHECK(c[0].end == 7);
  CHECK(c[0].left == "Le ");
  CHECK(c[0].right == " de la f…");
  CHECK(c[1].document == 0);
  CHECK(c[1].begin == 10 + 4);  // the body's offset in its file is added
  CHECK(c[1].left == "Mon ");
  CHECK(c[2].term == "photos");
  CHECK(c[2].document == 1);
  CHECK(c[2].left == "…le, des ");  // 8 code points
  CHECK(c[2].right == ".");
  CHECK(c[3].document == 0);
  CHECK(c[3].right == ". Un aut…");  // white space collapsed to one space
}

TEST_CASE("a document whose text is gone is skipped; no term, no concordance") {
  const std::string body = "Un blog.";
  Report r = TwoThemeReport();
  auto only_a = [&](std::size_t d) -> const std::string* { return d == 0 ? &body : nullptr; };
  REQUIRE(FindConcordances(only_a, TermOptions{}, ConcordanceOptions{}, &r).ok());
  REQUIRE(r.themes[0].concordance.size() == 1);
  CHECK(r.themes[0].concordance[0].document == 0);
  ConcordanceOptions none;
  none.terms = 0;
  REQUIRE(FindConcordances(only_a, TermOptions{}, none, &r).ok());
  CHECK(r.themes[0].concordance.empty());
}

}  // namespace
}  // namespace trendscan
