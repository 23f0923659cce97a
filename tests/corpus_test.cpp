#include "trendscan/corpus.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::TempDir;

TEST_CASE("front matter gives title, date and metadata; the body follows it") {
  const std::string content =
      "---\ntitle: \"Mon blog a cinq ans\"\ndate: 2009-12-07\nauthor: Claire\n---\n\nLe texte.\n";
  const Document d = ParseDocument(content, "a.md", "dir/a.md");
  CHECK(d.title == "Mon blog a cinq ans");
  CHECK(d.date == "2009-12-07");
  REQUIRE(d.metadata.size() == 1);
  CHECK(d.metadata[0].first == "author");
  CHECK(d.metadata[0].second == "Claire");
  CHECK(d.text == "\nLe texte.\n");
  CHECK(content.substr(d.text_offset) == d.text);
}

TEST_CASE("without front matter the title is the first line, else the file name") {
  CHECK(ParseDocument("\n# Un titre\n\nDu texte.", "x", "x.md").title == "Un titre");
  CHECK(ParseDocument("Première ligne\nsuite", "x", "x.txt").title == "Première ligne");
  CHECK(ParseDocument(std::string(300, 'a'), "x", "d/long-text.txt").title == "long-text");
  // A byte-order mark is not part of the text; an unclosed front matter is just text.
  const Document bom = ParseDocument("\xEF\xBB\xBFTitre\ncorps", "x", "x.txt");
  CHECK(bom.title == "Titre");
  CHECK(bom.text_offset == 3);
  CHECK(ParseDocument("---\ntitle: t\nno end", "x", "x.md").title == "---");
  // French dates are read; a date that is not one stays in the metadata.
  CHECK(ParseDocument("---\ndate: 7 décembre 2009\n---\nx", "x", "x.md").date == "2009-12-07");
  const Document odd = ParseDocument("---\ndate: un beau jour\n---\nx", "x", "x.md");
  CHECK(odd.date.empty());
  REQUIRE(odd.metadata.size() == 1);
  CHECK(odd.metadata[0].second == "un beau jour");
}

TEST_CASE("directories are walked recursively in sorted order, only known extensions") {
  TempDir dir;
  dir.Write("b.txt", "deuxième");
  dir.Write("a.md", "premier");
  dir.Write("sub/c.TXT", "troisième");
  dir.Write("notes.odt", "ignored");
  dir.Write("photo.jpg", "ignored");
  dir.Write(".hidden.txt", "ignored");
  Result<Corpus> c = LoadCorpus({dir.path().string()}, {}, nullptr);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 3);
  CHECK(c->documents[0].id == "a.md");
  CHECK(c->documents[1].id == "b.txt");
  CHECK(c->documents[2].id == "sub/c.TXT");
  CHECK(c->documents[2].text == "troisième");
  CHECK(c->warnings.empty());
  CHECK(c->files_read == 3);
  CHECK(c->files_ignored == 2);
  CHECK(c->files_skipped == 0);
}

TEST_CASE("bad inputs fail with a message naming the path") {
  TempDir dir;
  const std::string missing = (dir.path() / "nope").string();
  Result<Corpus> r = LoadCorpus({missing}, {}, nullptr);
  CHECK(r.status().code() == StatusCode::kNotFound);
  CHECK(r.status().message().find(missing) != std::string::npos);

  std::filesystem::create_directories(dir.path() / "empty");
  r = LoadCorpus({(dir.path() / "empty").string()}, {}, nullptr);
  CHECK(r.status().code() == StatusCode::kEmptyInput);
  CHECK(r.status().message().find("empty") != std::string::npos);

  dir.Write("blank/a.txt", "  \n\n");
  dir.Write("blank/b.md", "");
  r = LoadCorpus({(dir.path() / "blank").string()}, {}, nullptr);
  CHECK(r.status().code() == StatusCode::kEmptyInput);
  CHECK(r.status().message().find("no readable text") != std::string::npos);
}

TEST_CASE("an unreadable file is skipped with a warning when others remain") {
  TempDir dir;
  dir.Write("ok.txt", "un texte lisible");
  std::filesystem::create_symlink(dir.path() / "gone.txt", dir.path() / "broken.txt");
  Result<Corpus> c = LoadCorpus({dir.path().string()}, {}, nullptr);
  REQUIRE(c.ok());
  CHECK(c->documents.size() == 1);
  CHECK(c->files_skipped == 1);
  REQUIRE(c->warnings.size() == 1);
  CHECK(c->warnings[0].message.find("broken.txt") != std::string::npos);
}

TEST_CASE("'-' reads one document from the given stream") {
  std::istringstream in("Titre venu de stdin\nLe corps.");
  Result<Corpus> c = LoadCorpus({"-"}, {}, &in);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 1);
  CHECK(c->documents[0].id == "-");
  CHECK(c->documents[0].title == "Titre venu de stdin");
}

}  // namespace
}  // namespace trendscan
