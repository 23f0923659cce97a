// End-to-end tests of the report formats for people: the text report in a terminal and out of
// one, the HTML report, and the CSV tables.
#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>
#include <string>

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

// The widest line of `text`, in code points.
std::size_t Widest(const std::string& text) {
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) {
    std::size_t n = 0;
    for (char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    widest = std::max(widest, n);
  }
  return widest;
}

// Runs trendscan on a pseudo-terminal of `columns` columns (util-linux `script`), with
// `environment` ("NO_COLOR=1 "...) before it; its output, or nothing when `script` is missing.
std::string InTerminal(const std::string& args, int columns, const std::string& environment) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return "";
  TempDir io;
  // No input and no echo: whatever reached the terminal's input would be echoed into the output.
  const std::string inner = "stty cols " + std::to_string(columns) + " -echo; " +
                            Quote(TRENDSCAN_BINARY) + " " + args + " </dev/null";
  const std::string cmd = environment + "script -qec " + Quote(inner) + " /dev/null </dev/null >" +
                          Quote((io.path() / "out").string()) + " 2>&1";
  if (std::system(cmd.c_str()) != 0) return "";
  return ReadAll(io.path() / "out");
}

TEST_CASE("the text report fits 80 columns, plain, when standard output is not a terminal") {
  const Run r = Trendscan({"analyze", kSample, "--no-timings", "--unit", "paragraph"});
  REQUIRE(r.exit_code == 0);
  CHECK(Widest(r.out) <= 80);
  CHECK_FALSE(Has(r.out, "\x1b["));
  // --width sets it; 0 never wraps.
  const Run narrow = Trendscan({"analyze", kSample, "--no-timings", "--width", "50"});
  CHECK(Widest(narrow.out) <= 50);
  const Run whole = Trendscan({"analyze", kSample, "--no-timings", "--width", "0"});
  CHECK(Widest(whole.out) > 200);
  // -o: a file is not a terminal either.
  TempDir dir;
  const std::string path = (dir.path() / "report.txt").string();
  REQUIRE(Trendscan({"analyze", kSample, "--no-timings", "-o", path}).exit_code == 0);
  CHECK(ReadAll(path) == Trendscan({"analyze", kSample, "--no-timings"}).out);
}

TEST_CASE("in a terminal: progress on stderr, files read and the report being written") {
  TempDir dir;
  const std::string out = Quote((dir.path() / "report.json").string());
  const std::string shown =
      InTerminal("analyze " + Quote(kSample) + " --format json -o " + out, 80, "");
  REQUIRE_MESSAGE(!shown.empty(), "util-linux `script` (bsdutils, always on Debian) is missing");
  CHECK(Has(shown, "trendscan: reading: 45 of 45 files"));
  CHECK(Has(shown, "trendscan: describe"));
  CHECK(Has(shown, "trendscan: writing the report"));
  const std::string quiet =
      InTerminal("analyze " + Quote(kSample) + " --format json -q -o " + out, 80, "");
  CHECK_FALSE(Has(quiet, "trendscan: reading"));
}

TEST_CASE("in a terminal: its width, and bold headings unless NO_COLOR is set") {
  const std::string args = Quote(kSample) + " --no-timings -q";
  const std::string wide = InTerminal("analyze " + args, 120, "");
  if (wide.empty()) {
    MESSAGE("util-linux `script` is not available: terminal behaviour not checked");
    return;
  }
  CHECK(Has(wide, "\x1b[1mTheme 1 · "));
  CHECK(Widest(wide) > 80);
  CHECK(Widest(wide) <= 120 + 10);  // "\x1b[1m" and "\x1b[0m" on the emphasised lines
  const std::string plain = InTerminal("analyze " + args, 120, "NO_COLOR=1 ");
  CHECK(Has(plain, "Theme 1 · "));
  CHECK_FALSE(Has(plain, "\x1b[1m"));
  const std::string dumb = InTerminal("analyze " + args, 120, "TERM=dumb ");
  CHECK_FALSE(Has(dumb, "\x1b[1m"));
}

TEST_CASE("documents: a summary beyond 20, every one with --all-documents") {
  const Run summary = Trendscan({"analyze", kSample, "--no-timings"});
  CHECK(Has(summary.out, "Documents: 45\n  9 in theme 1, 9 in theme 2,"));
  CHECK_FALSE(Has(summary.out, "2014-09-27-omelette-aux-cepes.md · theme"));
  const Run all = Trendscan({"analyze", kSample, "--no-timings", "--all-documents"});
  CHECK(Has(all.out, "Documents (theme; best known theme and its share of the words):"));
  CHECK(Has(all.out, "  2014-09-27-omelette-aux-cepes.md · theme 5 · no known theme"));
}

}  // namespace
}  // namespace trendscan
