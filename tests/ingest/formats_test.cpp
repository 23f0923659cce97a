#include "trendscan/ingest/formats.hpp"

#include <doctest/doctest.h>

#include <string>

#include "test_util.hpp"

namespace trendscan {
namespace {

const std::string kIngest = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/ingest/";

std::string Fixture(const std::string& name) { return testing::ReadAll(kIngest + name); }

std::string Meta(const Document& d, const std::string& key) {
  for (const auto& [k, v] : d.metadata) {
    if (k == key) return std::string(v);
  }
  return "(none)";
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_CASE("formats are chosen by extension; IRaMuTeQ by content") {
  CHECK(FormatFromExtension("a/b.TXT") == InputFormat::kText);
  CHECK(FormatFromExtension("b.md") == InputFormat::kMarkdown);
  CHECK(FormatFromExtension("b.Markdown") == InputFormat::kMarkdown);
  CHECK(FormatFromExtension("b.htm") == InputFormat::kHtml);
  CHECK(FormatFromExtension("b.HTML") == InputFormat::kHtml);
  CHECK(FormatFromExtension("b.jsonl") == InputFormat::kJsonLines);
  CHECK(FormatFromExtension("b.ndjson") == InputFormat::kJsonLines);
  CHECK(FormatFromExtension("b.csv") == InputFormat::kCsv);
  CHECK(FormatFromExtension("README") == InputFormat::kText);
  CHECK(LooksLikeIramuteq("**** *annee_2009\ntexte"));
  CHECK_FALSE(LooksLikeIramuteq("\n\n****\ntexte"));  // issue 13: a real opener is needed
  CHECK(LooksLikeIramuteq("préambule\n**** *a_b\ntexte"));
  CHECK_FALSE(LooksLikeIramuteq("un texte\n****\nun séparateur"));
  CHECK_FALSE(LooksLikeIramuteq("un texte avec **** *étoiles"));
}

TEST_CASE("Markdown front matter: title, French date, tags as lists, other keys") {
  const ParsedInput p = ParseTextFile(Fixture("front.md"), "front.md", "d/front.md");
  REQUIRE(p.documents.size() == 1);
  CHECK(p.warnings.empty());
  const Document& d = p.documents[0];
  CHECK(d.title == "Cinq ans de blog");
  CHECK(d.date == "2009-12-07");
  CHECK(Meta(d, "author") == "Claire");
  CHECK(Meta(d, "tags") == "blog, démocratie");
  CHECK(Meta(d, "lieu") == "Lyon, Paris");
  CHECK(d.text == "Le blog a cinq ans et parle toujours de démocratie participative.\n");

  const ParsedInput bad = ParseTextFile(Fixture("bad-date.md"), "b", "bad-date.md");
  REQUIRE(bad.documents.size() == 1);
  CHECK(bad.documents[0].date.empty());
  REQUIRE(bad.warnings.size() == 1);
  CHECK(Contains(bad.warnings[0].message, "'bad-date.md': date 'un beau jour' not understood"));

  const ParsedInput empty = ParseTextFile("---\ntitle: t\n---\n\n  \n", "e", "e.md");
  CHECK(empty.documents.empty());
  CHECK(empty.skip_reason == "no text after the front matter");
}

TEST_CASE("HTML: visible text only, entities decoded, title and meta") {
  const ParsedInput p = ParseHtml(Fixture("page.html"), "page.html", "page.html");
  REQUIRE(p.documents.size() == 1);
  const Document& d = p.documents[0];
  CHECK(d.title == "Le conseil de quartier & ses habitants");
  CHECK(d.date == "2009-12-07");
  CHECK(Meta(d, "author") == "Claire Éluard");
  CHECK(d.text ==
        "Le conseil\n\n"
        "Les habitants débattent « librement » de leur quartier…\n\n"
        "C’est la démocratie–participative.");
  for (const char* hidden : {"secret", "caché", "color", "commentaire", "JavaScript", "DOCTYPE"}) {
    CAPTURE(hidden);
    CHECK_FALSE(Contains(d.text, hidden));
  }
}

TEST_CASE("HTML: numeric references of every UTF-8 length; impossible ones become U+FFFD") {
  const ParsedInput p = ParseHtml(
      "<p>&#65;&#233;&#xE9;&#x2019;&#x1F389;&#x10FFFF; &#150; &#xD800;&#xDFFF;&#x110000;</p>", "n",
      "n.html");
  REQUIRE(p.documents.size() == 1);
  CHECK(p.documents[0].text ==
        "A\xC3\xA9\xC3\xA9\xE2\x80\x99\xF0\x9F\x8E\x89\xF4\x8F\xBF\xBF \xE2\x80\x93 "  // 150: –
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("HTML: broken markup never loses the text around it") {
  const ParsedInput p = ParseHtml(
      "<p>a < b et c > d &unknown; &#xZZ; &#0; <b>gras<i>ital</b> fin <script>x", "x", "x.html");
  REQUIRE(p.documents.size() == 1);
  CHECK(p.documents[0].text == "a < b et c > d &unknown; &#xZZ; \xEF\xBF\xBD grasital fin");
  CHECK(p.documents[0].title == "a < b et c > d &unknown; &#xZZ; \xEF\xBF\xBD grasital fin");
  CHECK(DeclaredHtmlCharset("<meta charset=\"ISO-8859-1\">") == "iso-8859-1");
  CHECK(DeclaredHtmlCharset("<meta content='text/html; charset=windows-1252'>") == "windows-1252");
  CHECK(DeclaredHtmlCharset("<p>rien</p>").empty());
  CHECK(ParseHtml("<html><script>only()</script></html>", "s", "s.html").skip_reason ==
        "no visible text in the HTML");
}

TEST_CASE("JSONL: one document a line; bad lines named by number and skipped") {
  const ParsedInput p = ParseJsonLines(Fixture("posts.jsonl"), "posts.jsonl", "d/posts.jsonl");
  REQUIRE(p.documents.size() == 2);
  const Document& a = p.documents[0];
  CHECK(a.id == "posts.jsonl#1");
  CHECK(a.source_path == "d/posts.jsonl");
  // The posts of a file hold one copy of its path, not one each (memory on millions of posts).
  CHECK(&a.source_path.str() == &p.documents[1].source_path.str());
  CHECK(a.title == "Premier billet");
  CHECK(a.date == "2009-12-07");
  CHECK(a.text == "Le blog parle de démocratie locale.");
  CHECK(Meta(a, "id") == "p1");
  CHECK(Meta(a, "author") == "Claire");
  CHECK(Meta(a, "likes") == "12");
  CHECK(Meta(a, "tags") == "blog, politique");
  CHECK(Meta(a, "extra") == "(none)");  // objects are not metadata
  const Document& b = p.documents[1];
  CHECK(b.id == "posts.jsonl#6");
  CHECK(b.date == "2010-01-01");
  CHECK(Meta(b, "draft") == "false");
  CHECK(Meta(b, "score") == "(none)");  // null
  CHECK(p.records_skipped == 3);
  REQUIRE(p.warnings.size() == 3);
  CHECK(p.warnings[0].message == "'d/posts.jsonl' line 2: not valid JSON; line skipped");
  CHECK(p.warnings[1].message == "'d/posts.jsonl' line 3: no \"text\" string; line skipped");
  CHECK(p.warnings[2].message == "'d/posts.jsonl' line 5: not a JSON object; line skipped");

  const ParsedInput none = ParseJsonLines("{\"txt\": 1}\n\n", "n", "n.jsonl");
  CHECK(none.documents.empty());
  CHECK(none.skip_reason == "none of its 1 lines is usable");
}

TEST_CASE("CSV: header, --text-column, RFC 4180 quoting, bad records named and skipped") {
  const ParsedInput p = ParseCsv(Fixture("essays.csv"), "essays.csv", "essays.csv", "text");
  REQUIRE(p.documents.size() == 3);
  CHECK(p.documents[0].id == "essays.csv#1");
  CHECK(p.documents[0].title == "Premier essai");
  CHECK(p.documents[0].date == "2009-12-07");
  CHECK(p.documents[0].text == "Le blog, la démocratie et \"les citoyens\".");
  CHECK(Meta(p.documents[0], "author") == "Claire");
  CHECK(Meta(p.documents[0], "id") == "e1");
  CHECK(p.documents[1].text == "Un texte\nsur deux lignes, avec une virgule.");
  CHECK(p.documents[1].date == "2009-12-07");
  CHECK(&p.documents[0].source_path.str() == &p.documents[2].source_path.str());  // one copy
  CHECK(p.documents[2].id == "essays.csv#5");
  CHECK(p.documents[2].date == "2010-02");
  CHECK(p.records_skipped == 2);
  REQUIRE(p.warnings.size() == 2);
  CHECK(p.warnings[0].message ==
        "'essays.csv' line 5: record 3 has 4 field(s) where the header has 5; record skipped");
  CHECK(p.warnings[1].message ==
        "'essays.csv' line 6: record 4: empty 'text' field; record skipped");

  // ';' exported by a French spreadsheet, CRLF line ends, another column named for the text.
  const ParsedInput semi = ParseCsv(Fixture("essays-semicolon.csv"), "s", "s.csv", "TEXTE");
  REQUIRE(semi.documents.size() == 2);
  CHECK(semi.documents[0].text == "Le premier texte, avec une virgule");
  CHECK(semi.documents[1].text == "Le second; cité");
  CHECK(Meta(semi.documents[1], "auteur") == "Paul");
  CHECK(Meta(semi.documents[1], "titre") == "Deux");

  const ParsedInput missing = ParseCsv(Fixture("no-column.csv"), "n", "n.csv", "text");
  CHECK(missing.documents.empty());
  CHECK(Contains(missing.skip_reason, "no column named 'text'"));
  CHECK(Contains(missing.skip_reason, "columns: title, body"));

  const ParsedInput open = ParseCsv("text\n\"jamais fermé\n", "o", "o.csv", "text");
  CHECK(open.documents.empty());
  CHECK(open.records_skipped == 1);
  REQUIRE(open.warnings.size() == 1);
  CHECK(Contains(open.warnings[0].message, "line 2: record 1: a quoted field is never closed"));
}

TEST_CASE("IRaMuTeQ: variables as metadata, dates, thematics; preamble and empty texts skipped") {
  const ParsedInput p = ParseIramuteq(Fixture("corpus-iramuteq.txt"), "c.txt", "c.txt");
  REQUIRE(p.documents.size() == 3);
  const Document& a = p.documents[0];
  CHECK(a.id == "c.txt#1");
  CHECK(a.title == "*annee_2009 *auteur_claire *theme_blog");
  CHECK(a.date == "2009");
  CHECK(Meta(a, "annee") == "2009");
  CHECK(Meta(a, "auteur") == "claire");
  CHECK(Meta(a, "theme") == "blog");
  CHECK(Meta(a, "thematics") == "politique");
  CHECK(Contains(a.text, "Le blog de Claire parle de la démocratie participative.\n"));
  CHECK(Contains(a.text, "Le conseil municipal écoute les habitants."));
  CHECK_FALSE(Contains(a.text, "-*politique"));
  CHECK_FALSE(Contains(a.text, "****"));
  CHECK(p.documents[1].id == "c.txt#2");
  CHECK(&p.documents[0].source_path.str() == &p.documents[1].source_path.str());  // one copy
  CHECK(p.documents[2].id == "c.txt#4");  // text 3 is empty: the numbering stays stable
  CHECK(p.documents[2].date == "2012");
  CHECK(p.records_skipped == 2);
  REQUIRE(p.warnings.size() == 2);
  CHECK(p.warnings[0].message ==
        "'c.txt' lines 1-2: text before the first '****' line belongs to no text; skipped");
  CHECK(p.warnings[1].message == "'c.txt' line 12: text 3 is empty; skipped");

  const ParsedInput dated =
      ParseIramuteq("**** *date_2011_03_05 *x\nun texte\n****\nsans variable\n", "d", "d.txt");
  REQUIRE(dated.documents.size() == 2);
  CHECK(dated.documents[0].date == "2011-03-05");
  CHECK(Meta(dated.documents[0], "x") == "");
  CHECK(dated.documents[1].title == "d #2");
}

}  // namespace
}  // namespace trendscan

namespace trendscan {
namespace {

Document OnlyDocument(const std::string& text, std::vector<IngestWarning>* warnings = nullptr) {
  ParsedInput in = ParseTextFile(text, "post.txt", "post.txt");
  REQUIRE(in.documents.size() == 1);
  if (warnings != nullptr) *warnings = in.warnings;
  return in.documents[0];
}

TEST_CASE("plain-text headers: Date: and Titre: lines give the date and title, not the body") {
  const std::string text = "Date: 2008-11-14\nTitre : Le conseil de quartier\n\nLe corps.\n";
  const Document d = OnlyDocument(text);
  CHECK(d.date == "2008-11-14");
  CHECK(d.title == "Le conseil de quartier");
  CHECK(d.text == "Le corps.\n");
  CHECK(d.text_offset == text.find("Le corps"));
}

TEST_CASE("plain-text headers: a short first line, a date line and a byline, as a blog saves") {
  const std::string text =
      "L'individuation altruiste : devenir soi\n07 déc. 2009\nPar Hélix dans Société\n\n"
      "Premier paragraphe.\n\nSecond.\n";
  const Document d = OnlyDocument(text);
  CHECK(d.title == "L'individuation altruiste : devenir soi");
  CHECK(d.date == "2009-12-07");
  CHECK(Meta(d, "author") == "Hélix dans Société");
  CHECK(d.text.substr(0, 19) == "Premier paragraphe.");
  const Document p = OnlyDocument("Publié le 3 mars 2010\n\nDu texte ici.\n");
  CHECK(p.date == "2010-03-03");
  CHECK(p.title == "Du texte ici.");  // the default title: the first line of the body
}

TEST_CASE("plain-text headers: never a date from the body") {
  // A first paragraph that happens to start with a date, and a date further down.
  const Document a = OnlyDocument("Le 7 décembre 2009, il pleuvait.\n\n07 déc. 2009\n\nFin.\n");
  CHECK(a.date.empty());
  CHECK(a.text_offset == 0);
  // A first block longer than a header is body text, whatever it holds.
  const Document b = OnlyDocument("Date: 2009-12-07\nun\ndeux\ntrois\nquatre\ncinq\n\nsuite\n");
  CHECK(b.date.empty());
  CHECK(b.text_offset == 0);
  // A text that is only its first block keeps it as body.
  const Document c = OnlyDocument("Date: 2009-12-07\nTitre: seul");
  CHECK(c.text_offset == 0);
}

TEST_CASE("plain-text headers: a date not understood stays in the metadata, with a warning") {
  std::vector<IngestWarning> warnings;
  const Document d =
      OnlyDocument("Date: la semaine dernière\nTitre: Un titre\n\nCorps.\n", &warnings);
  CHECK(d.date.empty());
  CHECK(d.title == "Un titre");
  CHECK(Meta(d, "date") == "la semaine dernière");
  REQUIRE(warnings.size() == 1);
  CHECK(Contains(warnings[0].message, "line 1"));
  CHECK(d.text == "Corps.\n");
}

}  // namespace
}  // namespace trendscan
