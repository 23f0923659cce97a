// Provenance: the JSON report says which build made it (tool) and from which input (input:
// fingerprint), so two reports can be compared knowingly; the fingerprint is the same for the
// same documents wherever and in whatever order they are given, and changes with one byte.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/cli_test_util.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::Run;
using testing::TempDir;
using testing::Trendscan;
using testing::TrendscanIn;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

nlohmann::json Report(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "analyze");
  for (const char* a : {"--format", "json", "-q", "--k", "3"}) args.push_back(a);
  const Run r = TrendscanIn(dir, args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

// The sample corpus split in two folders, a/ and b/, under `root`.
void SplitSample(const std::filesystem::path& root) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSample)) {
    if (entry.path().extension() != ".md") continue;
    const auto dir = root / (n++ % 2 == 0 ? "a" : "b");
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
  }
}

TEST_CASE("the report names its build: version, commit, ICU, Unicode and Snowball") {
  const nlohmann::json tool = Report("", {kSample})["tool"];
  CHECK(tool["name"] == "trendscan");
  CHECK(tool["version"] == TRENDSCAN_VERSION);
  // Built from a git checkout in the test suite, so the commit is known.
  CHECK((tool["commit"].is_null() || !tool["commit"].get<std::string>().empty()));
  CHECK(tool["icu"].get<std::string>().find('.') != std::string::npos);
  CHECK(tool["unicode"].get<std::string>().find('.') != std::string::npos);
  CHECK((tool["snowball"].is_null() || !tool["snowball"].get<std::string>().empty()));
}

TEST_CASE("the same documents give the same fingerprint, in any order and from any folder") {
  TempDir tmp;
  SplitSample(tmp.path() / "split");
  const nlohmann::json ab = Report((tmp.path() / "split").string(), {"a", "b"});
  const nlohmann::json ba = Report((tmp.path() / "split").string(), {"b", "a"});
  const std::string fingerprint = ab["input"]["fingerprint"];
  CHECK(fingerprint.rfind("sha256:", 0) == 0);
  CHECK(fingerprint.size() == 7 + 64);
  CHECK(ab["input"]["documents"] == 45);
  CHECK(ba["input"]["fingerprint"] == fingerprint);
  // The same folders copied elsewhere and named by absolute paths, from another directory.
  std::filesystem::copy(tmp.path() / "split", tmp.path() / "elsewhere",
                        std::filesystem::copy_options::recursive);
  const nlohmann::json moved = Report(
      "/", {(tmp.path() / "elsewhere" / "a").string(), (tmp.path() / "elsewhere" / "b").string()});
  CHECK(moved["input"]["fingerprint"] == fingerprint);
  // --since analyses fewer documents, but the input read is the same.
  const nlohmann::json since =
      Report((tmp.path() / "split").string(), {"a", "b", "--since", "2010"});
  CHECK(since["corpus"]["documents"] < 45);
  CHECK(since["input"]["fingerprint"] == fingerprint);
  CHECK(since["input"]["documents"] == 45);
}

TEST_CASE("one byte changed in one text changes the fingerprint") {
  TempDir tmp;
  SplitSample(tmp.path());
  const std::string before = Report(tmp.path().string(), {"a", "b"})["input"]["fingerprint"];
  const auto first = *std::filesystem::directory_iterator(tmp.path() / "a");
  std::string text = testing::ReadAll(first.path());
  text.back() = text.back() == '.' ? '!' : '.';
  tmp.Write("a/" + first.path().filename().string(), text);
  CHECK(Report(tmp.path().string(), {"a", "b"})["input"]["fingerprint"] != before);
}

}  // namespace
}  // namespace trendscan
