// The HTML report as a document: its sections, its escaping, and that it fetches nothing. (How
// it looks is checked in a browser: tests/report/browser_test.py.)
#include <doctest/doctest.h>

#include <string>

#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Report TwoThemes() {
  Report r;
  r.tool_version = "9.9.9";
  r.parameters = {{"lang", std::string("fr")}};
  r.corpus.documents = 2;
  r.clustering.k = 2;
  r.clustering.algorithm = "spherical-kmeans";
  for (int id : {1, 2}) {
    Theme t;
    t.id = id;
    t.label = id == 1 ? "blog & photos" : "vote";
    t.words = t.label;
    t.size = 1;
    t.share = 0.5;
    t.characteristic_terms = {{"blog", "blog", 3, 0, 6.5, 0.01}};
    t.anti_profile = {{"vote", "vot", 0, 4, -2.5, 0.11}};
    Passage p;
    p.unit = static_cast<std::size_t>(id - 1);
    p.document = static_cast<std::size_t>(id - 1);
    p.text = "Un <b>passage</b>";
    t.passages = {p};
    t.central_documents = {{static_cast<std::size_t>(id - 1), 0.5}};
    t.concordance = {{"blog", "Blog", static_cast<std::size_t>(id - 1), 3, 7, "Un ", " ici"}};
    r.themes.push_back(t);
  }
  for (int d : {0, 1}) {
    DocumentEntry e;
    e.id = d == 0 ? "a.md" : "b.md";
    e.title = d == 0 ? "</script><script>alert(1)</script>" : "Titre B";
    e.theme = d + 1;
    e.similarity = 0.5;
    r.theme_mix.Append({{d + 1, 1, 1.0}});
    r.documents.push_back(e);
    UnitEntry u;
    u.document = static_cast<std::size_t>(d);
    u.begin = 3;
    u.end = 40;
    u.theme = d + 1;
    r.units.push_back(u);
  }
  r.theme_map.reason = "fewer than two characteristic terms";
  r.timeline.reason = "none of the 2 documents has a date";
  return r;
}

TEST_CASE("the page holds every section, the themes, passages and concordance") {
  const std::string html = RenderHtml(TwoThemes());
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  for (const char* id : {"overview", "map", "themes", "theme-1", "theme-2", "concordance",
                         "timeline", "known-themes", "documents", "about"}) {
    CAPTURE(id);
    CHECK(Has(html, std::string("id=\"") + id + "\""));
  }
  CHECK_FALSE(Has(html, "id=\"tree\""));       // no tree without --algorithm bisecting
  CHECK_FALSE(Has(html, "id=\"crosstabs\""));  // nor heat maps without --by
  CHECK(Has(html, "No map: fewer than two characteristic terms."));
  CHECK(Has(html, "No timeline: none of the 2 documents has a date."));
  CHECK(Has(html, "T1 · blog &amp; photos"));
  CHECK(Has(html, "χ² +6.5 · p = 0.01 · 3 / 0"));
  CHECK(Has(html, "<td class=\"left\">Un </td><td class=\"kw\"><mark>Blog</mark></td>"));
  // A whole-document passage is quoted under its central document, with its offsets.
  CHECK(Has(html, "<blockquote lang=\"fr\"><p>Un &lt;b&gt;passage&lt;/b&gt;</p></blockquote>"));
  CHECK(Has(html, "bytes 3–40"));
  CHECK_FALSE(Has(html, "<h4>Passages</h4>"));
  CHECK(RenderHtml(TwoThemes()) == html);  // no timestamp: the same report, the same bytes
}

TEST_CASE("text from the corpus cannot break out of the page or its data") {
  const std::string html = RenderHtml(TwoThemes());
  CHECK_FALSE(Has(html, "<script>alert(1)"));
  CHECK(Has(html, "&lt;/script&gt;&lt;script&gt;alert(1)"));              // in the table
  CHECK(Has(html, "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));  // in the data
  // One script element runs: the page's own (the data is inert JSON).
  std::size_t scripts = 0;
  for (std::size_t at = html.find("<script"); at != std::string::npos;
       at = html.find("<script", at + 1)) {
    ++scripts;
  }
  CHECK(scripts == 2);
  CHECK(Has(html, "<script type=\"application/json\" id=\"documents-data\">"));
}

TEST_CASE("nothing is fetched: no address but the SVG namespace, and a policy that forbids it") {
  const std::string html = RenderHtml(TwoThemes());
  for (std::size_t at = html.find("http"); at != std::string::npos;
       at = html.find("http", at + 1)) {
    const std::string around = html.substr(at, 26);
    CAPTURE(around);
    CHECK(
        (around.rfind("http://www.w3.org/2000/svg", 0) == 0 || around.rfind("http-equiv", 0) == 0));
  }
  CHECK(Has(html, "content=\"default-src 'none';"));
  CHECK(Has(html, "@page { size: A4;"));
}

TEST_CASE("a long document list is paged by the script, its first page drawn in the page") {
  Report r = TwoThemes();
  for (int d = 0; d < 120; ++d) {
    DocumentEntry e = r.documents[1];
    e.id = "doc-" + std::to_string(d) + ".md";
    r.documents.push_back(e);
  }
  const std::string html = RenderHtml(r);
  CHECK(Has(html, "The first 50 of 122 documents"));
  CHECK(Has(html, "doc-47.md"));              // the 50th row, drawn
  CHECK(Has(html, "\"doc-119.md\""));         // in the data
  CHECK_FALSE(Has(html, "<cite>doc-48.md"));  // not drawn
}

}  // namespace
}  // namespace trendscan
