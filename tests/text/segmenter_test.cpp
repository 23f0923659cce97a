#include "trendscan/text/segmenter.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace trendscan {
namespace {

std::vector<std::string> Texts(std::string_view text, UnitKind kind, int words = 40) {
  SegmenterOptions o;
  o.kind = kind;
  o.segment_words = words;
  std::vector<std::string> out;
  for (const Unit& u : SegmentText(text, 7, o)) {
    CHECK(u.document == 7);
    REQUIRE(u.begin < u.end);
    REQUIRE(u.end <= text.size());
    out.emplace_back(text.substr(u.begin, u.end - u.begin));
  }
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("unit kinds parse and print") {
  for (UnitKind k : {UnitKind::kDocument, UnitKind::kParagraph, UnitKind::kSegment}) {
    CHECK(*ParseUnitKind(UnitKindName(k)) == k);
  }
  CHECK_FALSE(ParseUnitKind("sentence").ok());
}

TEST_CASE("a document unit is the whole text, trimmed, with byte offsets") {
  SegmenterOptions o;
  o.kind = UnitKind::kDocument;
  const std::vector<Unit> u = SegmentText("  Bonjour à tous.  \n", 0, o);
  REQUIRE(u.size() == 1);
  CHECK(u[0].begin == 2);
  CHECK(u[0].end == 18);  // "à" is two bytes
  CHECK(SegmentText(" \n\t\n", 0, o).empty());
}

TEST_CASE("paragraphs are runs of non-blank lines") {
  const std::string text = "Un deux.\nTrois.\n\n  \nQuatre cinq.\n";
  SegmenterOptions o;
  o.kind = UnitKind::kParagraph;
  const std::vector<Unit> u = SegmentText(text, 0, o);
  REQUIRE(u.size() == 2);
  CHECK(u[0].begin == 0);
  CHECK(u[0].end == 15);
  CHECK(u[1].begin == 20);
  CHECK(u[1].end == 32);
  CHECK(Texts("a\r\n\r\nb\r\n", UnitKind::kParagraph) == V{"a", "b"});
  CHECK(Texts("", UnitKind::kParagraph).empty());
}

TEST_CASE("segments: cut at sentence ends near the target, else at , ; :, else at N words") {
  // Each case: text, target words, expected segments.
  struct Case {
    const char* text;
    int words;
    V expected;
  };
  const Case cases[] = {
      {"a b c. d e f g. h i j k l m n o p q.",
       4,
       {"a b c.", "d e f g.", "h i j k", "l m n o p q."}},
      // No sentence end in reach: the comma wins over a blind cut.
      {"a b c, d e f g h i", 4, {"a b c,", "d e f g h i"}},
      // French spacing: "!" and "»" are words of their own; the quote stays with its sentence.
      {"Oui ! » Il est parti sans rien dire du tout .",
       2,
       {"Oui ! »", "Il est", "parti sans", "rien dire", "du tout ."}},
      // "…" and "?" end sentences too; a short remainder stays whole.
      {"un deux trois… quatre cinq six? sept", 3, {"un deux trois…", "quatre cinq six? sept"}},
      // Segments never cross paragraphs.
      {"a b.\n\nc d.", 40, {"a b.", "c d."}},
      // A paragraph of at most 1.5 N words is one segment.
      {"a b c d e f", 4, {"a b c d e f"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Texts(c.text, UnitKind::kSegment, c.words) == c.expected);
  }
}

TEST_CASE("segments of a long text stay near the target length") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Une phrase de sept mots bien comptés. ";
  const V segments = Texts(text, UnitKind::kSegment, 40);
  REQUIRE(segments.size() >= 8);
  for (const std::string& s : segments) {
    CAPTURE(s);
    std::size_t words = 1;
    for (char ch : s) words += ch == ' ' ? 1 : 0;
    CHECK(words >= 20);
    CHECK(words <= 60);
    CHECK(s.back() == '.');  // always cut at a sentence end here
  }
}

TEST_CASE("SegmentTexts tags units with their document, in order") {
  SegmenterOptions o;
  o.kind = UnitKind::kParagraph;
  const std::vector<Unit> u = SegmentTexts({"a\n\nb", "", "c"}, o);
  REQUIRE(u.size() == 3);
  CHECK(u[0].document == 0);
  CHECK(u[1].document == 0);
  CHECK(u[2].document == 2);
}

}  // namespace
}  // namespace trendscan
