// What the subcommands share: exit codes, reading small files, safe output, messages.
#ifndef TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_
#define TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"

namespace trendscan::cli {

// Exit codes, documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitInputError = 1;  // input missing, unreadable or without usable text
constexpr int kExitUsage = 2;       // invalid command line or option value
constexpr int kExitPartial = 3;     // report written, but some inputs (or parts) were skipped

// The exit code for a failed library call.
int ExitCodeFor(const Status& status);

// Prints "trendscan: error: <message>" on stderr, as one line: control characters and bytes
// that are not UTF-8 (in a file name, a title) are shown as \xNN (internal::ForTerminal).
void PrintError(std::string_view message);
// Prints "trendscan: warning: <message>" on stderr, as PrintError does.
void PrintWarning(std::string_view message);

// The largest file ReadTextFile reads: a stop-word list, a lexicon or a labels file is far
// smaller, and `--labels /dev/zero` must not grow without end.
constexpr std::uint64_t kMaxTextFileBytes = std::uint64_t{64} << 20;

// Reads a whole file (a stop-word list, a labels file); `what` names it in the error. Fails
// (kInvalidArgument, naming the file and saying what to check) when it is missing, a folder,
// unreadable, or larger than kMaxTextFileBytes. A FIFO (a process substitution such as <(cmd))
// is read to its end.
Result<std::string> ReadTextFile(const std::string& path, std::string_view what);

// ---- Output files: never destroy what is there ----

// Where a report (or a matrix) named on the command line goes, found by ResolveOutput.
struct OutputTarget {
  enum class Kind {
    kDescriptor,  // "-", /dev/stdout, /dev/fd/N...: written straight to descriptor `fd`
    kReplace,     // a regular file or a new name: a temporary file next to it, then renamed
    kDirect,      // a character device or a FIFO (/dev/null, a pipe): opened and written as is
  };
  Kind kind = Kind::kReplace;
  std::string path;      // as given, for messages
  std::string resolved;  // symbolic links followed: the file written (kReplace, kDirect)
  int fd = -1;           // kDescriptor
  bool exists = false;   // kReplace: `resolved` is an existing regular file (then its identity)
  dev_t device = 0;
  ino_t inode = 0;
  mode_t mode = 0;  // its permission bits, kept by the new file
  uid_t owner = 0;
  gid_t group = 0;
};

// Resolves the output path `path` without writing anything, so a run can check it before its
// work. Symbolic links are followed to the file they name (a link into a shared folder updates
// the shared file; a dangling link creates its target). Fails with kIoError and a message that
// names the path and says what to do when `path` is empty, is or names a folder ("out/", "."),
// lies in a folder that does not exist or cannot be written, is a block device, a socket, a
// link loop, or a file under /proc other than this process's own descriptors.
Result<OutputTarget> ResolveOutput(const std::string& path);

// Fails (kInvalidArgument, naming both) when `output` is an existing file that is also one of
// `inputs` (the same device and inode, whatever the path or link that reaches it): the report
// would replace a file the run reads. Inputs that do not exist, "-" and the empty string are
// skipped. Costs one stat per input, and nothing when the output does not exist yet.
Status RefuseOutputAmongInputs(const OutputTarget& output, const std::vector<std::string>& inputs);

// When `output` is a new file inside one of the `folders` (as a walk reads them: no hidden part
// on the way) with one of `extensions` (lower case, with the dot), the warning to show: a later
// run on that folder would read the report as a document. "" otherwise.
std::string OutputInsideInputFolder(const OutputTarget& output,
                                    const std::vector<std::string>& folders,
                                    const std::vector<std::string>& extensions);

// Writes `content` to `path` (ResolveOutput, resolved again now) without ever destroying what
// is there: a regular file or a new name is written to a temporary file in the same folder (the
// real one, links followed), flushed, given the old file's permissions (or 0666 minus the umask
// for a new one), then renamed over it, so a failed or interrupted run leaves the old file whole
// and no temporary file behind (see InstallInterruptCleanup); a character device or a FIFO is
// opened and written as it is, never replaced; "-" and /dev/stdout write to standard output.
Status WriteFileAtomically(const std::string& path, std::string_view content);

// Takes the next piece of a file being written; false once a write has failed (no piece should
// be handed after that).
using PieceSink = std::function<bool(std::string_view piece)>;

// WriteFileAtomically for content made in pieces (the JSON report of millions of documents is
// never held whole): `produce` hands every piece to the sink in order and returns false when the
// sink refused one. Same guarantees: a regular file is replaced only once everything is written
// and flushed, a failure leaves it whole and no temporary file behind.
Status WriteFileInPieces(const std::string& path,
                         const std::function<bool(const PieceSink&)>& produce);

// A report being written to a temporary file next to its target. While it exists, an
// interrupting SIGINT, SIGTERM or SIGHUP removes the temporary file before the process dies (see
// InstallInterruptCleanup). Commit renames it over the target; destroying it uncommitted removes
// it. Movable, not copyable.
class TemporaryOutput {
 public:
  // Creates the temporary file in the folder of target.resolved (kind kReplace): "." plus at
  // most 100 bytes of the file name plus ".tmp.XXXXXX", short enough for any legal name.
  static Result<TemporaryOutput> Create(const OutputTarget& target);
  TemporaryOutput(TemporaryOutput&& other) noexcept;
  TemporaryOutput& operator=(TemporaryOutput&&) = delete;
  TemporaryOutput(const TemporaryOutput&) = delete;
  TemporaryOutput& operator=(const TemporaryOutput&) = delete;
  ~TemporaryOutput();

  const std::string& temporary_path() const { return temporary_; }
  // Appends `content`.
  Status Write(std::string_view content);
  // Flushes, sets the permissions, renames over the target. On failure the temporary file is
  // removed and the target untouched.
  Status Commit();

 private:
  explicit TemporaryOutput(OutputTarget target) : target_(std::move(target)) {}
  void Discard();

  OutputTarget target_;
  std::string temporary_;
  int fd_ = -1;
};

// Makes SIGINT, SIGTERM and SIGHUP remove the temporary file of a TemporaryOutput being
// written, then end the process by that signal as they would have. Call first thing in main(),
// before any thread starts: the signals are blocked in every thread and taken by one thread of
// its own (sigwait), so the removal cannot race the rename. A signal ignored when the program
// started (nohup, a background job) stays ignored. Safe to call more than once.
void InstallInterruptCleanup();

// True when standard error is a terminal (progress is shown only then).
bool StderrIsTerminal();

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_
