// Clustering quality against reference labels, for benchmarks and for `analyze --labels`.
#ifndef TRENDSCAN_CLUSTER_METRICS_HPP_
#define TRENDSCAN_CLUSTER_METRICS_HPP_

#include <vector>

namespace trendscan {

// Normalised mutual information with the arithmetic-mean normalisation
// NMI = I(U; V) / ((H(U) + H(V)) / 2), natural logarithms (scikit-learn's default, so figures
// compare directly). Both vectors hold one small non-negative integer per item and must have the
// same length. Returns 1 when both partitions are a single cluster; 0 for empty input.
double NormalizedMutualInformation(const std::vector<int>& truth,
                                   const std::vector<int>& predicted);

// Adjusted Rand index (Hubert and Arabie 1985): 1 for identical partitions, about 0 for random
// ones, possibly negative. Returns 1 when both partitions are trivially equal.
double AdjustedRandIndex(const std::vector<int>& truth, const std::vector<int>& predicted);

}  // namespace trendscan

#endif  // TRENDSCAN_CLUSTER_METRICS_HPP_
