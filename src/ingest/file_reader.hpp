// Reading whole files safely (not part of the public API; tested directly).
#ifndef TRENDSCAN_SRC_INGEST_FILE_READER_HPP_
#define TRENDSCAN_SRC_INGEST_FILE_READER_HPP_

#include <cstdint>
#include <string>

#include "trendscan/status.hpp"

namespace trendscan::internal {

// Reads the whole file at `path`. Fails, with a message "'<path>': <reason>", when it
// cannot be opened or read (kIoError), is not a regular file (a directory, a FIFO, a device:
// kIoError, without blocking on it unless `allow_special` is set, for a path the user named, like
// a process substitution), or holds more than `max_bytes` bytes (kInvalidArgument).
Result<std::string> ReadWholeFile(const std::string& path, std::uint64_t max_bytes,
                                  bool allow_special);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_INGEST_FILE_READER_HPP_
