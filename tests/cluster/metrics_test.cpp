#include "trendscan/cluster/metrics.hpp"

#include <doctest/doctest.h>

namespace trendscan {
namespace {

TEST_CASE("identical and relabelled partitions score 1") {
  const std::vector<int> a = {0, 0, 1, 1, 2, 2};
  const std::vector<int> relabelled = {2, 2, 0, 0, 1, 1};
  CHECK(NormalizedMutualInformation(a, a) == doctest::Approx(1.0));
  CHECK(NormalizedMutualInformation(a, relabelled) == doctest::Approx(1.0));
  CHECK(AdjustedRandIndex(a, relabelled) == doctest::Approx(1.0));
}

TEST_CASE("values match scikit-learn's on small cases") {
  // Reference values from sklearn.metrics (normalized_mutual_info_score, adjusted_rand_score).
  CHECK(NormalizedMutualInformation({0, 0, 1, 1}, {0, 0, 0, 1}) ==
        doctest::Approx(0.34371101848545077));
  CHECK(AdjustedRandIndex({0, 0, 1, 1}, {0, 0, 0, 1}) == doctest::Approx(0.0));
  const std::vector<int> t = {0, 0, 0, 1, 1, 1, 2, 2};
  const std::vector<int> p = {0, 0, 1, 1, 1, 2, 2, 2};
  CHECK(NormalizedMutualInformation(t, p) == doctest::Approx(0.5588730382170326));
  CHECK(AdjustedRandIndex(t, p) == doctest::Approx(0.23809523809523808));
}

TEST_CASE("a partition independent of the truth scores about 0") {
  const std::vector<int> t = {0, 0, 1, 1};
  const std::vector<int> p = {0, 1, 0, 1};
  CHECK(NormalizedMutualInformation(t, p) == doctest::Approx(0.0));
  CHECK(AdjustedRandIndex(t, p) < 0.0);
}

}  // namespace
}  // namespace trendscan
