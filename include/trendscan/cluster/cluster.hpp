// The clustering stage as the pipeline runs it: an optional LSA projection, then k-means with a
// fixed k or a k chosen from a range, and the result expressed in the space of the rows given
// (so themes can be described by terms). Like the rest of the core it knows nothing of text.
#ifndef TRENDSCAN_CLUSTER_CLUSTER_HPP_
#define TRENDSCAN_CLUSTER_CLUSTER_HPP_

#include <functional>
#include <string_view>
#include <vector>

#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/cluster/stability.hpp"
#include "trendscan/sparse_matrix.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

// How --k auto picks among the candidates.
enum class KCriterion {
  kStability,   // resampling stability above chance (see KSelectionOptions)
  kSilhouette,  // the best mean cosine silhouette (ties: the smaller k)
};

// Choosing k instead of fixing it (--k auto).
struct KSelectionOptions {
  // Off: KMeansOptions::k is used. On: every k of [k_min, k_max] is tried and scored.
  bool automatic = false;
  int k_min = 2;
  int k_max = 10;
  // With kStability: the k whose themes come back in resamples most above what random groups of
  // the same sizes would (mean stability minus its chance level; ties: the smaller k), the
  // rule that chose k best on our corpora (BENCHMARKS.md, "Choosing k").
  KCriterion criterion = KCriterion::kStability;
};

// One candidate k of an automatic choice, with its figures.
struct KCandidate {
  int k = 0;
  double silhouette = 0;        // mean cosine silhouette (higher is better)
  double objective = 0;         // sum of cosines to the centroids
  double stability = 0;         // mean resampling stability of its themes (size-weighted)
  double min_stability = 0;     // that of its least stable theme
  double chance_stability = 0;  // the mean for random groups of the same sizes
};

struct ClusterOptions {
  KMeansOptions kmeans;
  KSelectionOptions k_selection;
  // Cluster on an LSA projection with this many dimensions (0 = on the rows themselves).
  // Default 0: it did not beat clustering the TF-IDF rows on our corpora (BENCHMARKS.md).
  int lsa_components = 0;
  // A k larger than the rows allow is lowered to their number (the pipeline says so in a note)
  // rather than refused: the default k on a handful of documents. Off when k was asked for.
  bool lower_k = true;
  // Per-theme stability by resampling; resamples = 0 turns it off.
  StabilityOptions stability;
};

struct ClusterResult {
  Clustering clustering;               // of the rows given, in their space
  std::vector<KCandidate> candidates;  // with KSelectionOptions::automatic, in k order
  StabilityResult stability;           // of `clustering`'s clusters (empty when off)
};

// Fails (kInvalidArgument) on options that cannot be right for any matrix: k < 1, a k range
// that is not 2 <= k_min <= k_max, restarts or max_iterations < 1, lsa_components < 0.
Status ValidateClusterOptions(const ClusterOptions& options);

// Clusters `rows` (L2-normalised) on `threads` threads. `progress`, when given, is called with
// a stage name before LSA and each candidate k. Fails (kInvalidArgument) when k exceeds the rows
// or an automatic choice has fewer than 3 rows; the result does not depend on `threads`.
Result<ClusterResult> ClusterRows(const SparseRows& rows, const ClusterOptions& options,
                                  int threads,
                                  const std::function<void(std::string_view)>& progress = {});

}  // namespace trendscan

#endif  // TRENDSCAN_CLUSTER_CLUSTER_HPP_
