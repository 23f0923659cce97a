// Latent semantic analysis: project TF-IDF rows onto their top singular directions before
// clustering, as scikit-learn's text-clustering example does (TruncatedSVD + Normalizer).
#ifndef TRENDSCAN_CLUSTER_LSA_HPP_
#define TRENDSCAN_CLUSTER_LSA_HPP_

#include <cstdint>

#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

struct LsaOptions {
  // Dimensions kept. 0 disables LSA. Capped at min(rows, columns) - 1.
  int components = 100;
  // Extra random directions and power iterations of the randomised range finder (Halko,
  // Martinsson and Tropp 2011): more of either is slower and closer to the exact SVD.
  int oversampling = 10;
  int power_iterations = 4;
  std::uint64_t seed = 42;
};

// Rows of `rows` projected onto its top `components` right singular vectors (scaled by the
// singular values, i.e. U * Sigma), then L2-normalised so dot products are cosines again; stored
// as a sparse matrix with every entry present so the clustering core takes it unchanged.
// Deterministic for a seed, whatever the thread count. Fails (kInvalidArgument) when
// components < 1 or the matrix has fewer than 2 rows or columns.
Result<SparseRows> LsaProject(const SparseRows& rows, const LsaOptions& options, int threads = 0);

}  // namespace trendscan

#endif  // TRENDSCAN_CLUSTER_LSA_HPP_
