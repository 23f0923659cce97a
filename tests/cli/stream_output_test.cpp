// The JSON report streamed to its file (WriteFileInPieces, cli/cli_util): the same bytes as on
// standard output, atomic replacement of an existing report, and errors that leave nothing behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli/cli_test_util.hpp"

using namespace trendscan::testing;

namespace {

const std::string kEssays = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

std::size_t Entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) n += !e.path().empty();
  return n;
}

}  // namespace

TEST_CASE("a streamed JSON report: the bytes of standard output, an old report replaced whole") {
  TempDir dir;
  const auto out = dir.path() / "report.json";
  dir.Write("report.json", "an older report, longer than nothing at all");
  const Run to_file =
      Trendscan({"analyze", kEssays, "--format", "json", "--no-timings", "-o", out.string()});
  REQUIRE(to_file.exit_code == 0);
  const Run to_stdout = Trendscan({"analyze", kEssays, "--format", "json", "--no-timings"});
  REQUIRE(to_stdout.exit_code == 0);
  CHECK(ReadAll(out) == to_stdout.out);
  CHECK(Entries(dir.path()) == 1);  // no temporary file left
}

TEST_CASE("a streamed JSON report to a folder that does not exist: an error naming it") {
  const Run r =
      Trendscan({"analyze", kEssays, "--format", "json", "-o", "/nonexistent-dir/report.json"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/nonexistent-dir/report.json") != std::string::npos);
  CHECK(r.out.empty());
}
