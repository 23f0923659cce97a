// Issue 13 at the command line: hostile option values, outputs that are inputs, unbounded
// resources, terminal escapes, silent drops.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::Has;
using testing::Quote;
using testing::ReadAll;
using testing::Run;
using testing::TempDir;
using testing::Trendscan;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

TEST_CASE("issue 13: every numeric option is checked against its type: exit 2, never a crash") {
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"analyze", kSample, "--k", "2147483648"}, "--k"},
      {{"analyze", kSample, "--k", "99999999999999999999"}, "--k"},
      {{"analyze", kSample, "--k-max", "2147483648", "--k", "auto"}, "--k-max"},
      {{"analyze", kSample, "--seed", "18446744073709551616"}, "--seed"},
      {{"analyze", kSample, "--seed", "-1"}, "--seed"},
      {{"analyze", kSample, "--min-df", "nan"}, "--min-df"},
      {{"analyze", kSample, "--max-df", "inf"}, "--max-df"},
      {{"analyze", kSample, "--min-df", "1e400"}, "--min-df"},
      {{"analyze", kSample, "--known-theme-share", "nan"}, "--known-theme-share"},
      {{"analyze", kSample, "--max-file-mb", "18446744073709551616"}, "--max-file-mb"},
      {{"analyze", kSample, "--min-period-documents", "-1"}, "--min-period-documents"},
      {{"analyze", kSample, "--passages", "1.5"}, "--passages"},
      {{"analyze", kSample, "--restarts", "0x10"}, "--restarts"},
      {{"bench", "--corpus-seed", "-1", "--docs", "10"}, "--corpus-seed"},
      {{"bench", "--corpus-seed", "99999999999999999999999", "--docs", "10"}, "--corpus-seed"},
      {{"bench", "--mix", "nan", "--docs", "10"}, "--mix"},
      {{"bench", "--docs", "2147483648"}, "--docs"},
      {{"bench", "--k", "-1", "--docs", "10"}, "--k"},
      {{"bench", "--rounds", "nan", "--docs", "10"}, "--rounds"},
  };
  for (const Case& c : cases) {
    std::string line;
    for (const std::string& a : c.args) line += a + " ";
    CAPTURE(line);
    const Run r = Trendscan(c.args);
    CHECK(r.exit_code == 2);
    CHECK(Has(r.err, "trendscan: error: " + c.says));
    CHECK(r.out.empty());
  }
}

TEST_CASE("issue 13: an exception that escapes the analysis is exit 1 with a message") {
  if (kAddressSanitizer) {
    MESSAGE("AddressSanitizer reserves more address space than the limit: skipped");
    return;
  }
  // Thread stacks of 2 GB under a 1.5 GB address-space limit: the worker threads cannot start,
  // and std::thread throws std::system_error. It used to abort (exit 134).
  const std::string cmd = "ulimit -s 2000000 && ulimit -v 1500000 && " + Quote(TRENDSCAN_BINARY) +
                          " analyze " + Quote(kSample) + " --threads 2 -q >/dev/null 2>" +
                          Quote("/tmp/trendscan-issue13-exception.err");
  const int status = std::system(("sh -c " + Quote(cmd)).c_str());
  const std::string err = ReadAll("/tmp/trendscan-issue13-exception.err");
  std::remove("/tmp/trendscan-issue13-exception.err");
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(Has(err, "trendscan: error: "));
}

}  // namespace
}  // namespace trendscan
