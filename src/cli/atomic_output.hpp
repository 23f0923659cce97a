// A report written in pieces and still atomically (cli_util.hpp's WriteFileAtomically takes
// the whole text at once): the JSON report of millions of documents is streamed to its file
// instead of being held whole in memory.
#ifndef TRENDSCAN_SRC_CLI_ATOMIC_OUTPUT_HPP_
#define TRENDSCAN_SRC_CLI_ATOMIC_OUTPUT_HPP_

#include <memory>
#include <string>
#include <string_view>

#include "trendscan/status.hpp"

namespace trendscan::cli {

class AtomicOutput {
 public:
  // Opens a temporary file in the directory of `path` ("-": standard output, written as it
  // comes). Fails with kIoError, naming `path`, when it cannot be created.
  static Result<std::unique_ptr<AtomicOutput>> Open(const std::string& path);
  // Removes the temporary file unless Commit succeeded: `path` is left untouched.
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Appends a piece; false once a write has failed (the error is kept for Commit).
  bool Write(std::string_view piece);
  // Flushes the file to disk, gives it the permissions of an ordinary file and renames it over
  // `path`. Fails with kIoError (the first write error, or this step's), nothing left behind.
  Status Commit();

 private:
  AtomicOutput(std::string path, std::string temp, int fd);

  std::string path_;
  std::string temp_;  // empty for standard output
  int fd_ = -1;
  int error_ = 0;  // errno of the first failed write
  bool committed_ = false;
};

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_ATOMIC_OUTPUT_HPP_
