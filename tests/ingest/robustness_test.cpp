// Issue 13: ingestion never trusts its input: stray bytes, silent drops, fake IRaMuTeQ corpora,
// and messages that say what happened.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
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
  CHECK(p.documents[0].metadata[0].first == "annee");
  CHECK(p.documents[0].metadata[0].second == "0000");
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

TEST_CASE("issue 13: only a real '**** *variable' opener makes a file IRaMuTeQ") {
  CHECK(LooksLikeIramuteq("**** *annee_2009 *auteur_claire\nUn texte."));
  CHECK(LooksLikeIramuteq("\xEF\xBB\xBF\n**** *a\ntexte"));
  CHECK(LooksLikeIramuteq("préambule\n**** *a_b\ntexte"));
  for (const char* text : {"\n\n****\ntexte", "****************************\nUn post.\n",
                           "**** * IMPORTANT ****\nLisez ceci.\n", "****Titre\n", "**** \n",
                           "**** *\n", "**** **gras**\n", "**** *a *\n", "un texte\n**** avec\n"}) {
    CAPTURE(text);
    CHECK_FALSE(LooksLikeIramuteq(text));
  }
}

TEST_CASE("issue 13: a post with lines of asterisks is one text, not fake IRaMuTeQ texts") {
  // 20news: 1,957 files became 1,962 documents, silently.
  TempDir dir;
  const std::string post =
      "**********************************************\n"
      "*  Annonce : vente de charité samedi         *\n"
      "**********************************************\n\n"
      "Bonjour à tous, la vente de charité du quartier aura lieu samedi.\n"
      "**** merci de faire passer ****\n"
      "Les bénéfices iront à l'école.\n";
  const auto path = dir.Write("post.txt", post);
  Result<Corpus> c = LoadCorpus({dir.path().string()}, {}, nullptr);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 1);
  CHECK(c->documents[0].id == "post.txt");
  CHECK(c->documents[0].text.find("Les bénéfices") != std::string::npos);
  CHECK(c->warnings.empty());
}

TEST_CASE("issue 13: a file read as IRaMuTeQ by a line other than its first says so") {
  TempDir dir;
  const auto path =
      dir.Write("notes.txt", "Mes notes de terrain.\n\n**** *annee_2009\nUn texte du corpus.\n");
  Result<Corpus> c = LoadCorpus({path.string()}, {}, nullptr);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 1);
  CHECK(c->documents[0].id == path.string() + "#1");
  CHECK(WarningFor(*c, "read as an IRaMuTeQ corpus") ==
        "'" + path.string() +
            "' is read as an IRaMuTeQ corpus because its line 3 opens a text ('**** *annee_2009'), "
            "though its first line does not; if it is one text, give it the extension .md");
  // A corpus that starts with its opener says nothing of the kind.
  const auto clean =
      dir.Write("c.txt", "**** *annee_2009\nUn texte.\n**** *annee_2010\nUn autre.\n");
  Result<Corpus> d = LoadCorpus({clean.string()}, {}, nullptr);
  REQUIRE(d.ok());
  CHECK(d->documents.size() == 2);
  CHECK(d->warnings.empty());
}

TEST_CASE("issue 13: a skipped file's warning reads as a sentence: \"skipping 'x': why\"") {
  TempDir dir;
  dir.Write("ok.txt", "Un texte lisible sur le blog.");
  dir.Write("big.txt", std::string((2 << 20) + 1, 'a'));
  // A socket cannot be opened (ENXIO), even by root: "skipping cannot read 's'" it said.
  const auto socket_path = dir.path() / "sock.txt";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  REQUIRE(socket_path.string().size() < sizeof address.sun_path);
  std::strcpy(address.sun_path, socket_path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  IngestOptions options;
  options.max_file_bytes = 1 << 20;
  Result<Corpus> c = LoadCorpus(
      {socket_path.string(), (dir.path() / "ok.txt").string(), (dir.path() / "big.txt").string()},
      options, nullptr);
  ::close(fd);
  REQUIRE(c.ok());
  CHECK(c->files_skipped == 2);
  CHECK(WarningFor(*c, "sock.txt") ==
        "skipping '" + socket_path.string() + "': cannot read it (No such device or address)");
  CHECK(WarningFor(*c, "big.txt") == "skipping '" + (dir.path() / "big.txt").string() +
                                         "': 2.0 MB, over the 1.0 MB limit (raise "
                                         "--max-file-mb to read it)");
}

}  // namespace
}  // namespace trendscan
