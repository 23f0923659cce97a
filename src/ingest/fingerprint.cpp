#include "trendscan/ingest/fingerprint.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

#include "util/parallel.hpp"
#include "util/sha256.hpp"

namespace trendscan {

std::vector<DocumentDigest> DigestDocuments(const Corpus& corpus, int threads) {
  using internal::Sha256;
  static_assert(std::is_same_v<Sha256::Digest, DocumentDigest>);
  std::vector<DocumentDigest> digests(corpus.documents.size());
  internal::ParallelForBlocks(digests.size(), 256, threads, [&](const internal::Block& block, int) {
    for (std::size_t i = block.begin; i < block.end; ++i) {
      const Document& d = corpus.documents[i];
      Sha256 h;
      h.UpdateField(d.id);
      h.UpdateField(d.title);
      h.UpdateField(d.date);
      for (const auto& [key, value] : d.metadata) {
        h.UpdateField(key);
        h.UpdateField(value);
      }
      h.UpdateField(d.text);
      digests[i] = h.Finish();
    }
  });
  // Sorted, so that the order the documents came in does not matter.
  std::sort(digests.begin(), digests.end());
  return digests;
}

std::string CombineDigests(const std::vector<DocumentDigest>& sorted) {
  internal::Sha256 all;
  for (const DocumentDigest& d : sorted) {
    all.Update(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  }
  return "sha256:" + internal::ToHex(all.Finish());
}

std::string FingerprintCorpus(const Corpus& corpus, int threads) {
  return CombineDigests(DigestDocuments(corpus, threads));
}

}  // namespace trendscan
