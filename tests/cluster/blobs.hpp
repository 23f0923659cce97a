// Test data for the clustering core: rows in planted groups.
#ifndef TRENDSCAN_TESTS_CLUSTER_BLOBS_HPP_
#define TRENDSCAN_TESTS_CLUSTER_BLOBS_HPP_

#include <cmath>
#include <random>
#include <vector>

#include "trendscan/sparse_matrix.hpp"

namespace trendscan {

// n rows in `groups` groups, each group owning a disjoint block of 8 columns, with noise up to
// `noise_max` on every column; rows L2-normalised. Row i belongs to group i % groups.
inline SparseRows Blobs(int n, int groups, unsigned seed = 7, float noise_max = 0.15f) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> noise(0.0f, noise_max);
  const int cols = 8 * groups;
  std::vector<Eigen::Triplet<float>> t;
  for (int i = 0; i < n; ++i) {
    std::vector<float> v(static_cast<std::size_t>(cols));
    float norm = 0;
    for (int j = 0; j < cols; ++j) {
      v[static_cast<std::size_t>(j)] = noise(gen) + (j / 8 == i % groups ? 1.0f : 0.0f);
      norm += v[static_cast<std::size_t>(j)] * v[static_cast<std::size_t>(j)];
    }
    for (int j = 0; j < cols; ++j)
      t.emplace_back(i, j, v[static_cast<std::size_t>(j)] / std::sqrt(norm));
  }
  SparseRows m(n, cols);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

}  // namespace trendscan

#endif  // TRENDSCAN_TESTS_CLUSTER_BLOBS_HPP_
