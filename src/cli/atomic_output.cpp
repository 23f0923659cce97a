#include "cli/atomic_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

namespace trendscan::cli {

AtomicOutput::AtomicOutput(std::string path, std::string temp, int fd)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}

Result<std::unique_ptr<AtomicOutput>> AtomicOutput::Open(const std::string& path) {
  if (path == "-") {
    std::cout.flush();
    return std::unique_ptr<AtomicOutput>(new AtomicOutput(path, "", STDOUT_FILENO));
  }
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return Status::IoError("cannot write '" + path + "': " + std::strerror(errno));
  return std::unique_ptr<AtomicOutput>(new AtomicOutput(path, name.data(), fd));
}

AtomicOutput::~AtomicOutput() {
  if (temp_.empty() || committed_) return;
  if (fd_ >= 0) ::close(fd_);
  std::remove(temp_.c_str());
}

bool AtomicOutput::Write(std::string_view piece) {
  if (error_ != 0) return false;
  const char* data = piece.data();
  std::size_t left = piece.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

Status AtomicOutput::Commit() {
  if (temp_.empty()) {
    if (error_ != 0) return Status::IoError("cannot write to standard output");
    committed_ = true;
    return Status::Ok();
  }
  int error = error_;
  if (error == 0 && ::fsync(fd_) != 0) error = errno;
  // mkstemp creates 0600; a report is an ordinary file, readable like any other the user makes.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
  if (::close(fd_) != 0 && error == 0) error = errno;
  fd_ = -1;
  if (error == 0 && std::rename(temp_.c_str(), path_.c_str()) != 0) error = errno;
  if (error != 0) {
    std::remove(temp_.c_str());
    committed_ = true;  // nothing left to remove
    return Status::IoError("cannot write '" + path_ + "': " + std::strerror(error));
  }
  committed_ = true;
  return Status::Ok();
}

}  // namespace trendscan::cli
