// The clustering core: spherical k-means on L2-normalised sparse rows. It takes a matrix and
// options and knows nothing of text.
#ifndef TRENDSCAN_KMEANS_HPP_
#define TRENDSCAN_KMEANS_HPP_

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstdint>
#include <vector>

#include "trendscan/status.hpp"

namespace trendscan {

struct KMeansOptions {
  // Number of clusters, 1 <= k <= number of rows.
  int k = 5;
  // Independent runs from different k-means++ seedings; the one with the best objective wins.
  // Default 5, as in the scikit-learn pipeline we measure ourselves against.
  int restarts = 5;
  // Cap on assignment/update rounds per run; a run also stops when no row changes cluster.
  int max_iterations = 100;
  // Seeds every random choice; the same seed gives the same clustering.
  std::uint64_t seed = 42;
  // Worker threads (0 = all cores). Results do not depend on it.
  int threads = 0;
};

struct Clustering {
  std::vector<int> assignment;   // cluster of each row, in [0, k)
  std::vector<float> similarity; // cosine of each row to its cluster's centroid
  Eigen::MatrixXf centroids;     // k x columns, each row unit length (zero for an empty cluster)
  std::vector<int> sizes;        // rows per cluster
  double objective = 0;          // sum of similarities (higher is better)
  int iterations = 0;            // batch rounds of the winning run
  int refinement_passes = 0;     // incremental refinement passes of the winning run
  int best_restart = 0;          // which restart won, from 0
};

// Spherical (cosine) k-means: k-means++ seeding on cosine distance, then alternate assigning
// each row to its most similar centroid and setting each centroid to the normalised sum of its
// rows. A cluster left empty is re-seeded with the row least similar to its own centroid.
// When batch rounds converge, incremental refinement moves single rows between clusters while
// that raises the objective (CLUTO's direct k-way refinement), which escapes the poor local
// optima batch k-means settles in on sparse text.
// Rows must be L2-normalised; all-zero rows are assigned with similarity 0.
// The result depends only on the matrix and options, never on the thread count.
// Fails with kInvalidArgument when k < 1, k > rows, restarts < 1 or max_iterations < 1.
using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;
Result<Clustering> SphericalKMeans(const SparseRows& rows, const KMeansOptions& options);

}  // namespace trendscan

#endif  // TRENDSCAN_KMEANS_HPP_
