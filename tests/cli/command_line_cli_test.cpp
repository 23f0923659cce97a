// The command line people expect: `analyse` as well as `analyze`, "did you mean" for a
// mistyped command, standard input read when no path is given, --version naming the build,
// --help in 80 columns with the options in groups.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/cli_test_util.hpp"

namespace trendscan {
namespace {

using testing::Has;
using testing::Run;
using testing::Trendscan;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";
const std::string kPost =
    "Mon blog\n\nJ'écris sur mon blog des billets sur la démocratie locale.\n";

TEST_CASE("analyse is analyze") {
  const Run british = Trendscan({"analyse", kSample, "--no-timings", "-q"});
  const Run american = Trendscan({"analyze", kSample, "--no-timings", "-q"});
  REQUIRE(british.exit_code == 0);
  CHECK(british.out == american.out);
  CHECK(Has(Trendscan({"analyse", "--help"}).out, "trendscan analyze:"));
}

TEST_CASE("a mistyped command gets a suggestion; a path given as a command, the command") {
  Run r = Trendscan({"analyz", kSample});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "trendscan: error: unknown command 'analyz': did you mean 'analyze'?"));
  r = Trendscan({"anlayse", kSample});
  CHECK(Has(r.err, "did you mean 'analyze'?"));
  r = Trendscan({"bnech"});
  CHECK(Has(r.err, "did you mean 'bench'?"));
  r = Trendscan({kSample});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "is not a command; to find its themes: trendscan analyze " + kSample));
  r = Trendscan({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "unknown command 'frobnicate'; the commands are analyze (or analyse), bench"));
  r = Trendscan({});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "Usage: trendscan COMMAND [OPTIONS]"));
}

TEST_CASE("without a path, analyze reads standard input") {
  const Run piped = Trendscan({"analyze", "--k", "1", "--format", "json", "-q"}, kPost);
  REQUIRE_MESSAGE(piped.exit_code == 0, piped.err);
  const Run dash = Trendscan({"analyze", "-", "--k", "1", "--format", "json", "-q"}, kPost);
  CHECK(piped.out.substr(0, piped.out.find("\"timings\"")) ==
        dash.out.substr(0, dash.out.find("\"timings\"")));
  CHECK(Has(piped.out, "\"id\": \"-\""));
  // Nothing readable piped in: an input error, said so.
  const Run empty = Trendscan({"analyze"}, "\n  \n");
  CHECK(empty.exit_code == 1);
  CHECK(Has(empty.err, "trendscan: error:"));
}

TEST_CASE("--version names the version, the commit, ICU, Unicode, Snowball and the schema") {
  const Run r = Trendscan({"--version"});
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, std::string("trendscan ") + TRENDSCAN_VERSION + "\n"));
  CHECK(Has(r.out, "commit: "));
  CHECK(Has(r.out, "ICU "));
  CHECK(Has(r.out, "(Unicode "));
  CHECK(Has(r.out, "Snowball "));
  CHECK(Has(r.out, "JSON report: schema_version 4"));
}

TEST_CASE("--help fits 80 columns, with every option in a named group, examples and exits") {
  for (const char* command : {"", "analyze", "bench"}) {
    CAPTURE(command);
    const Run r =
        std::string(command).empty() ? Trendscan({"--help"}) : Trendscan({command, "--help"});
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::size_t widest = 0;
    for (std::string line; std::getline(lines, line);) {
      std::size_t columns = 0;
      for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
      widest = std::max(widest, columns);
    }
    CHECK(widest <= 80);
    // An option the group table does not know falls in "Other options" (help.cpp).
    CHECK_FALSE(Has(r.out, "Other options:"));
    CHECK_FALSE(Has(r.out, "\nOptions:"));
  }
  const Run analyze = Trendscan({"analyze", "--help"});
  for (const char* group :
       {"Themes:", "Units:", "Words and weights:", "Clustering:", "Time and variables:", "Input:",
        "Report:", "General:", "Examples:", "Exit status:"}) {
    CAPTURE(group);
    CHECK(Has(analyze.out, std::string("\n") + group + "\n"));
  }
  CHECK(Has(analyze.out, "treat 3 as success with warnings"));
}

}  // namespace
}  // namespace trendscan
