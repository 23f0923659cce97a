#include "cli/cli_util.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <vector>

#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitInputError;
  }
}

// Messages carry file names, titles and option values as given: shown as one safe line.
void PrintError(std::string_view message) {
  std::cerr << "trendscan: error: " << internal::ForTerminal(message, true) << '\n';
}

void PrintWarning(std::string_view message) {
  std::cerr << "trendscan: warning: " << internal::ForTerminal(message, true) << '\n';
}

Result<std::string> ReadTextFile(const std::string& path, std::string_view what) {
  const std::string named = std::string(what) + " '" + path + "'";
  auto cannot = [&](int err) {
    return Status::InvalidArgument("cannot read " + named + ": " + std::strerror(err));
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot(errno);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(named + " is a folder: give the file itself");
  }
  std::string data;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return cannot(err);
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > kMaxTextFileBytes) {
      ::close(fd);
      return Status::InvalidArgument(named + " is larger than " +
                                     std::to_string(kMaxTextFileBytes >> 20) + " MiB: no " +
                                     std::string(what) + " is that big (check the path)");
    }
  }
  ::close(fd);
  return data;
}

// ---- Output ----

namespace {

// The temporary file being written, if any: the interrupt thread removes it. The mutex is held
// while the file is created and registered, and while it is renamed and unregistered, so a
// signal never removes a file that was already renamed, nor misses one just created.
std::mutex g_temporary_mutex;
std::string g_temporary_path;  // guarded by g_temporary_mutex

constexpr int kMaxSymlinkHops = 40;
// The bytes of the target's name kept in the temporary file's name: "." + 100 + ".tmp.XXXXXX"
// fits any file system's 255-byte limit.
constexpr std::size_t kTemporaryNameBytes = 100;

std::string Quoted(const std::string& path) { return "'" + path + "'"; }

std::string Folder(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string FileName(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The descriptor a path names when it is one of this process's own (/dev/stdout, /dev/fd/1,
// /proc/self/fd/1...), else -1. These are written to as the descriptor is, never replaced: the
// shell's `>>` then still appends.
int OwnDescriptor(const std::string& path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  const std::string pid = std::to_string(::getpid());
  for (const std::string& prefix :
       {std::string("/dev/fd/"), std::string("/proc/self/fd/"),
        std::string("/proc/thread-self/fd/"), "/proc/" + pid + "/fd/"}) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string number = path.substr(prefix.size());
    if (number.empty() || number.size() > 9 ||
        number.find_first_not_of("0123456789") != std::string::npos) {
      return -1;
    }
    return std::atoi(number.c_str());
  }
  return -1;
}

Status CannotWrite(const std::string& path, const std::string& why) {
  return Status::IoError("cannot write the report to " + Quoted(path) + ": " + why);
}

// Checks the folder a new or replaced file is written in.
Status CheckFolder(const std::string& given, const std::string& resolved) {
  const std::string folder = Folder(resolved);
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return CannotWrite(given, "there is no folder " + Quoted(folder) +
                                    " (create it first, or choose another -o)");
    }
    return CannotWrite(given, "folder " + Quoted(folder) + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(st.st_mode)) {
    return CannotWrite(given, Quoted(folder) + " is not a folder");
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return CannotWrite(given, "cannot create a file in folder " + Quoted(folder) + " (" +
                                  std::strerror(errno) + "); choose another -o");
  }
  return Status::Ok();
}

// A path that names a folder by its form: "out/", ".", "..", "a/." .
bool NamesAFolder(const std::string& path) {
  const std::string name = FileName(path);
  return name.empty() || name == "." || name == "..";
}

Status WriteAll(int fd, std::string_view content) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::strerror(errno));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

void* InterruptThread(void* arg) {
  const sigset_t* signals = static_cast<const sigset_t*>(arg);
  int sig = 0;
  if (::sigwait(signals, &sig) != 0) return nullptr;
  // Held until the process is gone: no rename or new temporary file can follow.
  g_temporary_mutex.lock();
  if (!g_temporary_path.empty()) ::unlink(g_temporary_path.c_str());
  // End the process by the same signal, so the shell sees what happened (exit status 130...).
  ::signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  ::pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  ::raise(sig);
  ::_exit(128 + sig);
}

}  // namespace

void InstallInterruptCleanup() {
  static sigset_t signals;
  static bool installed = false;
  if (installed) return;
  installed = true;
  sigemptyset(&signals);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (::sigaction(sig, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    sigaddset(&signals, sig);
  }
  sigset_t previous;
  if (::pthread_sigmask(SIG_BLOCK, &signals, &previous) != 0) return;
  // A small stack: the thread only waits, and it must start even where threads are scarce.
  pthread_attr_t attributes;
  ::pthread_attr_init(&attributes);
  ::pthread_attr_setstacksize(&attributes, std::max<std::size_t>(PTHREAD_STACK_MIN, 64 << 10));
  ::pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  if (::pthread_create(&thread, &attributes, InterruptThread, &signals) != 0) {
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);  // no cleanup, but signals still work
  }
  ::pthread_attr_destroy(&attributes);
}

Result<OutputTarget> ResolveOutput(const std::string& path) {
  OutputTarget target;
  target.path = path;
  if (path.empty()) {
    return Status::IoError("-o needs a file name (or - for standard output)");
  }
  if (path == "-") {
    target.kind = OutputTarget::Kind::kDescriptor;
    target.fd = STDOUT_FILENO;
    return target;
  }
  std::string current = path;
  for (int hop = 0;; ++hop) {
    if (hop > kMaxSymlinkHops) {
      return CannotWrite(path, "too many symbolic links (a loop?)");
    }
    if (const int fd = OwnDescriptor(current); fd >= 0) {
      if (::fcntl(fd, F_GETFL) < 0) {
        return CannotWrite(path, Quoted(current) + " names descriptor " + std::to_string(fd) +
                                     ", which is not open");
      }
      target.kind = OutputTarget::Kind::kDescriptor;
      target.fd = fd;
      return target;
    }
    if (current.compare(0, 6, "/proc/") == 0) {
      return CannotWrite(
          path, Quoted(current) + " is under /proc: give a file name, or - for standard output");
    }
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT) {
        if (NamesAFolder(current) || current.back() == '/') {
          return CannotWrite(
              path,
              "it names a folder, and there is none; -o needs a file name, "
              "such as " +
                  Quoted(current + (current.back() == '/' ? "" : "/") + "report.txt"));
        }
        TRENDSCAN_RETURN_IF_ERROR(CheckFolder(path, current));
        target.kind = OutputTarget::Kind::kReplace;
        target.resolved = current;
        return target;
      }
      if (err == ENOTDIR) return CannotWrite(path, "a part of the path is not a folder");
      if (err == ELOOP) return CannotWrite(path, "too many symbolic links (a loop?)");
      return CannotWrite(path, std::strerror(err));
    }
    if (!S_ISLNK(st.st_mode)) {
      target.resolved = current;
      if (S_ISDIR(st.st_mode)) {
        const std::string example = (path.back() == '/' ? path : path + "/") + "report.txt";
        return CannotWrite(path,
                           "it is a folder; -o needs a file name, such as " + Quoted(example));
      }
      if (S_ISBLK(st.st_mode)) {
        return CannotWrite(path,
                           "it is a block device (a disk); trendscan does not write over "
                           "one: choose a file name");
      }
      if (S_ISSOCK(st.st_mode)) {
        return CannotWrite(path, "it is a socket; choose a file name");
      }
      if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        target.kind = OutputTarget::Kind::kDirect;
        return target;
      }
      // A regular file: replaced atomically, keeping its permissions and owner. One its
      // permissions protect from this user is left alone, as a shell's `>` would.
      if (::access(current.c_str(), W_OK) != 0 && errno == EACCES) {
        return CannotWrite(path,
                           "its permissions do not let you write it (make it writable, "
                           "or choose another -o)");
      }
      TRENDSCAN_RETURN_IF_ERROR(CheckFolder(path, current));
      target.kind = OutputTarget::Kind::kReplace;
      target.exists = true;
      target.device = st.st_dev;
      target.inode = st.st_ino;
      target.mode = st.st_mode & 07777;
      target.owner = st.st_uid;
      target.group = st.st_gid;
      return target;
    }
    // A symbolic link: follow it by hand, so the file written is its target, in its folder.
    std::vector<char> buffer(PATH_MAX + 1);
    const ssize_t n = ::readlink(current.c_str(), buffer.data(), buffer.size() - 1);
    if (n < 0) return CannotWrite(path, std::strerror(errno));
    const std::string link(buffer.data(), static_cast<std::size_t>(n));
    current = link.front() == '/' ? link : Folder(current) + "/" + link;
  }
}

Status RefuseOutputAmongInputs(const OutputTarget& output, const std::vector<std::string>& inputs) {
  if (output.kind != OutputTarget::Kind::kReplace || !output.exists) return Status::Ok();
  const std::string* previous = nullptr;
  for (const std::string& input : inputs) {
    if (input.empty() || input == "-" || (previous != nullptr && *previous == input)) continue;
    previous = &input;
    struct stat st {};
    if (::stat(input.c_str(), &st) != 0) continue;
    if (st.st_dev == output.device && st.st_ino == output.inode) {
      return Status::InvalidArgument(
          "-o " + Quoted(output.path) + " is the input " + Quoted(input) +
          ": the report would replace it; choose another file name for the report");
    }
  }
  return Status::Ok();
}

std::string OutputInsideInputFolder(const OutputTarget& output,
                                    const std::vector<std::string>& folders,
                                    const std::vector<std::string>& extensions) {
  if (output.kind != OutputTarget::Kind::kReplace || output.exists) return "";
  const std::string name = FileName(output.resolved);
  const std::size_t dot = name.rfind('.');
  if (name.empty() || name[0] == '.' || dot == std::string::npos || dot == 0) return "";
  std::string extension = name.substr(dot);
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) return "";
  std::error_code ec;
  const std::filesystem::path where = std::filesystem::canonical(Folder(output.resolved), ec);
  if (ec) return "";
  for (const std::string& folder : folders) {
    if (folder.empty() || folder == "-") continue;
    std::error_code folder_ec;
    if (!std::filesystem::is_directory(folder, folder_ec)) continue;
    const std::filesystem::path root = std::filesystem::canonical(folder, folder_ec);
    if (folder_ec) continue;
    const std::filesystem::path relative = where.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") continue;
    bool hidden = false;
    for (const auto& part : relative) {
      const std::string p = part.string();
      hidden = hidden || (!p.empty() && p[0] == '.' && p != ".");
    }
    if (hidden) continue;
    return "the report " + Quoted(output.path) + " goes inside the input folder " + Quoted(folder) +
           " and ends in " + Quoted(extension) +
           ": a later run on that folder will read it as a document (write it elsewhere, or "
           "give it a name that starts with '.')";
  }
  return "";
}

Result<TemporaryOutput> TemporaryOutput::Create(const OutputTarget& target) {
  TemporaryOutput out(target);
  std::string name = FileName(target.resolved);
  std::size_t keep = std::min(name.size(), kTemporaryNameBytes);
  while (keep > 0 && keep < name.size() &&
         internal::IsUtf8Continuation(static_cast<unsigned char>(name[keep]))) {
    --keep;  // cut before a character, never inside one
  }
  const std::string folder = Folder(target.resolved);
  std::string pattern = folder + "/." + name.substr(0, keep) + ".tmp.XXXXXX";
  std::lock_guard<std::mutex> lock(g_temporary_mutex);
  out.fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (out.fd_ < 0) {
    return CannotWrite(target.path, "cannot create a temporary file in " + Quoted(folder) + ": " +
                                        std::strerror(errno));
  }
  out.temporary_ = pattern;
  g_temporary_path = pattern;
  return out;
}

TemporaryOutput::TemporaryOutput(TemporaryOutput&& other) noexcept
    : target_(std::move(other.target_)), temporary_(std::move(other.temporary_)), fd_(other.fd_) {
  other.fd_ = -1;
  other.temporary_.clear();
}

TemporaryOutput::~TemporaryOutput() { Discard(); }

void TemporaryOutput::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (temporary_.empty()) return;
  std::lock_guard<std::mutex> lock(g_temporary_mutex);
  ::unlink(temporary_.c_str());
  if (g_temporary_path == temporary_) g_temporary_path.clear();
  temporary_.clear();
}

Status TemporaryOutput::Write(std::string_view content) {
  Status written = WriteAll(fd_, content);
  if (!written.ok()) {
    Discard();
    return CannotWrite(target_.path, written.message());
  }
  return Status::Ok();
}

Status TemporaryOutput::Commit() {
  auto fail = [&](int err) {
    Discard();
    return CannotWrite(target_.path, std::strerror(err));
  };
  if (::fsync(fd_) != 0) return fail(errno);
  if (target_.exists) {
    // The old report's owner (when we may give it) and permissions, not mkstemp's 0600.
    if (target_.owner != ::geteuid() || target_.group != ::getegid()) {
      (void)::fchown(fd_, target_.owner, target_.group);
    }
    if (::fchmod(fd_, target_.mode) != 0) return fail(errno);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd_, 0666 & ~mask) != 0) return fail(errno);
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return fail(errno);
  std::lock_guard<std::mutex> lock(g_temporary_mutex);
  if (std::rename(temporary_.c_str(), target_.resolved.c_str()) != 0) {
    const int err = errno;
    ::unlink(temporary_.c_str());
    g_temporary_path.clear();
    temporary_.clear();
    return CannotWrite(target_.path, std::strerror(err));
  }
  g_temporary_path.clear();
  temporary_.clear();
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  return WriteFileInPieces(path, [content](const PieceSink& sink) { return sink(content); });
}

Status WriteFileInPieces(const std::string& path,
                         const std::function<bool(const PieceSink&)>& produce) {
  TRENDSCAN_ASSIGN_OR_RETURN(const OutputTarget target, ResolveOutput(path));
  Status written = Status::Ok();
  switch (target.kind) {
    case OutputTarget::Kind::kDescriptor: {
      std::cout.flush();
      produce([&](std::string_view piece) {
        written = WriteAll(target.fd, piece);
        return written.ok();
      });
      if (!written.ok()) {
        return Status::IoError("cannot write the report to " +
                               (path == "-" ? std::string("standard output") : Quoted(path)) +
                               ": " + written.message());
      }
      return Status::Ok();
    }
    case OutputTarget::Kind::kDirect: {
      // No O_CREAT, no O_TRUNC: a device or a FIFO is written as it is (a FIFO waits for its
      // reader, as a shell redirection would).
      const int fd = ::open(target.resolved.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (fd < 0) return CannotWrite(path, std::strerror(errno));
      produce([&](std::string_view piece) {
        written = WriteAll(fd, piece);
        return written.ok();
      });
      if (::close(fd) != 0 && written.ok()) written = Status::IoError(std::strerror(errno));
      if (!written.ok()) return CannotWrite(path, written.message());
      return Status::Ok();
    }
    case OutputTarget::Kind::kReplace:
      break;
  }
  TRENDSCAN_ASSIGN_OR_RETURN(TemporaryOutput out, TemporaryOutput::Create(target));
  produce([&](std::string_view piece) {
    written = out.Write(piece);
    return written.ok();
  });
  // Uncommitted, `out` removes its temporary file: the old report stays whole.
  TRENDSCAN_RETURN_IF_ERROR(written);
  return out.Commit();
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace trendscan::cli
