#include "trendscan/cluster/kmeans.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "cluster/blobs.hpp"
#include "trendscan/cluster/metrics.hpp"

namespace trendscan {
namespace {

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
  Result<Clustering> one = SphericalKMeans(m, o, 1);
  Result<Clustering> three = SphericalKMeans(m, o, 3);
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
  o.restarts = 1;  // one seeding per seed: a bad seeding cannot hide behind a better restart
  std::set<std::vector<int>> labellings;
  for (std::uint64_t seed : {1, 2, 3, 7, 42, 12345, 987654321}) {
    CAPTURE(seed);
    o.seed = seed;
    Result<Clustering> c = SphericalKMeans(m, o);
    REQUIRE(c.ok());
    CHECK(NormalizedMutualInformation(Truth(200, 4), c->assignment) == doctest::Approx(1.0));
    for (int s : c->sizes) CHECK(s == 50);
    labellings.insert(c->assignment);
  }
  // Clusters are numbered in the order the seeding picked their groups, so seeds that reach
  // the seeding number the same groups differently.
  CHECK(labellings.size() > 1);
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

// s_c, the sum of cluster c's rows, for each cluster, in double.
std::vector<Eigen::VectorXd> ClusterSums(const SparseRows& m, const std::vector<int>& assignment,
                                         int k) {
  std::vector<Eigen::VectorXd> sums(static_cast<std::size_t>(k), Eigen::VectorXd::Zero(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    sums[static_cast<std::size_t>(assignment[static_cast<std::size_t>(i)])] +=
        Eigen::VectorXd(m.row(i).transpose().cast<double>());
  }
  return sums;
}

// sum_c |s_c|: the objective refinement climbs.
double SumOfClusterNorms(const SparseRows& m, const std::vector<int>& assignment, int k) {
  double total = 0;
  for (const Eigen::VectorXd& s : ClusterSums(m, assignment, k)) total += s.norm();
  return total;
}

// The largest gain in sum_c |s_c| that moving one row to another cluster would bring (rows
// alone in their cluster stay, as in refinement).
double BestSingleMoveGain(const SparseRows& m, const Clustering& c) {
  const int k = static_cast<int>(c.sizes.size());
  const std::vector<Eigen::VectorXd> sums = ClusterSums(m, c.assignment, k);
  double best = -std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    const auto a = static_cast<std::size_t>(c.assignment[static_cast<std::size_t>(i)]);
    if (c.sizes[a] < 2) continue;
    const Eigen::VectorXd x = Eigen::VectorXd(m.row(i).transpose().cast<double>());
    for (std::size_t b = 0; b < static_cast<std::size_t>(k); ++b) {
      if (b == a) continue;
      best = std::max(
          best, (sums[a] - x).norm() + (sums[b] + x).norm() - sums[a].norm() - sums[b].norm());
    }
  }
  return best;
}

// Four unit rows on which batch k-means stops short of the best 2-way partition from every
// seeding (every pair of seed rows checked). A1 and A2 lean on the first axis with a little
// of the other two; P and Q are the second and third axes. Pairing P with Q is best:
// |P + Q| = 1.414 adds 0.41 to the objective where P or Q adds 0.36 to the A's cluster
// (3.409 in all, against 3.359 or 3.092 for the partitions batch k-means stops in). Batch
// k-means never pairs them: seeded on single rows, P and Q each have a positive cosine with
// both A's and 0 with one another; and once Q sits with the A's its cosine to that centroid,
// 0.55, is mostly its own pull. Refinement scores the move itself, that pull included.
SparseRows BatchTrap() {
  const float rows[4][3] = {{1, 0.2f, 0.1f}, {1, 0.1f, 0.2f}, {0, 1, 0}, {0, 0, 1}};
  std::vector<Eigen::Triplet<float>> t;
  for (int i = 0; i < 4; ++i) {
    const float norm =
        std::sqrt(rows[i][0] * rows[i][0] + rows[i][1] * rows[i][1] + rows[i][2] * rows[i][2]);
    for (int j = 0; j < 3; ++j) {
      if (rows[i][j] != 0) t.emplace_back(i, j, rows[i][j] / norm);
    }
  }
  SparseRows m(4, 3);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

TEST_CASE("incremental refinement reaches the best partition where batch k-means stops short") {
  const SparseRows m = BatchTrap();
  double best = 0;
  std::vector<int> best_assignment;
  for (int mask = 1; mask < 15; ++mask) {  // every split of the four rows in two
    std::vector<int> a;
    for (int i = 0; i < 4; ++i) a.push_back((mask >> i) & 1);
    const double objective = SumOfClusterNorms(m, a, 2);
    if (objective > best) {
      best = objective;
      best_assignment = a;
    }
  }
  REQUIRE(best_assignment == std::vector<int>{1, 1, 0, 0});  // {A1, A2}, {P, Q}
  KMeansOptions o;
  o.k = 2;
  o.restarts = 1;  // with and without refinement from the same seeding
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    o.seed = seed;
    o.refine = false;
    Result<Clustering> batch = SphericalKMeans(m, o);
    o.refine = true;
    Result<Clustering> refined = SphericalKMeans(m, o);
    REQUIRE(batch.ok());
    REQUIRE(refined.ok());
    CHECK(batch->objective < best - 0.04);  // the trap holds for this seeding
    CHECK(refined->objective > batch->objective);
    CHECK(refined->objective == doctest::Approx(best).epsilon(1e-6));
    CHECK(refined->assignment[0] == refined->assignment[1]);
    CHECK(refined->assignment[2] == refined->assignment[3]);
    CHECK(refined->assignment[0] != refined->assignment[2]);
  }
}

TEST_CASE("incremental refinement never lowers the objective of batch k-means") {
  // More clusters than groups: batch k-means splits groups arbitrarily and leaves rows that
  // would gain by moving.
  const SparseRows m = Blobs(400, 6, 3);
  KMeansOptions o;
  o.k = 9;
  o.restarts = 1;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    o.seed = seed;
    o.refine = false;
    Result<Clustering> batch = SphericalKMeans(m, o);
    o.refine = true;
    Result<Clustering> refined = SphericalKMeans(m, o);
    REQUIRE(batch.ok());
    REQUIRE(refined.ok());
    CHECK(BestSingleMoveGain(m, *batch) > 1e-4);  // so refinement has a move to make
    CHECK(refined->objective > batch->objective);
    // The reported objective is that of the refined partition, not of the batch one.
    CHECK(refined->objective ==
          doctest::Approx(SumOfClusterNorms(m, refined->assignment, o.k)).epsilon(1e-6));
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

namespace trendscan {
namespace {

TEST_CASE("bisecting k-means recovers separable groups and records its tree") {
  const SparseRows m = Blobs(240, 4, 5);
  KMeansOptions o;
  o.k = 4;
  o.algorithm = ClusterAlgorithm::kBisecting;
  Result<Clustering> c = Cluster(m, o);
  REQUIRE(c.ok());
  CHECK(NormalizedMutualInformation(Truth(240, 4), c->assignment) == doctest::Approx(1.0));
  // k leaves need k - 1 splits: 2k - 1 nodes; the root holds every row.
  REQUIRE(c->tree.size() == 7);
  CHECK(c->tree[0].parent == -1);
  CHECK(c->tree[0].size == 240);
  int leaves = 0;
  for (std::size_t i = 0; i < c->tree.size(); ++i) {
    const ClusterTreeNode& n = c->tree[i];
    if (n.children.empty()) {
      ++leaves;
      REQUIRE(n.cluster >= 0);
      CHECK(n.size == c->sizes[static_cast<std::size_t>(n.cluster)]);
    } else {
      REQUIRE(n.children.size() == 2);
      CHECK(n.cluster == -1);
      CHECK(c->tree[static_cast<std::size_t>(n.children[0])].size +
                c->tree[static_cast<std::size_t>(n.children[1])].size ==
            n.size);
      CHECK(c->tree[static_cast<std::size_t>(n.children[0])].parent == static_cast<int>(i));
      CHECK(n.gain > 0);
    }
  }
  CHECK(leaves == 4);
}

TEST_CASE("bisecting splits the cluster that gains most: two far groups first") {
  // Groups 0 and 1 share columns 0-7 with a small difference; group 2 lives on its own columns.
  std::vector<Eigen::Triplet<float>> t;
  for (int i = 0; i < 30; ++i) {
    const int g = i % 3;
    if (g == 2) {
      t.emplace_back(i, 10, 1.0f);
    } else {
      t.emplace_back(i, 0, 0.9f);
      t.emplace_back(i, 1 + g, 0.43589f);  // unit rows
    }
  }
  SparseRows m(30, 12);
  m.setFromTriplets(t.begin(), t.end());
  KMeansOptions o;
  o.k = 2;
  o.algorithm = ClusterAlgorithm::kBisecting;
  Result<Clustering> c = Cluster(m, o);
  REQUIRE(c.ok());
  // With k = 2 the first split must isolate group 2, the far one.
  for (int i = 0; i < 30; ++i) {
    const bool far = i % 3 == 2;
    CHECK((c->assignment[static_cast<std::size_t>(i)] == c->assignment[2]) == far);
  }
}

TEST_CASE("bisecting is deterministic across thread counts") {
  const SparseRows m = Blobs(900, 5, 9);
  KMeansOptions o;
  o.k = 6;
  o.algorithm = ClusterAlgorithm::kBisecting;
  Result<Clustering> a = Cluster(m, o, 1);
  Result<Clustering> b = Cluster(m, o, 4);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->assignment == b->assignment);
  CHECK(a->similarity == b->similarity);
}

TEST_CASE("restarts on a sample still find separable groups, deterministically") {
  const SparseRows m = Blobs(3000, 5, 13);
  KMeansOptions o;
  o.k = 5;
  o.sample_rows = 500;  // 3000 > 2 x 500: restarts run on the sample
  Result<Clustering> sampled = SphericalKMeans(m, o, 1);
  REQUIRE(sampled.ok());
  CHECK(NormalizedMutualInformation(Truth(3000, 5), sampled->assignment) == doctest::Approx(1.0));
  Result<Clustering> again = SphericalKMeans(m, o, 3);
  REQUIRE(again.ok());
  CHECK(again->assignment == sampled->assignment);
}

TEST_CASE("cosine silhouette: exact on a hand example, highest at the true k") {
  // Two orthogonal pairs: within-pair distance 0, across 1 -> silhouette 1.
  std::vector<Eigen::Triplet<float>> t = {{0, 0, 1.0f}, {1, 0, 1.0f}, {2, 1, 1.0f}, {3, 1, 1.0f}};
  SparseRows m(4, 2);
  m.setFromTriplets(t.begin(), t.end());
  CHECK(CosineSilhouette(m, {0, 0, 1, 1}, 2) == doctest::Approx(1.0));
  // A bad split: each row's own cluster holds one twin and one stranger.
  // Row 0: a = mean(d(0,2)) = 1 (its cluster is {0, 2}), b = mean(d(0,1), d(0,3)) = 0.5.
  CHECK(CosineSilhouette(m, {0, 1, 0, 1}, 2) == doctest::Approx(-0.5));

  const SparseRows blobs = Blobs(400, 4, 21);
  double best = -2;
  int best_k = 0;
  for (int k = 2; k <= 7; ++k) {
    KMeansOptions o;
    o.k = k;
    Result<Clustering> c = SphericalKMeans(blobs, o);
    REQUIRE(c.ok());
    const double s = CosineSilhouette(blobs, c->assignment, k);
    if (s > best) {
      best = s;
      best_k = k;
    }
  }
  CHECK(best_k == 4);
}

}  // namespace
}  // namespace trendscan

#include "trendscan/cluster/lsa.hpp"

namespace trendscan {
namespace {

TEST_CASE("LSA keeps separable groups separable, with unit rows, deterministically") {
  const SparseRows m = Blobs(300, 3, 17);
  LsaOptions o;
  o.components = 5;
  Result<SparseRows> p = LsaProject(m, o, 1);
  REQUIRE(p.ok());
  CHECK(p->rows() == 300);
  CHECK(p->cols() == 5);
  for (Eigen::Index r = 0; r < p->rows(); ++r)
    CHECK(p->row(r).norm() == doctest::Approx(1.0).epsilon(1e-5));
  KMeansOptions k;
  k.k = 3;
  Result<Clustering> c = SphericalKMeans(*p, k);
  REQUIRE(c.ok());
  CHECK(NormalizedMutualInformation(Truth(300, 3), c->assignment) == doctest::Approx(1.0));
  Result<SparseRows> again = LsaProject(m, o, 3);
  REQUIRE(again.ok());
  CHECK(Eigen::MatrixXf(*again) == Eigen::MatrixXf(*p));
  // Back in term space, centroids are unit length and similarities are cosines to them.
  Clustering described = *c;
  ExpressInSpace(m, &described);
  CHECK(described.centroids.cols() == m.cols());
  for (Eigen::Index r = 0; r < 3; ++r)
    CHECK(described.centroids.row(r).norm() == doctest::Approx(1.0).epsilon(1e-5));
  CHECK(described.assignment == c->assignment);
}

TEST_CASE("LSA rejects impossible requests") {
  const SparseRows m = Blobs(10, 2);
  LsaOptions o;
  o.components = 0;
  CHECK(LsaProject(m, o).status().code() == StatusCode::kInvalidArgument);
  SparseRows one(1, 5);
  o.components = 2;
  CHECK_FALSE(LsaProject(one, o).ok());
}

}  // namespace
}  // namespace trendscan

namespace trendscan {
namespace {

// A unit vector on the columns of group g of Blobs (a centre no row equals).
Eigen::MatrixXf GroupCentre(int g, int groups) {
  Eigen::MatrixXf c = Eigen::MatrixXf::Zero(1, 8 * groups);
  for (int j = 0; j < 8; ++j) c(0, 8 * g + j) = 1.0f;
  c.row(0).normalize();
  return c;
}

TEST_CASE("seeded k-means: the given centres come first and keep their group, for every seed") {
  const int groups = 4;
  const SparseRows m = Blobs(400, groups, 5);
  KMeansOptions o;
  o.k = 4;
  o.restarts = 1;
  // Groups 3 and 1, in that order, as clusters 0 and 1; k-means++ draws the two others.
  o.initial_centroids.resize(2, 8 * groups);
  o.initial_centroids.row(0) = GroupCentre(3, groups);
  o.initial_centroids.row(1) = GroupCentre(1, groups);
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    CAPTURE(seed);
    o.seed = seed;
    Result<Clustering> c = SphericalKMeans(m, o, 2);
    REQUIRE(c.ok());
    for (int i = 0; i < 400; ++i) {
      if (i % groups == 3) REQUIRE(c->assignment[static_cast<std::size_t>(i)] == 0);
      if (i % groups == 1) REQUIRE(c->assignment[static_cast<std::size_t>(i)] == 1);
    }
    CHECK(NormalizedMutualInformation(Truth(400, groups), c->assignment) == doctest::Approx(1.0));
  }
  // Without seeds the numbering follows the draw: some seed puts group 3 elsewhere than 0.
  o.initial_centroids.resize(0, 0);
  bool moved = false;
  for (std::uint64_t seed = 0; seed < 6 && !moved; ++seed) {
    o.seed = seed;
    Result<Clustering> c = SphericalKMeans(m, o, 2);
    REQUIRE(c.ok());
    moved = c->assignment[3] != 0;
  }
  CHECK(moved);
}

TEST_CASE("seeded k-means: more centres than k, or of the wrong width, are refused") {
  const SparseRows m = Blobs(40, 2, 3);
  KMeansOptions o;
  o.k = 1;
  o.initial_centroids = Eigen::MatrixXf::Zero(2, m.cols());
  CHECK(SphericalKMeans(m, o).status().code() == StatusCode::kInvalidArgument);
  o.k = 2;
  o.initial_centroids = Eigen::MatrixXf::Zero(1, m.cols() + 1);
  CHECK(SphericalKMeans(m, o).status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace trendscan
