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

}  // namespace
}  // namespace trendscan
