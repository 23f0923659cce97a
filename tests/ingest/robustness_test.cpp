// Issue 13: ingestion never trusts its input: stray bytes, silent drops, fake IRaMuTeQ corpora,
// and messages that say what happened.
#include <doctest/doctest.h>

#include <string>

#include "test_util.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/ingest/formats.hpp"

namespace trendscan {
namespace {

using testing::TempDir;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The warning naming `name`, or "" when none does.
std::string WarningFor(const Corpus& c, const std::string& name) {
  for (const IngestWarning& w : c.warnings) {
    if (Contains(w.message, name)) return w.message;
  }
  return "";
}

TEST_CASE("issue 13: a UTF-8 file with a stray byte is read as UTF-8, with a warning") {
  TempDir dir;
  const std::string text = "J'étais à Lyon, déjà l'été dernier, pour la fête des lumières.\n";
  const std::size_t at = text.find(" Lyon");  // between two characters
  const auto path = dir.Write("essai.txt", text.substr(0, at) + "\x9B" + text.substr(at));
  Result<Corpus> c = LoadCorpus({path.string()}, {}, nullptr);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 1);
  CHECK(Contains(c->documents[0].text, "J'étais à\xEF\xBF\xBD Lyon"));
  CHECK(Contains(c->documents[0].text, "l'été dernier"));
  CHECK(c->files_skipped == 0);
  CHECK(WarningFor(*c, "essai.txt") ==
        "'" + path.string() +
            "' is UTF-8 but for 1 byte(s) that are not (the first at byte offset " +
            std::to_string(at) + "): each was read as U+FFFD, the rest as UTF-8");
}

TEST_CASE("issue 13: an IRaMuTeQ date variable not understood is a warning, not a silent drop") {
  const ParsedInput p = ParseIramuteq(
      "**** *annee_0000 *auteur_claire\nUn texte.\n**** *date_2011_13_40\nUn autre.\n", "c.txt",
      "c.txt");
  REQUIRE(p.documents.size() == 2);
  CHECK(p.documents[0].date.empty());
  CHECK(p.documents[0].metadata[0] == std::make_pair(std::string("annee"), std::string("0000")));
  CHECK(p.records_skipped == 0);  // the texts are kept, only their dates are lost
  REQUIRE(p.warnings.size() == 2);
  CHECK(p.warnings[0].message ==
        "'c.txt' line 1: date '*annee_0000' not understood (dates are read as YYYY-MM-DD, "
        "YYYY-MM or YYYY, years 1000 to 2999, or as the README lists); the text has no date");
  CHECK(Contains(p.warnings[1].message, "'c.txt' line 3: date '*date_2011_13_40' not understood"));
}

TEST_CASE("issue 13: a date not understood says which dates are read, years included") {
  const ParsedInput p = ParseTextFile("---\ndate: 0999-01-01\n---\nLe texte.\n", "a.md", "a.md");
  REQUIRE(p.documents.size() == 1);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0].message ==
        "'a.md': date '0999-01-01' not understood (dates are read as YYYY-MM-DD, YYYY-MM or "
        "YYYY, years 1000 to 2999, or as the README lists); the document has no date");
}

TEST_CASE("issue 13: a front matter never closed is read as text, with a warning") {
  const std::string text = "---\ntitle: Un titre\ndate: 2009-12-07\nLe texte sans fin.\n";
  const ParsedInput p = ParseTextFile(text, "a.md", "a.md");
  REQUIRE(p.documents.size() == 1);
  CHECK(p.documents[0].text == text);  // nothing dropped
  CHECK(p.documents[0].date.empty());
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0].message ==
        "'a.md' line 1: a front matter opens here ('---') but no '---' line closes it: the whole "
        "file is read as text (close it, or remove the first line)");
}

}  // namespace
}  // namespace trendscan
