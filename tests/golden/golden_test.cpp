// The golden reports: each case of tests/golden/cases.txt run as a user would, from the
// repository root, and its output (or, for a folder, its --tables) compared byte for byte with
// the committed report. A failure
// prints the first differing line; tests/golden/update.sh regenerates the reports after an
// intended change. The build's commit (tool.commit in JSON) differs with every commit, so it is
// masked on both sides: "GOLDEN" in the committed reports (update.sh writes it so).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"

namespace trendscan::testing {
namespace {

using testing::TempDir;

struct GoldenCase {
  std::string file;
  std::vector<std::string> args;
};

std::vector<GoldenCase> ReadCases() {
  std::ifstream in(std::string(TRENDSCAN_SOURCE_DIR) + "/tests/golden/cases.txt");
  std::vector<GoldenCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    GoldenCase c;
    words >> c.file;
    for (std::string w; words >> w;) c.args.push_back(w);
    cases.push_back(std::move(c));
  }
  return cases;
}

// "line N: expected '...', got '...'" for the first line that differs.
std::string FirstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int n = 1;; ++n) {
    const bool has_e = static_cast<bool>(std::getline(e, le));
    const bool has_a = static_cast<bool>(std::getline(a, la));
    if (!has_e && !has_a) return "same lines, different bytes (line endings?)";
    if (!has_e || !has_a || le != la) {
      return "line " + std::to_string(n) + ": expected '" + (has_e ? le : "<end>") + "', got '" +
             (has_a ? la : "<end>") + "'";
    }
  }
}

// The report with its first "commit" member (the tool's) set to "GOLDEN".
std::string MaskCommit(const std::string& report) {
  static const std::regex kCommit(R"re("commit": (null|"[^"]*"))re");
  return std::regex_replace(report, kCommit, R"("commit": "GOLDEN")",
                            std::regex_constants::format_first_only);
}

// A case named "folder/" is a set of tables: the run writes them (--tables) into a temporary
// folder, and each file must match the committed one of the same name, with none missing or
// added.
void CheckTables(const GoldenCase& c) {
  TempDir out;
  std::vector<std::string> args = c.args;
  for (const char* a : {"--tables", "", "-o", "/dev/null"}) args.emplace_back(a);
  args[args.size() - 3] = out.path().string();
  const Run run = TrendscanIn(TRENDSCAN_SOURCE_DIR, args);
  REQUIRE_MESSAGE((run.exit_code == 0 || run.exit_code == 3), run.err);
  const std::filesystem::path golden =
      std::string(TRENDSCAN_SOURCE_DIR) + "/tests/golden/" + c.file;
  std::vector<std::string> expected, written;
  for (const auto& e : std::filesystem::directory_iterator(golden)) {
    expected.push_back(e.path().filename().string());
  }
  for (const auto& e : std::filesystem::directory_iterator(out.path())) {
    written.push_back(e.path().filename().string());
  }
  std::sort(expected.begin(), expected.end());
  std::sort(written.begin(), written.end());
  CHECK(written == expected);
  for (const std::string& name : expected) {
    CAPTURE(name);
    const std::string want = ReadAll(golden / name);
    const std::string got = ReadAll(out.path() / name);
    if (got != want) FAIL_CHECK(FirstDifference(want, got));
  }
}

TEST_CASE("every golden report is reproduced byte for byte") {
  const std::vector<GoldenCase> cases = ReadCases();
  REQUIRE(cases.size() >= 4);
  for (const GoldenCase& c : cases) {
    CAPTURE(c.file);
    if (c.file.back() == '/') {
      CheckTables(c);
      continue;
    }
    const Run run = TrendscanIn(TRENDSCAN_SOURCE_DIR, c.args);
    REQUIRE_MESSAGE((run.exit_code == 0 || run.exit_code == 3), run.err);
    const std::string golden =
        ReadAll(std::string(TRENDSCAN_SOURCE_DIR) + "/tests/golden/" + c.file);
    REQUIRE(!golden.empty());
    const std::string out = MaskCommit(run.out);
    if (out != golden) FAIL_CHECK(FirstDifference(golden, out));
  }
}

}  // namespace
}  // namespace trendscan::testing
