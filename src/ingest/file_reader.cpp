#include "ingest/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace trendscan::internal {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string Megabytes(std::uint64_t bytes) {
  const std::uint64_t tenths = (bytes * 10 + (1 << 19)) >> 20;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path, std::uint64_t max_bytes,
                                  bool allow_special) {
  // Messages start with the quoted path and say what is wrong with it, so "skipping " can lead.
  auto io_error = [&](int err) {
    return Status::IoError("'" + path + "': cannot read it (" + std::strerror(err) + ")");
  };
  // O_NONBLOCK: opening a FIFO nobody writes to must not hang the walk.
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (allow_special ? 0 : O_NONBLOCK));
  if (file.fd < 0) return io_error(errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return io_error(errno);
  const bool regular = S_ISREG(st.st_mode);
  if (S_ISDIR(st.st_mode)) return io_error(EISDIR);
  if (!regular && !allow_special) {
    return Status::IoError("'" + path + "': not a regular file (a FIFO, socket or device)");
  }
  if (regular && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    return Status::InvalidArgument(
        "'" + path + "': " + Megabytes(static_cast<std::uint64_t>(st.st_size)) + ", over the " +
        Megabytes(max_bytes) + " limit (raise --max-file-mb to read it)");
  }
  // Read straight into the string (no bounce buffer), sized for a regular file, grown by
  // doubling for anything else. A regular file is read up to the size fstat gave, without a
  // last read to see its end (one system call in five on a folder of small files): a file
  // growing meanwhile is read as it was when opened.
  const bool known_size = regular && st.st_size > 0;
  std::string data(known_size ? static_cast<std::size_t>(st.st_size) : std::size_t{1} << 16, '\0');
  std::size_t size = 0;
  while (true) {
    if (known_size && size == data.size()) break;
    if (size == data.size()) data.resize(data.size() * 2);
    const ssize_t n = ::read(file.fd, data.data() + size, data.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(errno);
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
    if (size > max_bytes) {
      return Status::InvalidArgument("'" + path + "': over the " + Megabytes(max_bytes) +
                                     " limit (raise --max-file-mb to read it)");
    }
  }
  data.resize(size);
  return data;
}

}  // namespace trendscan::internal
