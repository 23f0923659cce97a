// The fingerprint of a corpus: one hash over what trendscan read, which the JSON report carries
// ("input.fingerprint") so that two reports can be compared knowingly: equal fingerprints mean
// the same documents, read the same way.
#ifndef TRENDSCAN_INGEST_FINGERPRINT_HPP_
#define TRENDSCAN_INGEST_FINGERPRINT_HPP_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trendscan/ingest/corpus.hpp"

namespace trendscan {

// Returns "sha256:" and 64 lower-case hexadecimal digits. Each document is hashed alone (SHA-256)
// over its id, title, date, metadata keys and values (in file order) and text, as trendscan
// read them (UTF-8, after decoding and front matter), each field preceded by its length in
// bytes as an 8-byte little-endian number; the fingerprint is the SHA-256 of the documents'
// 32-byte digests sorted and concatenated. It is therefore independent of the order in which
// the documents were given (which changes no theme, only the order of the report's lists) and
// of where they were read from (the path is not hashed, the id is); it changes with any byte of
// a text, a title, a date or a metadata value. The documents are hashed on `threads` threads
// (0 = all cores); the result does not depend on it. Never fails.
std::string FingerprintCorpus(const Corpus& corpus, int threads = 0);

// The fingerprint in two steps, for a corpus read in shares (one per MPI rank): each share's
// documents digested, the digests of every share put together, then combined.
using DocumentDigest = std::array<std::uint8_t, 32>;
// Each document's 32-byte digest, sorted.
std::vector<DocumentDigest> DigestDocuments(const Corpus& corpus, int threads = 0);
// The fingerprint of the documents whose sorted digests these are: FingerprintCorpus of them.
std::string CombineDigests(const std::vector<DocumentDigest>& sorted);

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_FINGERPRINT_HPP_
