#include "trendscan/kmeans.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <set>

#include "trendscan/metrics.hpp"

namespace trendscan {
namespace {

// n rows in `groups` groups, each group owning a disjoint block of 8 columns, with a little noise
// on every column; rows L2-normalised. Row i belongs to group i % groups.
SparseRows Blobs(int n, int groups, unsigned seed = 7) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> noise(0.0f, 0.15f);
  const int cols = 8 * groups;
  std::vector<Eigen::Triplet<float>> t;
  for (int i = 0; i < n; ++i) {
    std::vector<float> v(static_cast<std::size_t>(cols));
    float norm = 0;
    for (int j = 0; j < cols; ++j) {
      v[static_cast<std::size_t>(j)] = noise(gen) + (j / 8 == i % groups ? 1.0f : 0.0f);
      norm += v[static_cast<std::size_t>(j)] * v[static_cast<std::size_t>(j)];
    }
    for (int j = 0; j < cols; ++j) t.emplace_back(i, j, v[static_cast<std::size_t>(j)] / std::sqrt(norm));
  }
  SparseRows m(n, cols);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

std::vector<int> Truth(int n, int groups) {
  std::vector<int> t;
  for (int i = 0; i < n; ++i) t.push_back(i % groups);
  return t;
}

TEST_CASE("separable groups are recovered exactly") {
  const SparseRows m = Blobs(300, 4);
  KMeansOptions o;
  o.k = 4;
  Result<Clustering> c = SphericalKMeans(m, o);
  REQUIRE(c.ok());
  CHECK(NormalizedMutualInformation(Truth(300, 4), c->assignment) == doctest::Approx(1.0));
  for (int s : c->sizes) CHECK(s == 75);
  for (Eigen::Index r = 0; r < c->centroids.rows(); ++r) {
    CHECK(c->centroids.row(r).norm() == doctest::Approx(1.0).epsilon(1e-5));
  }
  double sum = 0;
  for (float s : c->similarity) sum += s;
  CHECK(c->objective == doctest::Approx(sum).epsilon(1e-6));
}

TEST_CASE("the same seed gives the same clustering, whatever the thread count") {
  const SparseRows m = Blobs(2000, 5, 11);
  KMeansOptions o;
  o.k = 7;  // more clusters than groups: many near-ties, a good test of determinism
  o.threads = 1;
  Result<Clustering> one = SphericalKMeans(m, o);
  o.threads = 3;
  Result<Clustering> three = SphericalKMeans(m, o);
  REQUIRE(one.ok());
  REQUIRE(three.ok());
  CHECK(one->assignment == three->assignment);
  CHECK(one->similarity == three->similarity);  // bitwise equal floats
  CHECK(one->objective == three->objective);
  CHECK(one->centroids == three->centroids);
}

TEST_CASE("a different seed may give a different seeding but a valid clustering") {
  const SparseRows m = Blobs(200, 4);
  KMeansOptions o;
  o.k = 4;
  o.seed = 12345;
  Result<Clustering> c = SphericalKMeans(m, o);
  REQUIRE(c.ok());
  CHECK(NormalizedMutualInformation(Truth(200, 4), c->assignment) == doctest::Approx(1.0));
}

TEST_CASE("k = 1 puts everything in one cluster") {
  const SparseRows m = Blobs(50, 3);
  KMeansOptions o;
  o.k = 1;
  Result<Clustering> c = SphericalKMeans(m, o);
  REQUIRE(c.ok());
  CHECK(c->sizes == std::vector<int>{50});
  for (int a : c->assignment) CHECK(a == 0);
}

TEST_CASE("k = n gives every row its own cluster") {
  const SparseRows m = Blobs(12, 3);
  KMeansOptions o;
  o.k = 12;
  Result<Clustering> c = SphericalKMeans(m, o);
  REQUIRE(c.ok());
  CHECK(std::set<int>(c->assignment.begin(), c->assignment.end()).size() == 12);
  for (float s : c->similarity) CHECK(s == doctest::Approx(1.0).epsilon(1e-5));
}

TEST_CASE("duplicate rows: empty clusters are re-seeded, deterministically") {
  // Ten copies of one row and two of another, k = 3: seeding must pick a duplicate twice, and
  // the empty cluster has to take a row from a cluster that can spare one.
  std::vector<Eigen::Triplet<float>> t;
  for (int i = 0; i < 10; ++i) t.emplace_back(i, 0, 1.0f);
  t.emplace_back(10, 1, 1.0f);
  t.emplace_back(11, 1, 1.0f);
  SparseRows m(12, 2);
  m.setFromTriplets(t.begin(), t.end());
  KMeansOptions o;
  o.k = 3;
  o.restarts = 3;
  Result<Clustering> a = SphericalKMeans(m, o);
  Result<Clustering> b = SphericalKMeans(m, o);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  for (int s : a->sizes) CHECK(s >= 1);
  CHECK(a->assignment == b->assignment);
  // Rows 10 and 11 never share a cluster with the first ten.
  for (int i = 0; i < 10; ++i) {
    CHECK(a->assignment[static_cast<std::size_t>(i)] != a->assignment[10]);
    CHECK(a->assignment[static_cast<std::size_t>(i)] != a->assignment[11]);
  }
}

TEST_CASE("incremental refinement never lowers the objective of batch k-means") {
  const SparseRows m = Blobs(400, 6, 3);
  KMeansOptions o;
  o.k = 6;
  o.restarts = 1;
  Result<Clustering> c = SphericalKMeans(m, o);
  REQUIRE(c.ok());
  // At a refined optimum, no single move raises sum_c |s_c|; check it directly for a few rows.
  std::vector<Eigen::VectorXd> sums(6, Eigen::VectorXd::Zero(m.cols()));
  for (int i = 0; i < m.rows(); ++i) sums[static_cast<std::size_t>(c->assignment[static_cast<std::size_t>(i)])] += Eigen::VectorXd(m.row(i).transpose().cast<double>());
  for (int i = 0; i < 40; ++i) {
    const int a = c->assignment[static_cast<std::size_t>(i)];
    const Eigen::VectorXd x = Eigen::VectorXd(m.row(i).transpose().cast<double>());
    const double base = sums[static_cast<std::size_t>(a)].norm();
    for (int b = 0; b < 6; ++b) {
      if (b == a) continue;
      const double before = base + sums[static_cast<std::size_t>(b)].norm();
      const double after = (sums[static_cast<std::size_t>(a)] - x).norm() + (sums[static_cast<std::size_t>(b)] + x).norm();
      CHECK(after <= before + 1e-6);
    }
  }
}

TEST_CASE("invalid options are rejected") {
  const SparseRows m = Blobs(10, 2);
  KMeansOptions o;
  o.k = 0;
  CHECK(SphericalKMeans(m, o).status().code() == StatusCode::kInvalidArgument);
  o.k = 11;
  Result<Clustering> too_many = SphericalKMeans(m, o);
  CHECK(too_many.status().code() == StatusCode::kInvalidArgument);
  CHECK(too_many.status().message().find("11") != std::string::npos);
  o.k = 2;
  o.restarts = 0;
  CHECK_FALSE(SphericalKMeans(m, o).ok());
}

}  // namespace
}  // namespace trendscan
