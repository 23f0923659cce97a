// What the subcommands share: exit codes, reading small files, atomic output, messages.
#ifndef TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_
#define TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_

#include <string>
#include <string_view>

#include "trendscan/status.hpp"

namespace trendscan::cli {

// Exit codes, documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitInputError = 1;  // input missing, unreadable or without usable text
constexpr int kExitUsage = 2;       // invalid command line or option value
constexpr int kExitPartial = 3;     // report written, but some inputs (or parts) were skipped

// The exit code for a failed library call.
int ExitCodeFor(const Status& status);

// Prints "trendscan: error: <message>" on stderr.
void PrintError(std::string_view message);
// Prints "trendscan: warning: <message>" on stderr.
void PrintWarning(std::string_view message);

// Reads a whole file (a stop-word list, a labels file); `what` names it in the error.
Result<std::string> ReadTextFile(const std::string& path, std::string_view what);

// Writes `content` to `path` atomically: a temporary file in the same directory, flushed, then
// renamed over `path`. On failure nothing is left behind and `path` is untouched. "-" writes to
// standard output.
Status WriteFileAtomically(const std::string& path, std::string_view content);

// True when standard error is a terminal (progress is shown only then).
bool StderrIsTerminal();

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_CLI_UTIL_HPP_
