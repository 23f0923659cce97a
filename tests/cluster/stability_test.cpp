// Per-theme stability by resampling: hand-checked overlaps, planted groups found stable, the
// pieces of a k larger than the groups flagged, and the same figures for any thread count.
#include "trendscan/cluster/stability.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "cluster/blobs.hpp"

namespace trendscan {
namespace {

TEST_CASE("best Jaccard overlaps, by hand") {
  // a: {0,1,2} {3,4,5}; b: {0,1} {2,3,4,5}; item 6 unlabelled in b.
  const std::vector<int> a = {0, 0, 0, 1, 1, 1, 0};
  const std::vector<int> b = {0, 0, 1, 1, 1, 1, -1};
  const std::vector<double> best = BestJaccard(a, 2, b, 2);
  CHECK(best[0] == doctest::Approx(2.0 / 3.0));  // {0,1,2} vs {0,1}: 2 of 3 (item 6 left out)
  CHECK(best[1] == doctest::Approx(3.0 / 4.0));  // {3,4,5} vs {2,3,4,5}
  CHECK(BestJaccard(a, 3, b, 2)[2] == 0.0);      // an empty cluster overlaps nothing
}

TEST_CASE("planted groups are stable; the pieces of a too large k are flagged") {
  const int groups = 8;
  const SparseRows m = Blobs(800, groups, 4, 0.4f);
  KMeansOptions o;
  o.k = groups;
  StabilityOptions s;
  Result<Clustering> right = SphericalKMeans(m, o, 2);
  REQUIRE(right.ok());
  Result<StabilityResult> r = MeasureStability(m, *right, o, s, 2);
  REQUIRE(r.ok());
  CHECK(r->resamples == s.resamples);
  for (double x : r->cluster) CHECK(x >= s.stable_from);
  CHECK(r->mean > r->chance_mean + 0.5);
  o.k = 12;
  Result<Clustering> over = SphericalKMeans(m, o, 2);
  REQUIRE(over.ok());
  Result<StabilityResult> split = MeasureStability(m, *over, o, s, 2);
  REQUIRE(split.ok());
  int flagged = 0;
  for (std::size_t t = 0; t < split->cluster.size(); ++t) {
    const bool whole = over->sizes[t] >= 90;  // a group has 100 rows
    const bool stable = split->cluster[t] >= s.stable_from;
    CAPTURE(t);
    CAPTURE(over->sizes[t]);
    CAPTURE(split->cluster[t]);
    if (!whole) CHECK_FALSE(stable);  // every piece of a split group is flagged
    flagged += !stable;
  }
  CHECK(flagged >= 4);  // 12 clusters over 8 groups: at least 4 groups are cut in pieces
  CHECK(split->mean < r->mean);
}

TEST_CASE("stability depends on the seed and the rows, never on the thread count") {
  const SparseRows m = Blobs(300, 4, 9, 0.4f);
  KMeansOptions o;
  o.k = 5;
  StabilityOptions s;
  s.resamples = 6;
  const Clustering c = std::move(SphericalKMeans(m, o, 1)).value();
  const StabilityResult one = std::move(MeasureStability(m, c, o, s, 1)).value();
  const StabilityResult three = std::move(MeasureStability(m, c, o, s, 3)).value();
  CHECK(one.cluster == three.cluster);
  CHECK(one.chance_mean == three.chance_mean);
  s.resamples = 0;
  CHECK(std::move(MeasureStability(m, c, o, s, 1)).value().resamples == 0);
}

}  // namespace
}  // namespace trendscan
