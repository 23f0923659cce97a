#include "trendscan/ingest/corpus.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "ingest/file_reader.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::TempDir;

const std::string kIngest = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/ingest";

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

TEST_CASE("the ingest fixtures: every format read, every bad input named with its reason") {
  Result<Corpus> c = LoadCorpus({kIngest}, {}, nullptr);
  REQUIRE(c.ok());
  std::vector<std::string> ids;
  for (const Document& d : c->documents) ids.push_back(d.id.str());
  CHECK(ids == std::vector<std::string>{
                   "bad-date.md", "bom.txt", "corpus-iramuteq.txt#1", "corpus-iramuteq.txt#2",
                   "corpus-iramuteq.txt#4", "cp1252.txt", "essays.csv#1", "essays.csv#2",
                   "essays.csv#5", "front.md", "latin1.txt", "page-latin1.htm", "page.html",
                   "posts.jsonl#1", "posts.jsonl#6", "utf16.txt"});
  CHECK(c->files_read == 11);
  CHECK(c->files_skipped == 6);
  CHECK(c->records_skipped == 7);
  CHECK(Contains(WarningFor(*c, "blank.md"), "empty file"));
  CHECK(Contains(WarningFor(*c, "empty.txt"), "empty file"));
  CHECK(Contains(WarningFor(*c, "image.txt"), "PNG image"));
  CHECK(Contains(WarningFor(*c, "nul.txt"), "NUL bytes"));
  CHECK(Contains(WarningFor(*c, "no-column.csv"), "no column named 'text'"));
  CHECK(Contains(WarningFor(*c, "essays-semicolon.csv"), "columns: titre, texte, auteur"));
  CHECK(Contains(WarningFor(*c, "latin1.txt"), "read as ISO-8859-1"));
  CHECK(Contains(WarningFor(*c, "cp1252.txt"), "read as windows-1252"));
  CHECK(Contains(WarningFor(*c, "page-latin1.htm"), "read as"));
  CHECK(Contains(WarningFor(*c, "utf16.txt"), "UTF-16LE (announced by its byte-order mark)"));
  for (const Document& d : c->documents) {
    CAPTURE(d.id);
    CHECK(d.text.find("\xEF\xBF\xBD") == std::string::npos);  // nothing was lost to U+FFFD
  }
  // The HTML page declared Latin-1 and is read correctly.
  const auto page = std::find_if(c->documents.begin(), c->documents.end(),
                                 [](const Document& d) { return d.id == "page-latin1.htm"; });
  REQUIRE(page != c->documents.end());
  CHECK(page->title == "Été");
  CHECK(Contains(page->text, "Un été à la fête du quartier"));
}

TEST_CASE("links: broken, looping on themselves, and looping folders are skipped and named") {
  TempDir dir;
  dir.Write("a.txt", "un texte lisible");
  dir.Write("sub/b.txt", "un autre texte");
  namespace fs = std::filesystem;
  fs::create_symlink(dir.path() / "gone.txt", dir.path() / "broken.txt");
  fs::create_symlink(dir.path() / "self.txt", dir.path() / "self.txt");
  fs::create_directory_symlink(dir.path(), dir.path() / "sub" / "loop");
  fs::create_symlink(dir.path() / "a.txt", dir.path() / "z-link.txt");  // a good link is read
  REQUIRE(::mkfifo((dir.path() / "pipe.txt").c_str(), 0600) == 0);      // must not block
  Result<Corpus> c = LoadCorpus({dir.path().string()}, {}, nullptr);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 3);
  CHECK(c->documents[0].id == "a.txt");
  CHECK(c->documents[1].id == "sub/b.txt");
  CHECK(c->documents[2].id == "z-link.txt");
  CHECK(c->files_skipped == 4);
  CHECK(Contains(WarningFor(*c, "broken.txt"), "broken symbolic link"));
  CHECK(Contains(WarningFor(*c, "self.txt"), "symbolic link loop"));
  CHECK(Contains(WarningFor(*c, "sub/loop"), "already read through another path"));
  CHECK(Contains(WarningFor(*c, "pipe.txt"), "not a regular file"));

  Result<Corpus> named = LoadCorpus({(dir.path() / "self.txt").string()}, {}, nullptr);
  CHECK(named.status().code() == StatusCode::kNotFound);
  CHECK(Contains(named.status().message(), "symbolic link loop"));
}

TEST_CASE("a regular file of any size reads back byte for byte") {
  TempDir dir;
  for (std::size_t size : {0u, 1u, 4095u, 65535u, 65536u, 65537u, 200001u}) {
    CAPTURE(size);
    std::string content(size, '\0');
    for (std::size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + (i * 31) % 26);
    const auto path = dir.Write("f" + std::to_string(size) + ".txt", content);
    const Result<std::string> r = internal::ReadWholeFile(path.string(), 1 << 20, false);
    REQUIRE(r.ok());
    CHECK(*r == content);
  }
  // Files whose size the system does not tell (st_size 0) are read to their end.
  const Result<std::string> version = internal::ReadWholeFile("/proc/version", 1 << 20, true);
  REQUIRE(version.ok());
  CHECK(version->find("Linux") != std::string::npos);
}

TEST_CASE("reading a file: a folder, a FIFO and an oversized file fail with the reason") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "x.txt");
  Result<std::string> r = internal::ReadWholeFile((dir.path() / "x.txt").string(), 100, false);
  CHECK(r.status().code() == StatusCode::kIoError);
  CHECK(Contains(r.status().message(), "x.txt': cannot read it (Is a directory)"));
  REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
  r = internal::ReadWholeFile((dir.path() / "fifo").string(), 100, false);
  CHECK(Contains(r.status().message(), "not a regular file"));
  dir.Write("big.txt", std::string(3 << 20, 'a'));
  r = internal::ReadWholeFile((dir.path() / "big.txt").string(), 1 << 20, false);
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK(Contains(r.status().message(),
                 "': 3.0 MB, over the 1.0 MB limit (raise --max-file-mb to read it)"));
  r = internal::ReadWholeFile((dir.path() / "big.txt").string(), 3 << 20, false);
  REQUIRE(r.ok());
  CHECK(r->size() == (3u << 20));

  IngestOptions small;
  small.max_file_bytes = 1 << 20;
  dir.Write("ok.txt", "un texte");
  Result<Corpus> c = LoadCorpus({dir.path().string()}, small, nullptr);
  REQUIRE(c.ok());
  CHECK(c->documents.size() == 1);
  CHECK(c->files_skipped == 1);
  CHECK(Contains(WarningFor(*c, "big.txt"), "skipping '"));
  CHECK(Contains(WarningFor(*c, "big.txt"), "over the 1.0 MB limit"));
}

TEST_CASE("tens of thousands of files: all read, sorted, no file handle leaked") {
  TempDir dir;
  constexpr int kFiles = 20000;
  for (int i = 0; i < kFiles; ++i) {
    const std::string name = "d" + std::to_string(i % 4) + "/f" + std::to_string(i) + ".txt";
    if (i < 4) std::filesystem::create_directories(dir.path() / ("d" + std::to_string(i)));
    std::ofstream(dir.path() / name) << "mot" << i;
  }
  Result<Corpus> c = LoadCorpus({dir.path().string()}, {}, nullptr);
  REQUIRE(c.ok());
  CHECK(c->documents.size() == static_cast<std::size_t>(kFiles));
  CHECK(c->files_read == static_cast<std::size_t>(kFiles));
  CHECK(c->warnings.empty());
  CHECK(std::is_sorted(c->documents.begin(), c->documents.end(),
                       [](const Document& a, const Document& b) { return a.id < b.id; }));
}

TEST_CASE("files named one by one are read together, in the order given, with a folder between") {
  TempDir dir;
  dir.Write("c.jsonl", "{\"text\": \"trois\"}\n{\"text\": \"quatre\"}\n");
  dir.Write("a.md", "un");
  dir.Write("folder/b.txt", "deux");
  dir.Write("z.txt", "cinq");
  std::vector<std::pair<std::size_t, std::size_t>> told;  // (done, total) of each call
  Result<Corpus> c = LoadCorpus(
      {(dir.path() / "c.jsonl").string(), (dir.path() / "a.md").string(),
       (dir.path() / "folder").string(), (dir.path() / "z.txt").string()},
      {}, nullptr, 2, [&](std::size_t done, std::size_t total) { told.emplace_back(done, total); });
  REQUIRE(c.ok());
  std::vector<std::string> texts;
  for (const Document& d : c->documents) texts.push_back(d.text);
  CHECK(texts == std::vector<std::string>{"trois", "quatre", "un", "deux", "cinq"});
  // The two files before the folder are read with its file, in one batch of three (on every
  // thread, not one file at a time); the last file after it. The counts run on over batches.
  const std::vector<std::pair<std::size_t, std::size_t>> batches = {{1, 3}, {2, 3}, {3, 3}, {4, 4}};
  CHECK(told == batches);
}

// 30 files of 4 posts (a bad line in every seventh), a file that gives nothing, an ignored one;
// returns the folder.
std::string WriteBatchPosts(const TempDir& dir) {
  for (int f = 0; f < 30; ++f) {
    std::string lines;
    for (int i = 0; i < 4; ++i) {
      lines += "{\"text\": \"message " + std::to_string(f) + "-" + std::to_string(i) +
               " sur le jardin partagé\"}\n";
      if (f % 7 == 3 && i == 1) lines += "{pas du json}\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "posts/p%02d.jsonl", f);
    dir.Write(name, lines);
  }
  dir.Write("posts/vide.jsonl", "\n");
  dir.Write("posts/notes.bin", "ignored");
  return (dir.path() / "posts").string();
}

TEST_CASE("reading in batches: the batches and the rest are what one reading gives") {
  TempDir dir;
  const std::vector<std::string> paths = {WriteBatchPosts(dir)};
  Result<Corpus> whole = LoadCorpus(paths, {}, nullptr, 2);
  REQUIRE(whole.ok());
  REQUIRE(whole->documents.size() == 120);
  for (std::uint64_t batch_bytes : {std::uint64_t{1}, std::uint64_t{300}, std::uint64_t{2000}}) {
    CAPTURE(batch_bytes);
    std::vector<Corpus> batches;
    Result<Corpus> rest = LoadCorpusInBatches(paths, {}, 2, {}, batch_bytes, 10, [&](Corpus&& b) {
      batches.push_back(std::move(b));
      return Status::Ok();
    });
    REQUIRE(rest.ok());
    // 120 posts of some 36 bytes (4,300 in all): batches of at least 10 posts (3 files) for the
    // small sizes, at least one of 2,000 bytes (the rest is what is left at the end).
    CHECK(batches.size() >= (batch_bytes == 2000 ? 1u : 4u));
    batches.push_back(std::move(*rest));
    std::vector<std::string> ids;
    std::vector<std::string> texts;
    std::vector<std::string> warnings;
    std::size_t files_read = 0, files_skipped = 0, records_skipped = 0, files_found = 0,
                files_ignored = 0;
    std::uint64_t bytes_read = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
      const Corpus& c = batches[b];
      // Every batch but the rest holds at least the documents asked for, and its texts.
      if (b + 1 < batches.size()) CHECK(c.documents.size() >= 10);
      for (const Document& d : c.documents) {
        ids.push_back(d.id.str());
        texts.push_back(d.text);
      }
      for (const IngestWarning& w : c.warnings) warnings.push_back(w.message);
      files_read += c.files_read;
      files_skipped += c.files_skipped;
      records_skipped += c.records_skipped;
      files_found += c.files_found;
      files_ignored += c.files_ignored;
      bytes_read += c.bytes_read;
    }
    std::vector<std::string> whole_ids, whole_texts, whole_warnings;
    for (const Document& d : whole->documents) {
      whole_ids.push_back(d.id.str());
      whole_texts.push_back(d.text);
    }
    for (const IngestWarning& w : whole->warnings) whole_warnings.push_back(w.message);
    CHECK(ids == whole_ids);
    CHECK(texts == whole_texts);
    CHECK(warnings == whole_warnings);
    CHECK(files_read == whole->files_read);
    CHECK(files_skipped == whole->files_skipped);
    CHECK(records_skipped == whole->records_skipped);
    CHECK(files_found == whole->files_found);
    CHECK(files_ignored == whole->files_ignored);
    CHECK(bytes_read == whole->bytes_read);
  }
}

TEST_CASE("reading in batches: none when the corpus is smaller, and a failing batch stops it") {
  TempDir dir;
  const std::vector<std::string> paths = {WriteBatchPosts(dir)};
  // Larger than the corpus: no batch, everything in the rest.
  std::size_t handed = 0;
  Result<Corpus> all = LoadCorpusInBatches(paths, {}, 2, {}, 1 << 30, 10, [&](Corpus&&) {
    ++handed;
    return Status::Ok();
  });
  REQUIRE(all.ok());
  CHECK(handed == 0);
  CHECK(all->documents.size() == 120);
  // A batch that fails ends the reading with its status; standard input is refused.
  std::size_t calls = 0;
  Result<Corpus> failed = LoadCorpusInBatches(paths, {}, 2, {}, 1, 10, [&](Corpus&&) {
    ++calls;
    return Status::IoError("disk full");
  });
  CHECK(failed.status().code() == StatusCode::kIoError);
  CHECK(calls == 1);
  CHECK(LoadCorpusInBatches({"-"}, {}, 2, {}, 1, 10, [](Corpus&&) { return Status::Ok(); })
            .status()
            .code() == StatusCode::kInvalidArgument);
}

TEST_CASE("standard input: text or IRaMuTeQ, and the size limit") {
  std::istringstream in("**** *annee_2010\nUn texte.\n**** *annee_2011\nUn autre.\n");
  Result<Corpus> c = LoadCorpus({"-"}, {}, &in);
  REQUIRE(c.ok());
  REQUIRE(c->documents.size() == 2);
  CHECK(c->documents[1].id == "-#2");
  CHECK(c->documents[1].date == "2011");
  IngestOptions tiny;
  tiny.max_file_bytes = 4;
  std::istringstream big("plus de quatre octets");
  Result<Corpus> r = LoadCorpus({"-"}, tiny, &big);
  CHECK(r.status().code() == StatusCode::kEmptyInput);
  CHECK(Contains(r.status().message(), "standard input: over the --max-file-mb limit"));
}

TEST_CASE("a folder of only bad files fails, naming the first reason") {
  TempDir dir;
  dir.Write("a.txt", std::string("\0\0binaire", 9));
  dir.Write("b.md", "");
  Result<Corpus> r = LoadCorpus({dir.path().string()}, {}, nullptr);
  CHECK(r.status().code() == StatusCode::kEmptyInput);
  CHECK(Contains(r.status().message(), "2 file(s) skipped; first: skipping '"));
  CHECK(Contains(r.status().message(), "a.txt': binary file (contains NUL bytes)"));
}

}  // namespace
}  // namespace trendscan
