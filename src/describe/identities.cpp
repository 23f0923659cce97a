#include "trendscan/describe/identities.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <system_error>

namespace trendscan {
namespace {

// Bytes written to the file at a time, and read through the mapping between two lettings go.
constexpr std::size_t kWriteBytes = 4u << 20;
constexpr std::size_t kLetGoEvery = 32u << 20;

void Put(std::string_view s, std::string* out) {
  metadata_internal::WriteLength(s.size(), out);
  out->append(s);
}

std::string_view Take(std::string_view packed, std::size_t* p) {
  const std::size_t n = metadata_internal::ReadLength(packed, p);
  const std::string_view s = packed.substr(*p, n);
  *p += n;
  return s;
}

}  // namespace

IdentityStore::IdentityStore(std::string directory, std::size_t in_memory_bytes)
    : directory_(std::move(directory)), in_memory_bytes_(in_memory_bytes) {}

IdentityStore::~IdentityStore() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), mapped_size_);
  if (fd_ >= 0) ::close(fd_);
}

Status IdentityStore::Add(std::string_view id, std::string_view title, MetadataView metadata) {
  starts_.push_back(written_ + pending_.size());
  Put(id, &pending_);
  Put(title, &pending_);
  Put(metadata.packed(), &pending_);
  if (fd_ < 0 && written_ == 0 && pending_.size() > in_memory_bytes_) {
    // Past the share kept in memory: a temporary file, unlinked at once. When none can be made,
    // everything stays in memory, as for a small corpus.
    std::error_code ec;
    const std::filesystem::path dir = directory_.empty() ? std::filesystem::temp_directory_path(ec)
                                                         : std::filesystem::path(directory_);
    std::string name = (dir / "trendscan-identities-XXXXXX").string();
    const int fd = ec ? -1 : ::mkstemp(name.data());
    if (fd >= 0) {
      ::unlink(name.c_str());
      fd_ = fd;
      file_ = name;
    } else {
      in_memory_bytes_ = static_cast<std::size_t>(-1);
    }
  }
  if (fd_ >= 0 && pending_.size() >= kWriteBytes) return Flush();
  return Status::Ok();
}

Status IdentityStore::Flush() {
  std::size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Status(StatusCode::kIoError,
                    "could not write the documents' identities to the temporary file '" + file_ +
                        "': " + std::strerror(n < 0 ? errno : ENOSPC) +
                        " (make room there, or set TMPDIR to a folder with room)");
    }
    done += static_cast<std::size_t>(n);
  }
  written_ += pending_.size();
  pending_.clear();
  return Status::Ok();
}

Status IdentityStore::Seal() {
  if (sealed_) return Status::Ok();
  sealed_ = true;
  starts_.shrink_to_fit();
  if (fd_ < 0) {
    pending_.shrink_to_fit();
    return Status::Ok();
  }
  if (Status s = Flush(); !s.ok()) return s;
  std::string().swap(pending_);
  if (written_ == 0) return Status::Ok();
  void* map = ::mmap(nullptr, written_, PROT_READ, MAP_SHARED, fd_, 0);
  if (map == MAP_FAILED) {
    return Status(StatusCode::kIoError,
                  "could not map the temporary file of the documents' "
                  "identities '" +
                      file_ + "': " + std::strerror(errno));
  }
  mapped_ = static_cast<const char*>(map);
  mapped_size_ = written_;
  return Status::Ok();
}

DocumentIdentity IdentityStore::Get(std::size_t i) const {
  const std::string_view packed =
      fd_ >= 0 ? std::string_view(mapped_, mapped_size_) : std::string_view(pending_);
  std::size_t p = starts_[i];
  DocumentIdentity out;
  out.id = Take(packed, &p);
  out.title = Take(packed, &p);
  out.metadata = MetadataView(Take(packed, &p));
  if (fd_ >= 0) LetGoOfReadPages(p - starts_[i]);
  return out;
}

// The pages of a file mapping read come back from the page cache when read again, so letting
// them all go now and then is safe, even while another thread reads: it only keeps this
// process's resident memory from growing by every identity read.
void IdentityStore::LetGoOfReadPages(std::size_t bytes) const {
  if (read_since_let_go_.fetch_add(bytes, std::memory_order_relaxed) + bytes < kLetGoEvery) return;
  read_since_let_go_.store(0, std::memory_order_relaxed);
  ::madvise(const_cast<char*>(mapped_), mapped_size_, MADV_DONTNEED);
}

DocumentIdentity IdentityOf(const Report& report, std::size_t d) {
  if (report.identities != nullptr) return report.identities->Get(d);
  const DocumentEntry& e = report.documents[d];
  return {e.id, e.title, e.metadata.view()};
}

DocumentIdentity IdentityOf(const Report& report, const DocumentEntry& entry) {
  const DocumentEntry* first = report.documents.data();
  const std::less<const DocumentEntry*> before;
  if (report.identities != nullptr && !before(&entry, first) &&
      before(&entry, first + report.documents.size())) {
    return report.identities->Get(static_cast<std::size_t>(&entry - first));
  }
  return {entry.id, entry.title, entry.metadata.view()};
}

}  // namespace trendscan
