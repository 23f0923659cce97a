// Escaping for HTML, CSV and scripts, and the writers' optional theme fields.
#include "report/escape.hpp"

#include <doctest/doctest.h>

#include <optional>

#include "report/theme_fields.hpp"
#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

using internal::CsvField;
using internal::HtmlEscape;
using internal::ScriptString;
using internal::ValidText;

TEST_CASE("text is made valid UTF-8 without control characters") {
  CHECK(ValidText("déjà vu\t\n\r") == "déjà vu\t\n\r");
  CHECK(ValidText("a\x01"
                  "b\x7f") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(ValidText("\xff"
                  "x\xc3") ==
        "\xEF\xBF\xBD"
        "x\xEF\xBF\xBD");
  CHECK(ValidText(std::string("a\0b", 3)) ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("HTML escapes the five characters that matter") {
  CHECK(HtmlEscape("<a href=\"x\">l'été & co</a>") ==
        "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
}

TEST_CASE("CSV fields are quoted only when they must be, quotes doubled (RFC 4180)") {
  CHECK(CsvField("plain, text") == "\"plain, text\"");
  CHECK(CsvField("plain text") == "plain text");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("cr\r") == "\"cr\r\"");
  CHECK(CsvField("") == "");
}

TEST_CASE("script strings cannot close the script element or break a line") {
  CHECK(ScriptString("</script><!--") == "\"\\u003c/script\\u003e\\u003c!--\"");
  CHECK(ScriptString("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(ScriptString("x\u2028y\u2029") == "\"x\\u2028y\\u2029\"");
  CHECK(ScriptString("été & co") == "\"été \\u0026 co\"");
}

TEST_CASE("a theme's stability is shown when measured, absent when not") {
  Theme t;
  CHECK_FALSE(internal::StabilityOf(t).has_value());  // -1: not measured
  t.stability = 0.75;
  CHECK(internal::StabilityOf(t) == 0.75);
  t.stability = 0;
  CHECK(internal::StabilityOf(t) == 0.0);
  t.stability = 1.5;
  CHECK_FALSE(internal::StabilityOf(t).has_value());
}

TEST_CASE("tables: a header row, CR LF, empty fields for what is missing") {
  Report r;
  Theme t;
  t.id = 1;
  t.label = "blog, photos";
  t.words = "blog · photos";
  t.size = 2;
  t.characteristic_terms = {{"blog", "blog", 3, 1, 4.5, 0.03}};
  r.themes = {t};
  DocumentEntry d;
  d.id = "a.md";
  d.title = "Un \"titre\"";
  d.metadata = {{"author", "Zoé"}, {"author", "Zoé B."}};
  r.documents = {d};
  const std::vector<ReportTable> tables = RenderTables(r);
  REQUIRE(tables.size() == 13);
  CHECK(tables[0].name == "themes.csv");
  const std::string& themes = tables[0].csv;
  CHECK(themes.rfind("theme,label,words,size,share,documents,known_theme,", 0) == 0);
  CHECK(themes.find("\r\n1,\"blog, photos\",blog · photos,2,0,0,,,,0,0,TRUE,,,,") !=
        std::string::npos);
  const std::string& terms = tables[1].csv;
  CHECK(terms.find("\r\n1,profile,1,blog,blog,3,1,4.5,0.03\r\n") != std::string::npos);
  const std::string& documents = tables[2].csv;
  CHECK(documents.find(",meta_author\r\n") != std::string::npos);
  // No theme: an empty field; a repeated key keeps its last value, as in the JSON report.
  CHECK(documents.find("\r\n0,a.md,,\"Un \"\"titre\"\"\",,,0,,0,0,,,0,Zoé B.\r\n") !=
        std::string::npos);
  // Tables without rows still have their header.
  CHECK(tables[6].name == "timeline.csv");
  CHECK(tables[6].csv.find("\r\n") == tables[6].csv.size() - 2);
}

}  // namespace
}  // namespace trendscan
