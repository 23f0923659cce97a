// LoadCorpus reading a share of the inputs (IngestOptions::shard_count), as each MPI rank does.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "trendscan/ingest/corpus.hpp"

using namespace trendscan;
using trendscan::testing::TempDir;

namespace {

void WriteInputs(const TempDir& dir) {
  dir.Write("a/1.md", "Un texte.");
  dir.Write("a/2.txt", "");  // skipped: empty
  dir.Write("a/3.jsonl", "{\"text\": \"un\"}\n{oops}\n{\"text\": \"deux\"}\n");
  dir.Write("b/4.md", "Encore un texte.");
  dir.Write("b/5.csv", "text,title\nun,A\ndeux,B\n");
  dir.Write("b/skip.bin", "not read");
}

}  // namespace

TEST_CASE("the shares of the inputs together are the whole corpus, in reading order") {
  TempDir dir;
  WriteInputs(dir);
  const std::vector<std::string> paths = {(dir.path() / "a").string(), (dir.path() / "b").string()};
  Result<Corpus> whole = LoadCorpus(paths, IngestOptions{}, nullptr);
  REQUIRE(whole.ok());
  CHECK(whole->files_found == 5);
  for (std::size_t count : {2u, 3u, 7u}) {
    CAPTURE(count);
    std::vector<Document> documents;
    std::vector<IngestWarning> warnings;
    std::size_t read = 0, skipped = 0, records = 0;
    for (std::size_t index = 0; index < count; ++index) {
      IngestOptions share;
      share.shard_count = count;
      share.shard_index = index;
      Result<Corpus> part = LoadCorpus(paths, share, nullptr);
      REQUIRE(part.ok());  // a share may be empty
      CHECK(part->files_ignored == whole->files_ignored);
      CHECK(part->files_found == whole->files_found);
      for (const Document& d : part->documents) CHECK(d.input % count == index);
      documents.insert(documents.end(), part->documents.begin(), part->documents.end());
      warnings.insert(warnings.end(), part->warnings.begin(), part->warnings.end());
      read += part->files_read;
      skipped += part->files_skipped;
      records += part->records_skipped;
    }
    std::stable_sort(documents.begin(), documents.end(), [](const Document& x, const Document& y) {
      return x.input != y.input ? x.input < y.input : x.record < y.record;
    });
    std::stable_sort(
        warnings.begin(), warnings.end(),
        [](const IngestWarning& x, const IngestWarning& y) { return x.input < y.input; });
    REQUIRE(documents.size() == whole->documents.size());
    for (std::size_t d = 0; d < documents.size(); ++d) {
      CHECK(documents[d].id == whole->documents[d].id);
      CHECK(documents[d].text == whole->documents[d].text);
    }
    REQUIRE(warnings.size() == whole->warnings.size());
    for (std::size_t w = 0; w < warnings.size(); ++w) {
      CHECK(warnings[w].message == whole->warnings[w].message);
    }
    CHECK(read == whole->files_read);
    CHECK(skipped == whole->files_skipped);
    CHECK(records == whole->records_skipped);
  }
}

TEST_CASE("a share refuses standard input, and leaves the empty-corpus check to the caller") {
  TempDir dir;
  dir.Write("empty/a.txt", "  ");
  IngestOptions share;
  share.shard_count = 2;
  std::istringstream in("du texte");
  CHECK(LoadCorpus({"-"}, share, &in).status().code() == StatusCode::kInvalidArgument);
  const std::vector<std::string> paths = {(dir.path() / "empty").string()};
  Result<Corpus> part = LoadCorpus(paths, share, nullptr);
  REQUIRE(part.ok());
  const Status check = CheckCorpusReadable(paths, *part);
  CHECK(check.code() == StatusCode::kEmptyInput);
  CHECK(check.message() == LoadCorpus(paths, IngestOptions{}, nullptr).status().message());
}

TEST_CASE("reading tells its progress: files done of the files queued, up to all of them") {
  TempDir dir;
  for (int i = 0; i < 450; ++i) dir.Write("posts/" + std::to_string(i) + ".txt", "Un billet.");
  for (int threads : {1, 3}) {
    CAPTURE(threads);
    std::vector<std::size_t> done;
    std::size_t total = 0;
    Result<Corpus> corpus = LoadCorpus({(dir.path() / "posts").string()}, IngestOptions{}, nullptr,
                                       threads, [&](std::size_t n, std::size_t of) {
                                         done.push_back(n);
                                         total = of;
                                       });
    REQUIRE(corpus.ok());
    CHECK(corpus->documents.size() == 450);
    CHECK(total == 450);
    REQUIRE(!done.empty());
    // Every second file (450 / 200 = 2), and the last: the calls are counted, not flooded.
    CHECK(done.size() == 225);
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK(done.back() == 450);
  }
}
