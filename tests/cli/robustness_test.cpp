// Issue 13 at the command line: hostile option values, outputs that are inputs, unbounded
// resources, terminal escapes, silent drops.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
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

// A copy of the sample corpus to break.
std::filesystem::path CopySample(const TempDir& dir) {
  const auto corpus = dir.path() / "corpus";
  std::filesystem::copy(kSample, corpus, std::filesystem::copy_options::recursive);
  return corpus;
}

TEST_CASE("issue 13: -o naming one of the inputs is refused, and the input left whole") {
  TempDir dir;
  const auto corpus = CopySample(dir);
  const auto essay = corpus / "2007-03-22-democratie-participative-slogan.md";
  const std::string before = ReadAll(essay);
  const auto labels = corpus / "labels.tsv";
  const std::string labels_before = ReadAll(labels);
  std::filesystem::create_symlink(essay, dir.path() / "link-to-essay.md");
  struct Case {
    std::vector<std::string> args;
    std::string output;
  };
  const std::vector<Case> cases = {
      // A file of a walked folder, a file named directly, the same through a link, --labels.
      {{"analyze", corpus.string()}, essay.string()},
      {{"analyze", essay.string(), (corpus / "labels.tsv").string()}, essay.string()},
      {{"analyze", corpus.string()}, (dir.path() / "link-to-essay.md").string()},
      {{"analyze", corpus.string(), "--labels", labels.string()}, labels.string()},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"-o", c.output});
    CAPTURE(c.output);
    const Run r = Trendscan(args);
    CHECK(r.exit_code == 2);
    CHECK(Has(r.err, "trendscan: error: -o '" + c.output + "' is the input '"));
    CHECK(Has(r.err, "choose another file name"));
  }
  CHECK(ReadAll(essay) == before);
  CHECK(ReadAll(labels) == labels_before);
  // A file reached only through a link inside a walked folder is found too (after reading).
  const auto outside = dir.Write("elsewhere/report.md", "an old report, read as a document");
  std::filesystem::create_symlink(outside, corpus / "zz-link.md");
  const Run linked = Trendscan({"analyze", corpus.string(), "-o", outside.string()});
  CHECK(linked.exit_code == 2);
  CHECK(Has(linked.err, "is the input '" + (corpus / "zz-link.md").string() + "'"));
  CHECK(ReadAll(outside) == "an old report, read as a document");
}

TEST_CASE("issue 13: a new report inside an input folder with a read extension is a warning") {
  TempDir dir;
  const auto corpus = CopySample(dir);
  Run r = Trendscan({"analyze", corpus.string(), "-o", (corpus / "report.txt").string()});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "trendscan: warning: the report '" + (corpus / "report.txt").string() +
                       "' goes inside the input folder '" + corpus.string() +
                       "' and ends in '.txt': a later run on that folder will read it"));
  // Not read by a walk: a hidden name, an extension trendscan does not read.
  for (const char* name : {".report.txt", "report.json"}) {
    CAPTURE(name);
    r = Trendscan({"analyze", corpus.string(), "-o", (corpus / name).string()});
    CHECK(r.exit_code == 0);
    CHECK_FALSE(Has(r.err, "inside the input folder"));
  }
}

// Runs trendscan with `args` (stdout and stderr to files in `io`) and returns its exit code and
// peak resident memory, in bytes (wait4 reports this child's own).
std::pair<int, long> RunMeasured(const TempDir& io, const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv = {const_cast<char*>(TRENDSCAN_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!std::freopen((io.path() / "out").c_str(), "w", stdout) ||
        !std::freopen((io.path() / "err").c_str(), "w", stderr)) {
      ::_exit(126);
    }
    ::execv(TRENDSCAN_BINARY, argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, usage.ru_maxrss * 1024L};
}

TEST_CASE("issue 13: --threads is capped at 4 x the hardware threads, saying so") {
  // 4,096 threads on 45 essays took 367 MB (each thread's arena and stack); 100,000, 9.4 GB.
  TempDir io;
  const auto [code, peak] = RunMeasured(io, {"analyze", kSample, "--threads", "4096"});
  CHECK(code == 0);
  const std::string err = ReadAll(io.path() / "err");
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const unsigned cap = std::min(1024u, 4 * hw);
  CHECK(Has(err, "trendscan: warning: --threads 4096 is more than this machine can use: using " +
                     std::to_string(cap)));
  if (!kAddressSanitizer && cap <= 64) CHECK(peak < (150L << 20));
  const Run huge = Trendscan({"analyze", kSample, "--threads", "2147483647", "-q"});
  CHECK(huge.exit_code == 0);
  CHECK(Has(huge.out, "45 documents"));
}

TEST_CASE("issue 13: --labels, --themes and --stopwords are read up to 64 MiB, then refused") {
  // --labels /dev/zero grew without end. Reading the real /dev/zero is harmless; the address
  // space limit makes the old behaviour fail fast instead of filling the machine.
  for (const char* option : {"--labels", "--themes", "--stopwords"}) {
    CAPTURE(option);
    const std::string limit = kAddressSanitizer ? "" : "ulimit -v 2000000 && ";
    const std::string err_file = "/tmp/trendscan-issue13-cap.err";
    const std::string cmd = limit + Quote(TRENDSCAN_BINARY) + " analyze " + Quote(kSample) + " " +
                            option + " /dev/zero >/dev/null 2>" + Quote(err_file);
    const int status = std::system(("sh -c " + Quote(cmd)).c_str());
    const std::string err = ReadAll(err_file);
    std::remove(err_file.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(Has(err, "'/dev/zero' is larger than 64 MiB"));
  }
}

// Every line of `err` is one of trendscan's own (a name with a newline would make a fake one).
bool EveryLineIsTrendscans(const std::string& err) {
  std::size_t start = 0;
  while (start < err.size()) {
    const std::size_t end = err.find('\n', start);
    if (err.compare(start, 11, "trendscan: ") != 0) return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

bool HasControl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80)
      return true;
  }
  return false;
}

TEST_CASE("issue 13: file names and titles with escapes, newlines or bad bytes reach no terminal") {
  TempDir dir;
  const std::string body = "Le blog de Claire parle de la démocratie participative et des élus.\n";
  dir.Write("c/\x1b]0;owned\x07title.txt", "\x1b[2J\x1b[HUn titre qui efface l'écran\n\n" + body);
  dir.Write("c/b\nfake warning.txt", "");                   // skipped: a warning naming it
  dir.Write("c/caf\xE9.txt", body + "Un autre billet.\n");  // a name that is not UTF-8
  dir.Write("c/d.md",
            "---\ntitle: \"\xC2\x9B"
            "31mRouge\"\n---\n" +
                body);
  const std::string folder = (dir.path() / "c").string();
  const Run text = Trendscan({"analyze", folder, "--k", "1", "--min-df", "1", "--max-df", "1.0"});
  CHECK(text.exit_code == 3);
  CHECK_FALSE(HasControl(text.out));
  CHECK_FALSE(HasControl(text.err));
  CHECK(EveryLineIsTrendscans(text.err));
  CHECK(Has(text.err, "trendscan: warning: skipping '" + folder + "/b\\x0Afake warning.txt'"));
  CHECK(Has(text.out, "\\x1B]0;owned\\x07title.txt"));
  CHECK(Has(text.out, "caf\\xE9.txt"));
  const Run json = Trendscan({"analyze", folder, "--k", "1", "--min-df", "1", "--max-df", "1.0",
                              "--format", "json", "-q"});
  REQUIRE(json.exit_code == 3);
  CHECK_FALSE(HasControl(json.out));
  const nlohmann::json j = nlohmann::json::parse(json.out);
  bool recoverable = false;
  for (const auto& d : j["documents"]) {
    if (d.contains("path_bytes")) {
      recoverable = d["path_bytes"] == folder + "/caf%E9.txt";
    }
  }
  CHECK(recoverable);
}

TEST_CASE("issue 13: warnings raised during the analysis are printed on stderr too") {
  TempDir dir;
  const std::string body = "Le blog de Claire parle de la démocratie participative et des élus.\n";
  dir.Write("c/a.md", "---\ndate: 2011-05-01\n---\n" + body);
  dir.Write("c/b.md", "---\ndate: 2012-05-01\n---\n" + body + "Les citoyens votent.\n");
  dir.Write("c/c.md", body);  // undated: left out by --since, which the report says
  const Run r = Trendscan({"analyze", (dir.path() / "c").string(), "--since", "2010", "--k", "1",
                           "--min-df", "1", "--max-df", "1.0"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "1 undated document(s) left out"));
  CHECK(Has(r.err, "trendscan: warning: 1 undated document(s) left out"));
  // Each warning once: the ones found while reading are not printed a second time.
  const Run again = Trendscan({"analyze", (dir.path() / "c").string(), "--since", "2010", "--k",
                               "1", "--min-df", "1", "--max-df", "1.0", "--by", "auteur"});
  CHECK(again.err.find("--by auteur") == again.err.rfind("--by auteur"));
  CHECK(Has(again.err, "trendscan: warning: --by auteur: no document has this variable"));
}

}  // namespace
}  // namespace trendscan
