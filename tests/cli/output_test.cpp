// Where -o writes: never over a device, a FIFO or a link, never a temporary file left behind,
// the old report's permissions kept, every bad path refused before any input is read.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli/cli_test_util.hpp"
#include "cli/cli_util.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

namespace fs = std::filesystem;
using testing::Has;
using testing::Quote;
using testing::ReadAll;
using testing::Run;
using testing::TempDir;
using testing::Trendscan;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";
const std::string kIngest = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/ingest";

// Entries of `dir` that look like a temporary report ("<name>.tmp.XXXXXX").
std::size_t TemporaryFiles(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    n += e.path().filename().string().find(".tmp.") != std::string::npos;
  }
  return n;
}

mode_t Mode(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode;
}

bool IsReport(const std::string& text) { return Has(text, "45 documents"); }

TEST_CASE("issue 13: -o writes through a symbolic link to its target, in the target's folder") {
  TempDir dir;
  const auto shared = dir.Write("shared/report.txt", "old");
  fs::create_directories(dir.path() / "here");
  fs::create_symlink("../shared/report.txt", dir.path() / "here" / "link.txt");
  const Run r =
      Trendscan({"analyze", kSample, "-q", "-o", (dir.path() / "here/link.txt").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_symlink(dir.path() / "here" / "link.txt"));  // still the link
  CHECK(IsReport(ReadAll(shared)));                         // the shared file is updated
  CHECK(TemporaryFiles(dir.path() / "here") == 0);
  CHECK(TemporaryFiles(dir.path() / "shared") == 0);
  // A dangling link creates the file it names.
  fs::create_symlink("../shared/new.txt", dir.path() / "here" / "dangling.txt");
  const Run d =
      Trendscan({"analyze", kSample, "-q", "-o", (dir.path() / "here/dangling.txt").string()});
  REQUIRE(d.exit_code == 0);
  CHECK(fs::is_symlink(dir.path() / "here" / "dangling.txt"));
  CHECK(IsReport(ReadAll(dir.path() / "shared" / "new.txt")));
  // A link loop is an error naming the path.
  fs::create_symlink("loop-b", dir.path() / "loop-a");
  fs::create_symlink("loop-a", dir.path() / "loop-b");
  const Run loop = Trendscan({"analyze", kSample, "-o", (dir.path() / "loop-a").string()});
  CHECK(loop.exit_code == 1);
  CHECK(Has(loop.err, "loop-a"));
  CHECK(Has(loop.err, "symbolic links"));
}

TEST_CASE("issue 13: -o keeps the permissions of the report it replaces") {
  TempDir dir;
  const auto out = dir.Write("report.txt", "old");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const Run r = Trendscan({"analyze", kSample, "-q", "-o", out.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(IsReport(ReadAll(out)));
  CHECK((Mode(out) & 07777) == 0640);
}

TEST_CASE("issue 13: -o writes a FIFO as it is, and a descriptor link as the descriptor") {
  TempDir dir;
  const auto fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto got = dir.path() / "got.txt";
  // The reader gives up after 20 s, should the FIFO be replaced and never written.
  const std::string cmd = "timeout 20 cat " + Quote(fifo.string()) + " > " + Quote(got.string()) +
                          " & " + Quote(TRENDSCAN_BINARY) + " analyze " + Quote(kSample) +
                          " -q -o " + Quote(fifo.string()) + " && wait";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(S_ISFIFO(Mode(fifo)));  // not replaced by a regular file
  CHECK(IsReport(ReadAll(got)));
  CHECK(TemporaryFiles(dir.path()) == 0);
  // A link to this process's standard output (what /dev/stdout is) writes to standard output.
  fs::create_symlink("/proc/self/fd/1", dir.path() / "stdout");
  const Run r = Trendscan({"analyze", kSample, "-q", "-o", (dir.path() / "stdout").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_symlink(dir.path() / "stdout"));
  CHECK(IsReport(r.out));
}

TEST_CASE("issue 13: -o writes a character device as it is and refuses a block device") {
  if (::geteuid() != 0) {
    MESSAGE("not root: mknod is not allowed, device cases skipped");
    return;
  }
  TempDir dir;
  const auto null = dir.path() / "null";  // a copy of /dev/null, made here: never the real /dev
  REQUIRE(::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  Run r = Trendscan({"analyze", kSample, "-q", "-o", null.string()});
  CHECK(r.exit_code == 0);
  CHECK(S_ISCHR(Mode(null)));
  CHECK(TemporaryFiles(dir.path()) == 0);
  const auto disk = dir.path() / "loop";  // /dev/loop0's numbers; refused before it is opened
  REQUIRE(::mknod(disk.c_str(), S_IFBLK | 0600, makedev(7, 0)) == 0);
  r = Trendscan({"analyze", kSample, "-q", "-o", disk.string()});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "block device"));
  CHECK(S_ISBLK(Mode(disk)));
}

TEST_CASE("issue 13: a legal 250-byte report name is written (the temporary name is shorter)") {
  TempDir dir;
  const std::string name = std::string(246, 'r') + ".txt";
  const Run r = Trendscan({"analyze", kSample, "-q", "-o", (dir.path() / name).string()});
  CHECK(r.err.empty());
  REQUIRE(r.exit_code == 0);
  CHECK(IsReport(ReadAll(dir.path() / name)));
  CHECK(TemporaryFiles(dir.path()) == 0);
}

TEST_CASE("issue 13: -o naming a folder or a missing folder: a clear error, before any reading") {
  TempDir dir;
  fs::create_directories(dir.path() / "out");
  struct Case {
    std::string output;
    std::string says;
  };
  for (const Case& c : {Case{(dir.path() / "out/").string(), "is a folder; -o needs a file name"},
                        Case{(dir.path() / "out").string(), "is a folder; -o needs a file name"},
                        Case{".", "is a folder; -o needs a file name, such as './report.txt'"},
                        Case{(dir.path() / "nope/").string(), "names a folder, and there is none"},
                        Case{(dir.path() / "nope/r.txt").string(), "there is no folder"}}) {
    CAPTURE(c.output);
    // The mixed input folder warns about many files: none of it may show, nothing was read.
    const Run r = testing::TrendscanIn(dir.path().string(), {"analyze", kIngest, "-o", c.output});
    CHECK(r.exit_code == 1);
    CHECK(Has(r.err, "trendscan: error: cannot write the report to '" + c.output + "'"));
    CHECK(Has(r.err, c.says));
    CHECK_FALSE(Has(r.err, "warning"));
  }
  CHECK(fs::is_directory(dir.path() / "out"));
  CHECK(TemporaryFiles(dir.path()) == 0);
}

TEST_CASE("issue 13: -o never replaces a file its permissions protect from the user") {
  TempDir dir;
  const auto out = dir.Write("protected.txt", "not yours");
  std::string as_user;  // the command prefix that runs trendscan as a user the file refuses
  if (::geteuid() == 0) {
    if (std::system("setpriv --help >/dev/null 2>&1") != 0) {
      MESSAGE("root without setpriv: the ordinary-user case is skipped");
      return;
    }
    // Root's file in a folder anyone may write to, and trendscan run as nobody.
    fs::permissions(dir.path(), fs::perms::all);
    fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                             fs::perms::others_read);
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  } else {
    fs::permissions(out, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  const auto err = dir.path() / "err";
  const std::string cmd = as_user + Quote(TRENDSCAN_BINARY) + " analyze " + Quote(kSample) +
                          " -q -o " + Quote(out.string()) + " 2>" + Quote(err.string());
  const int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(Has(ReadAll(err), "its permissions do not let you write it"));
  CHECK(ReadAll(out) == "not yours");
  CHECK(TemporaryFiles(dir.path()) == 0);
}

// A child writes part of a report, then a signal arrives before the rename.
TEST_CASE("issue 13: a signal while the report is written removes the temporary file") {
  for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
    CAPTURE(sig);
    TempDir dir;
    const auto out = dir.Write("report.txt", "the old report");
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::signal(sig, SIG_DFL);  // as a program started from a terminal has it
      cli::InstallInterruptCleanup();
      Result<cli::OutputTarget> target = cli::ResolveOutput(out.string());
      if (!target.ok()) ::_exit(10);
      Result<cli::TemporaryOutput> tmp = cli::TemporaryOutput::Create(*target);
      if (!tmp.ok() || !tmp->Write(std::string(1 << 20, 'x')).ok()) ::_exit(11);
      if (!fs::exists(tmp->temporary_path())) ::_exit(12);
      ::kill(::getpid(), sig);
      for (int i = 0; i < 100; ++i) ::usleep(50000);
      ::_exit(13);  // the signal should have ended the process
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CAPTURE(status);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);
    CHECK(TemporaryFiles(dir.path()) == 0);
    CHECK(ReadAll(out) == "the old report");
  }
}

// The same on the real program, when strace can hold it inside fsync(2) for us (3 s). (Not SIGINT:
// a shell's background job ignores it, and trendscan then rightly keeps ignoring it.)
TEST_CASE("issue 13: SIGTERM during the report's write leaves no temporary file (strace)") {
  if (std::system("strace -qq -o /dev/null true >/dev/null 2>&1") != 0) {
    MESSAGE("strace missing or not allowed here: the end-to-end interrupt case is skipped");
    return;
  }
  for (const int sig : {SIGTERM, SIGHUP}) {
    CAPTURE(sig);
    TempDir dir;
    const auto out = dir.Write("report.json", "the old report");
    const auto pid_file = dir.path() / "pid";
    const std::string cmd =
        "strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=3000000 sh -c " +
        Quote("echo $$ > " + Quote(pid_file.string()) + "; exec " + Quote(TRENDSCAN_BINARY) +
              " analyze " + Quote(kSample) + " --format json -q -o " + Quote(out.string())) +
        " >/dev/null 2>&1 & "
        "for i in $(seq 200); do ls -a " +
        Quote(dir.path().string()) +
        " | grep -q '\\.tmp\\.' && break; sleep 0.05; done; "
        "kill -" +
        std::to_string(sig) + " $(cat " + Quote(pid_file.string()) + "); wait";
    std::system(cmd.c_str());
    CHECK(TemporaryFiles(dir.path()) == 0);
    CHECK(ReadAll(out) == "the old report");
  }
}

}  // namespace
}  // namespace trendscan
