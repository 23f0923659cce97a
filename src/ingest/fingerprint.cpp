#include "trendscan/ingest/fingerprint.hpp"

#include <algorithm>
#include <vector>

#include "util/parallel.hpp"
#include "util/sha256.hpp"

namespace trendscan {

std::string FingerprintCorpus(const Corpus& corpus, int threads) {
  using internal::Sha256;
  std::vector<Sha256::Digest> digests(corpus.documents.size());
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
  Sha256 all;
  for (const Sha256::Digest& d : digests) {
    all.Update(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  }
  return "sha256:" + internal::ToHex(all.Finish());
}

}  // namespace trendscan
