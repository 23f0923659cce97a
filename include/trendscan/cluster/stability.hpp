// How sure each theme is: the clustering is run again on resamples of the rows, and each theme
// of the reference clustering is looked for in every resample's clustering. A theme that comes
// back (a large Jaccard overlap with its best match, on the rows both hold) is stable; one that
// dissolves or splits is not (Hennig, "Cluster-wise assessment of cluster stability", 2007;
// resampling stability, Ben-Hur, Elisseeff and Guyon 2002; Lange, Roth, Braun and Buhmann
// 2004). Knows nothing of text.
#ifndef TRENDSCAN_CLUSTER_STABILITY_HPP_
#define TRENDSCAN_CLUSTER_STABILITY_HPP_

#include <cstdint>
#include <vector>

#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/sparse_matrix.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

struct StabilityOptions {
  // Resamples clustered. 0 = no stability figures. Default 20: with 10, a theme's figure moves
  // by up to 0.05 between seeds, enough to cross the threshold below (BENCHMARKS.md).
  int resamples = 20;
  // Share of the rows in each resample, drawn without replacement. Default 0.8.
  double fraction = 0.8;
  // A theme is stable when its mean Jaccard is at least this. Hennig reads 0.75 and more as
  // stable, 0.6 to 0.75 as a pattern that is doubtful, below 0.5 as dissolved. Default 0.7:
  // on 8 planted topics (gen_corpus.py, 1,000 documents) clustered with k = 8 every topic
  // scores 0.79-0.96; with k = 12, the pieces of split topics score 0.21-0.68 and the topics
  // kept whole 0.71-0.95 (BENCHMARKS.md, "Stability").
  double stable_from = 0.7;
  // Measured only when there are at most this many rows to cluster (0 = always): on larger
  // corpora it multiplies the clustering time by about `resamples`, so it is asked for.
  std::size_t only_up_to = 5000;
};

struct StabilityResult {
  int resamples = 0;
  // Per cluster of the reference: the mean over resamples of its best Jaccard overlap.
  std::vector<double> cluster;
  // Their mean weighted by cluster size, and their minimum.
  double mean = 0;
  double min = 0;
  // The same figures for chance: each resample's labels shuffled among its rows (the cluster
  // sizes kept), so a mean near `chance_mean` says the themes come back no better than random
  // groups of their sizes would (Lange, Roth, Braun and Buhmann 2004 normalise by it).
  double chance_mean = 0;
  double chance_min = 0;
};

// Clusters `options.resamples` resamples of `rows` with `kmeans`, from one seeding each (the
// given centres and held rows, if any, restricted to each resample) and compares each with
// `reference` (a clustering of all of `rows`). Each resample's draw depends only on kmeans.seed and
// its index, so the result is the same for any `threads`. Fails as Cluster does.
Result<StabilityResult> MeasureStability(const SparseRows& rows, const Clustering& reference,
                                         const KMeansOptions& kmeans,
                                         const StabilityOptions& options, int threads = 0);

// The best Jaccard overlap of each cluster of `a` with a cluster of `b`, over the items both
// label (a[i] >= 0 and b[i] >= 0); `ka`, `kb` clusters. A cluster of `a` with no such item gets 0.
std::vector<double> BestJaccard(const std::vector<int>& a, int ka, const std::vector<int>& b,
                                int kb);

}  // namespace trendscan

#endif  // TRENDSCAN_CLUSTER_STABILITY_HPP_
