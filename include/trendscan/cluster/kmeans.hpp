// The clustering core: spherical k-means on L2-normalised sparse rows. It takes a matrix and
// options and knows nothing of text.
#ifndef TRENDSCAN_CLUSTER_KMEANS_HPP_
#define TRENDSCAN_CLUSTER_KMEANS_HPP_

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cstdint>
#include <vector>

#include "trendscan/sparse_matrix.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

enum class ClusterAlgorithm {
  kKMeans,    // flat spherical k-means with restarts and refinement
  kBisecting  // repeated 2-way splits (a binary tree of clusters)
};

struct KMeansOptions {
  // Which algorithm Cluster() runs.
  ClusterAlgorithm algorithm = ClusterAlgorithm::kKMeans;
  // Number of clusters, 1 <= k <= number of rows.
  int k = 5;
  // Independent runs from different k-means++ seedings; the one with the best objective wins.
  // Default 5, as in the scikit-learn pipeline we measure ourselves against.
  int restarts = 5;
  // Cap on assignment/update rounds per run; a run also stops when no row changes cluster.
  int max_iterations = 100;
  // Seeds every random choice; the same seed gives the same clustering.
  std::uint64_t seed = 42;
  // With more than twice this many rows, restarts are compared on a seeded sample of this many
  // rows and only the winner is iterated on all rows. 0 = always restart on all rows.
  int sample_rows = 4096;
  // Incremental refinement after the batch rounds. Off only for benchmarking plain rounds.
  bool refine = true;
  // Stop a run when no row changes cluster. Off only for benchmarking a fixed round count.
  bool stop_when_stable = true;
  // Seeded k-means (Basu, Banerjee and Mooney 2002): when not empty, these rows (at most k,
  // unit length, as many columns as the matrix) are the first centres of every restart, and
  // k-means++ draws only the others, away from them. The centres then move like any other.
  // Flat k-means only; the bisecting algorithm ignores them.
  Eigen::MatrixXf initial_centroids;
  // Constrained k-means (the same authors): when not empty, one entry per row, the cluster the
  // row is held in (it never moves, and counts in its cluster's centroid), or -1 for a row free
  // to go where it fits best. Flat k-means only.
  std::vector<int> fixed_rows;
};

// One node of the bisecting tree. Node 0 is the root (all rows); a node's children are the two
// halves of its split.
struct ClusterTreeNode {
  int parent = -1;            // -1 for the root
  std::vector<int> children;  // node ids; empty for a leaf
  int cluster = -1;           // the leaf's cluster index; -1 for an inner node
  int size = 0;               // rows under this node
  double gain = 0;            // objective gain of this node's split (0 for a leaf)
};

struct Clustering {
  std::vector<int> assignment;    // cluster of each row, in [0, k)
  std::vector<float> similarity;  // cosine of each row to its cluster's centroid
  Eigen::MatrixXf centroids;      // k x columns, each row unit length (zero for an empty cluster)
  std::vector<int> sizes;         // rows per cluster
  double objective = 0;           // sum of similarities (higher is better)
  int iterations = 0;             // batch rounds of the winning run
  int refinement_passes = 0;      // incremental refinement passes of the winning run
  int best_restart = 0;           // which restart won, from 0
  std::vector<ClusterTreeNode> tree;  // bisecting only: the split history, root first
};

// Spherical (cosine) k-means: k-means++ seeding on cosine distance, then alternate assigning
// each row to its most similar centroid and setting each centroid to the normalised sum of its
// rows. A cluster left empty is re-seeded with the row least similar to its own centroid.
// When batch rounds converge, incremental refinement moves single rows between clusters while
// that raises the objective (CLUTO's direct k-way refinement), which escapes the poor local
// optima batch k-means settles in on sparse text.
// Rows must be L2-normalised; all-zero rows are assigned with similarity 0.
// Runs on `threads` threads (0 = all cores, as for every stage); the result depends only on the
// matrix and options, never on the thread count.
// Fails with kInvalidArgument when k < 1, k > rows, restarts < 1 or max_iterations < 1.
Result<Clustering> SphericalKMeans(const SparseRows& rows, const KMeansOptions& options,
                                   int threads = 0);

// Bisecting spherical k-means: from one cluster, repeatedly split the cluster whose best 2-way
// split (spherical k-means with options.restarts restarts) raises the objective most, until
// there are k. Clusters are numbered in tree order; Clustering::tree holds the splits.
// Same preconditions and failures as SphericalKMeans.
Result<Clustering> BisectingSphericalKMeans(const SparseRows& rows, const KMeansOptions& options,
                                            int threads = 0);

// Runs options.algorithm.
Result<Clustering> Cluster(const SparseRows& rows, const KMeansOptions& options, int threads = 0);

// Re-expresses a clustering in the space of `rows` (same row order as the clustered matrix):
// centroids become the normalised sums of each cluster's rows, similarities and objective are
// recomputed against them. Used when clustering ran on a projection (LSA) but themes are
// described by terms. The assignment is unchanged.
void ExpressInSpace(const SparseRows& rows, Clustering* clustering);

// Mean silhouette of a clustering under cosine distance (1 - cosine), computed exactly from the
// cluster sums in one pass (rows must be L2-normalised). In [-1, 1]; higher means tighter,
// better separated clusters; 0 for k < 2. Singletons score 0, as in scikit-learn.
double CosineSilhouette(const SparseRows& rows, const std::vector<int>& assignment, int k,
                        int threads = 0);

}  // namespace trendscan

#endif  // TRENDSCAN_CLUSTER_KMEANS_HPP_
