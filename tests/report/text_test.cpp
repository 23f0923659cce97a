// The text report's layout: wrapping to the width, emphasis only when asked, passages quoted
// once, long document lists summarised.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/text_layout.hpp"
#include "trendscan/report/render.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

using internal::WrapLine;

std::size_t Widest(const std::string& text) {
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) {
    widest = std::max(widest, internal::CountCodePoints(line));
  }
  return widest;
}

TEST_CASE("a long line is wrapped at spaces, hanging two under its start") {
  CHECK(WrapLine("short", 80) == std::vector<std::string>{"short"});
  CHECK(WrapLine("  un deux trois quatre", 12) ==
        std::vector<std::string>{"  un deux", "    trois", "    quatre"});
  // Code points, not bytes: accented words are not cut early.
  CHECK(WrapLine("été été été", 7) == std::vector<std::string>{"été été", "  été"});
  // A word longer than the room is cut inside, at a code-point boundary.
  CHECK(WrapLine("aaaaaaaaaaéé", 5) == std::vector<std::string>{"aaaaa", "  aaa", "  aaé", "  é"});
  // Runs of spaces at a cut are dropped; the indent is never a cut point, and the hang is at
  // most half the width.
  CHECK(WrapLine("    a   b", 6) == std::vector<std::string>{"    a", "   b"});
  CHECK(WrapLine("    a   b", 12) == std::vector<std::string>{"    a   b"});
  // An item of a " · " list is kept whole when that uses more than half the room.
  CHECK(WrapLine("alpha beta gamma · delta epsilon", 24) ==
        std::vector<std::string>{"alpha beta gamma ·", "  delta epsilon"});
  CHECK(WrapLine("alpha · beta gamma delta epsilon", 24) ==
        std::vector<std::string>{"alpha · beta gamma delta", "  epsilon"});
  CHECK(WrapLine("anything", 0) == std::vector<std::string>{"anything"});
}

TEST_CASE("emphasis is ANSI bold only in colour, and never counts in the width") {
  const std::string text = internal::Emphasis("Theme 1 · un titre assez long") + "\nplain\n";
  CHECK(internal::LayOutText(text, 80, false) == "Theme 1 · un titre assez long\nplain\n");
  CHECK(internal::LayOutText(text, 80, true) ==
        "\x1b[1mTheme 1 · un titre assez long\x1b[0m\nplain\n");
  CHECK(internal::LayOutText(text, 20, true) ==
        "\x1b[1mTheme 1 · un titre\x1b[0m\n\x1b[1m  assez long\x1b[0m\nplain\n");
}

Report LongReport(std::size_t documents) {
  Report r;
  r.tool_version = "9.9.9";
  r.unit = "document";
  r.clustering.k = 1;
  Theme t;
  t.id = 1;
  t.label = "un thème";
  t.words = "un thème";
  t.size = documents;
  t.share = 1;
  t.anti_profile = {{"mot", "mot", 0, 9, -3.5, 0.06}};
  for (int i = 0; i < 30; ++i) t.anti_profile.push_back(t.anti_profile.front());
  for (std::size_t d = 0; d < documents; ++d) {
    DocumentEntry e;
    e.id = "document-" + std::to_string(d) + ".md";
    e.title = "Un titre de document qui est vraiment assez long pour dépasser la ligne";
    e.date = "2012-03-04";
    e.theme = 1;
    e.similarity = 0.5;
    r.theme_mix.Append({{1, 1, 1.0}});
    r.documents.push_back(e);
    UnitEntry u;
    u.document = d;
    u.begin = 10;
    u.end = 900;
    u.theme = 1;
    r.units.push_back(u);
  }
  Passage p;
  p.unit = 0;
  p.document = 0;
  p.similarity = 0.5;
  p.text = std::string(60, 'x') + " " + std::string(200, 'y') + " la fin";
  t.passages = {p};
  t.central_documents = {{0, 0.5}, {1, 0.4}};
  r.themes = {t};
  return r;
}

TEST_CASE("every line fits the width; passages are indented under their source") {
  const Report r = LongReport(3);
  for (std::size_t width : {40u, 60u, 80u, 120u}) {
    CAPTURE(width);
    TextOptions o;
    o.width = width;
    const std::string text = RenderText(r, o);
    CHECK(Widest(text) <= width);
    CHECK(text.find("\x1b[") == std::string::npos);  // no colour unless asked
  }
  TextOptions wide;
  wide.width = 0;
  CHECK(Widest(RenderText(r, wide)) > 200);
}

TEST_CASE("with whole documents, a passage is quoted under its central document, not twice") {
  const std::string text = RenderText(LongReport(3));
  CHECK(text.find("passages (") == std::string::npos);
  CHECK(text.find("central documents (cosine to the theme; source, byte offsets, text):") !=
        std::string::npos);
  CHECK(text.find("          document-0.md, bytes 10-900\n          « xxxx") != std::string::npos);
  // A passage of paragraphs is listed on its own, with its source.
  Report paragraphs = LongReport(3);
  paragraphs.unit = "paragraph";
  const std::string p = RenderText(paragraphs);
  CHECK(p.find("passages (cosine to the theme; document, byte offsets in the source file):") !=
        std::string::npos);
  CHECK(p.find("    0.50  document-0.md, bytes 10-900\n          « xxxx") != std::string::npos);
  CHECK(p.find("central documents (cosine to the theme):") != std::string::npos);
}

TEST_CASE("a long document list is summarised unless every document is asked for") {
  const std::string few = RenderText(LongReport(kListedDocuments));
  CHECK(few.find("  document-19.md · theme 1 · no known theme") != std::string::npos);
  const std::string many = RenderText(LongReport(kListedDocuments + 1));
  CHECK(many.find("document-20.md ·") == std::string::npos);
  CHECK(many.find("Documents: 21\n  21 in theme 1\n") != std::string::npos);
  TextOptions all;
  all.all_documents = true;
  CHECK(RenderText(LongReport(kListedDocuments + 1), all).find("  document-20.md · theme 1") !=
        std::string::npos);
}

}  // namespace
}  // namespace trendscan
