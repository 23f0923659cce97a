// Describe, identities: the documents' ids, titles and metadata kept apart from the report's
// entries, for corpora of millions of documents.
//
// A post's identity in its DocumentEntry is three strings, about 300 bytes with their blocks,
// held from reading to the end of the report: 3 GB for ten million posts. Kept apart, they are
// packed one after another into a temporary file (unlinked at once, so nothing is left behind
// however the process ends) and read back through a read-only mapping: 8 bytes a document stay in
// memory. Reading gives string_views into the mapping, valid while the store lives; the pages
// read are let go every few tens of MB, so reading every identity (writing the report) does not
// bring them all back. When no temporary file can be made, the identities stay packed in memory.
#ifndef TRENDSCAN_DESCRIBE_IDENTITIES_HPP_
#define TRENDSCAN_DESCRIBE_IDENTITIES_HPP_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/describe/report.hpp"
#include "trendscan/ingest/metadata.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

// A document's identity as the renderers read it: views into its DocumentEntry, or into the
// report's IdentityStore.
struct DocumentIdentity {
  std::string_view id;
  std::string_view title;
  MetadataView metadata;
};

class IdentityStore {
 public:
  // The packed identities go to a temporary file in `directory` (empty: the system's temporary
  // folder, TMPDIR) once they pass `in_memory_bytes`.
  explicit IdentityStore(std::string directory = {}, std::size_t in_memory_bytes = 16u << 20);
  ~IdentityStore();
  IdentityStore(const IdentityStore&) = delete;
  IdentityStore& operator=(const IdentityStore&) = delete;

  // Appends the next document's identity (they are numbered from 0 in the order added). Fails
  // (kIoError, saying where and what to do) when the temporary file cannot be written.
  Status Add(std::string_view id, std::string_view title, MetadataView metadata);
  // Ends adding: the identities are read from here on. Fails as Add does.
  Status Seal();

  // Identity i < size(), once sealed. Safe from several threads at once.
  DocumentIdentity Get(std::size_t i) const;
  std::size_t size() const { return starts_.size(); }
  // Whether the identities went to a temporary file (else they are in memory).
  bool on_disk() const { return fd_ >= 0; }

 private:
  Status Flush();
  void LetGoOfReadPages(std::size_t bytes) const;

  std::string directory_;
  std::size_t in_memory_bytes_;
  std::vector<std::uint64_t> starts_;  // where each identity starts in the packed bytes
  std::string pending_;                // packed bytes not yet written (all of them in memory)
  std::uint64_t written_ = 0;          // bytes in the file
  int fd_ = -1;
  std::string file_;  // its name, for messages
  const char* mapped_ = nullptr;
  std::size_t mapped_size_ = 0;
  bool sealed_ = false;
  mutable std::atomic<std::size_t> read_since_let_go_{0};
};

// Document d's identity (d < report.documents.size()): from report.identities when it keeps
// them, else from the entry itself. The second form takes an entry of report.documents (an entry
// that is not one, a copy, gives its own fields).
DocumentIdentity IdentityOf(const Report& report, std::size_t d);
DocumentIdentity IdentityOf(const Report& report, const DocumentEntry& entry);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_IDENTITIES_HPP_
