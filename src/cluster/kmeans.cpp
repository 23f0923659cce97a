#include "trendscan/cluster/kmeans.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "util/parallel.hpp"
#include "util/random.hpp"

namespace trendscan {
namespace {

// Rows per parallel task. Fixed, not derived from the thread count: partial sums are combined
// per block in block order, which keeps floating-point results identical for any --threads.
constexpr Eigen::Index kRowsPerBlock = 512;

// Centroids stored transposed (terms x k, row-major): a sparse row's nonzeros then read k
// contiguous floats each, the access pattern of the sparse x dense product.
using CentroidsT = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct RunResult {
  std::vector<int> assignment;
  std::vector<float> similarity;
  CentroidsT centroids_t;
  std::vector<int> sizes;
  double objective = 0;
  int iterations = 0;
  int refinement_passes = 0;
};

class Runner {
 public:
  Runner(const SparseRows& x, const KMeansOptions& options, int threads)
      : x_(x),
        k_(options.k),
        max_iterations_(options.max_iterations),
        refine_(options.refine),
        stop_when_stable_(options.stop_when_stable),
        threads_(threads),
        initial_(options.initial_centroids),
        fixed_(options.fixed_rows),
        n_(x.rows()),
        blocks_(static_cast<std::size_t>((n_ + kRowsPerBlock - 1) / kRowsPerBlock)) {}

  // One run: k-means++ seeding, batch rounds, refinement.
  RunResult Run(std::uint64_t seed) {
    CentroidsT start = CentroidsT::Zero(x_.cols(), k_);
    Seed(seed, &start);
    return RunFrom(std::move(start));
  }

  // Batch rounds and refinement from the given centroids (terms x k).
  RunResult RunFrom(CentroidsT centroids_t) {
    RunResult r;
    r.centroids_t = std::move(centroids_t);
    r.assignment.assign(static_cast<std::size_t>(n_), -1);
    r.similarity.assign(static_cast<std::size_t>(n_), 0.0f);
    for (int it = 1;; ++it) {
      const std::size_t changes = Assign(&r);
      r.iterations = it;
      if ((stop_when_stable_ && it > 1 && changes == 0) || it > max_iterations_) break;
      ReseedEmpty(&r);
      Update(&r);
    }
    // Duplicate rows can leave a cluster empty after the last round: give it a row, so every
    // run returns k non-empty clusters when the rows allow it.
    if (std::find(r.sizes.begin(), r.sizes.end(), 0) != r.sizes.end()) {
      ReseedEmpty(&r);
      Update(&r);
      Rescore(&r);
    }
    if (refine_) Refine(&r);
    return r;
  }

 private:
  // Cosine of row i with a dense vector of x_.cols() floats.
  float Dot(Eigen::Index i, const std::vector<float>& dense) const {
    float s = 0;
    for (SparseRows::InnerIterator it(x_, i); it; ++it)
      s += it.value() * dense[static_cast<std::size_t>(it.index())];
    return s;
  }

  void RowToDense(Eigen::Index i, std::vector<float>* dense) const {
    std::fill(dense->begin(), dense->end(), 0.0f);
    for (SparseRows::InnerIterator it(x_, i); it; ++it)
      (*dense)[static_cast<std::size_t>(it.index())] = it.value();
  }

  // k-means++ on cosine distance: for unit vectors |x - c|^2 = 2 (1 - cos), so drawing rows with
  // probability proportional to 1 - cos is exactly k-means++'s D^2 weighting on the sphere.
  // Given centres (KMeansOptions::initial_centroids) come first; the draw then continues from
  // them, so the free centres land away from the given ones.
  void Seed(std::uint64_t seed, CentroidsT* ct) {
    internal::Random rng(seed);
    std::vector<double> distance(static_cast<std::size_t>(n_), 1.0);
    std::vector<float> center(static_cast<std::size_t>(x_.cols()));
    const int given = static_cast<int>(initial_.rows());
    for (int c = 0; c < given; ++c) {
      for (Eigen::Index j = 0; j < x_.cols(); ++j) {
        center[static_cast<std::size_t>(j)] = initial_(c, j);
        (*ct)(j, c) = initial_(c, j);
      }
      LowerDistances(center, &distance);
    }
    for (int c = given; c < k_; ++c) {
      RowToDense(DrawRow(c == 0, distance, &rng), &center);
      for (Eigen::Index j = 0; j < x_.cols(); ++j)
        (*ct)(j, c) = center[static_cast<std::size_t>(j)];
      if (c + 1 == k_) break;
      LowerDistances(center, &distance);
    }
  }

  // A row drawn with probability proportional to its distance (uniformly for the first centre,
  // or when every row sits on a centre).
  Eigen::Index DrawRow(bool first, const std::vector<double>& distance, internal::Random* rng) {
    double total = 0;
    if (!first) {
      for (double d : distance) total += d;
    }
    if (total <= 0) return static_cast<Eigen::Index>(rng->Below(static_cast<std::uint64_t>(n_)));
    const double target = rng->Uniform() * total;
    double cumulative = 0;
    for (Eigen::Index i = 0; i < n_; ++i) {
      cumulative += distance[static_cast<std::size_t>(i)];
      if (cumulative > target && distance[static_cast<std::size_t>(i)] > 0) return i;
    }
    return n_ - 1;
  }

  // Each row's distance to its nearest centre so far, lowered by the new centre `center`.
  void LowerDistances(const std::vector<float>& center, std::vector<double>* distance) {
    internal::ParallelFor(blocks_, threads_, [&](std::size_t b, int) {
      const Eigen::Index end = std::min(n_, static_cast<Eigen::Index>(b + 1) * kRowsPerBlock);
      for (Eigen::Index i = static_cast<Eigen::Index>(b) * kRowsPerBlock; i < end; ++i) {
        const double d = std::max(0.0, 1.0 - static_cast<double>(Dot(i, center)));
        double& current = (*distance)[static_cast<std::size_t>(i)];
        current = std::min(current, d);
      }
    });
  }

  // Assigns every row to its most similar centroid (ties to the lower index); returns how many
  // rows changed cluster and sets sizes and objective.
  std::size_t Assign(RunResult* r) {
    std::vector<std::size_t> block_changes(blocks_, 0);
    std::vector<double> block_objective(blocks_, 0.0);
    const CentroidsT& ct = r->centroids_t;
    internal::ParallelFor(blocks_, threads_, [&](std::size_t b, int) {
      std::vector<float> sims(static_cast<std::size_t>(k_));
      const Eigen::Index end = std::min(n_, static_cast<Eigen::Index>(b + 1) * kRowsPerBlock);
      for (Eigen::Index i = static_cast<Eigen::Index>(b) * kRowsPerBlock; i < end; ++i) {
        std::fill(sims.begin(), sims.end(), 0.0f);
        for (SparseRows::InnerIterator it(x_, i); it; ++it) {
          const float v = it.value();
          const float* row = ct.data() + it.index() * k_;
          for (int c = 0; c < k_; ++c) sims[static_cast<std::size_t>(c)] += v * row[c];
        }
        const auto ii = static_cast<std::size_t>(i);
        int best = 0;
        for (int c = 1; c < k_; ++c) {
          if (sims[static_cast<std::size_t>(c)] > sims[static_cast<std::size_t>(best)]) best = c;
        }
        if (Fixed(ii)) best = fixed_[ii];
        if (r->assignment[ii] != best) ++block_changes[b];
        r->assignment[ii] = best;
        r->similarity[ii] = sims[static_cast<std::size_t>(best)];
        block_objective[b] += sims[static_cast<std::size_t>(best)];
      }
    });
    std::size_t changes = 0;
    r->objective = 0;
    for (std::size_t b = 0; b < blocks_; ++b) {
      changes += block_changes[b];
      r->objective += block_objective[b];
    }
    r->sizes.assign(static_cast<std::size_t>(k_), 0);
    for (int a : r->assignment) ++r->sizes[static_cast<std::size_t>(a)];
    return changes;
  }

  // An empty cluster takes the row that fits its own cluster worst (lowest similarity, lowest
  // index on ties) among rows whose cluster would not become empty in turn: deterministic, and
  // it moves the centroid to where the current solution is weakest.
  void ReseedEmpty(RunResult* r) {
    for (int c = 0; c < k_; ++c) {
      if (r->sizes[static_cast<std::size_t>(c)] > 0) continue;
      Eigen::Index worst = -1;
      for (Eigen::Index i = 0; i < n_; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        if (Fixed(ii) || r->sizes[static_cast<std::size_t>(r->assignment[ii])] < 2) continue;
        if (worst < 0 || r->similarity[ii] < r->similarity[static_cast<std::size_t>(worst)])
          worst = i;
      }
      if (worst < 0) return;  // fewer rows than clusters can fill: nothing to move
      const auto w = static_cast<std::size_t>(worst);
      --r->sizes[static_cast<std::size_t>(r->assignment[w])];
      r->assignment[w] = c;
      r->similarity[w] = 1.0f;
      r->sizes[static_cast<std::size_t>(c)] = 1;
    }
  }

  // Each centroid becomes the normalised sum of its rows. Work is split by cluster, and each
  // cluster sums its rows in row order, so the floating-point result is thread-independent.
  void Update(RunResult* r) {
    CentroidsT& ct = r->centroids_t;
    internal::ParallelFor(static_cast<std::size_t>(k_), threads_, [&](std::size_t cluster, int) {
      const int c = static_cast<int>(cluster);
      std::vector<double> sum(static_cast<std::size_t>(x_.cols()), 0.0);
      for (Eigen::Index i = 0; i < n_; ++i) {
        if (r->assignment[static_cast<std::size_t>(i)] != c) continue;
        for (SparseRows::InnerIterator it(x_, i); it; ++it)
          sum[static_cast<std::size_t>(it.index())] += it.value();
      }
      double norm2 = 0;
      for (double v : sum) norm2 += v * v;
      const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
      for (Eigen::Index j = 0; j < x_.cols(); ++j)
        ct(j, c) = static_cast<float>(sum[static_cast<std::size_t>(j)] * inv);
    });
  }

  // Batch k-means stalls in poor local optima on sparse, high-dimensional text (Dhillon, Guan
  // and Kogan 2002). Incremental refinement (CLUTO's "direct" method, their "first variation")
  // then moves single rows whenever that raises the objective sum_c |s_c| (s_c: the sum of the
  // rows in cluster c, so |s_c| = sum of cosines of c's rows to c's centroid). Moves are
  // evaluated exactly, one row at a time in row order: sequential, hence deterministic. Each
  // pass costs about one assignment pass.
  void Refine(RunResult* r) {
    const Eigen::Index d = x_.cols();
    std::vector<double> sums(static_cast<std::size_t>(d * k_), 0.0);  // terms x k
    std::vector<double> norm2(static_cast<std::size_t>(k_), 0.0);
    for (Eigen::Index i = 0; i < n_; ++i) {
      const int a = r->assignment[static_cast<std::size_t>(i)];
      for (SparseRows::InnerIterator it(x_, i); it; ++it)
        sums[static_cast<std::size_t>(it.index() * k_ + a)] += it.value();
    }
    // The dot products of rows with the cluster sums are computed in parallel for a block of rows
    // (a snapshot) and used while no row of the block has moved; after a move, the remaining
    // rows of the block compute theirs from the current sums, sequentially, exactly as a plain
    // sequential pass would. Each value depends only on the data, never on the thread count.
    std::vector<double> snapshot;
    std::vector<double> norms_x(static_cast<std::size_t>(n_), 0.0);
    for (Eigen::Index i = 0; i < n_; ++i) {
      for (SparseRows::InnerIterator it(x_, i); it; ++it) {
        norms_x[static_cast<std::size_t>(i)] += static_cast<double>(it.value()) * it.value();
      }
    }
    std::vector<double> dots(static_cast<std::size_t>(k_));
    bool moved_any = false;
    for (int pass = 0; pass < kMaxRefinePasses; ++pass) {
      r->refinement_passes = pass + 1;
      std::size_t moves = 0;
      // Exact norms at the start of each pass: incremental updates must not drift into moves
      // that only look like gains.
      std::fill(norm2.begin(), norm2.end(), 0.0);
      for (Eigen::Index j = 0; j < d; ++j) {
        for (int c = 0; c < k_; ++c) {
          const double v = sums[static_cast<std::size_t>(j * k_ + c)];
          norm2[static_cast<std::size_t>(c)] += v * v;
        }
      }
      double objective = 0;
      for (double v : norm2) objective += std::sqrt(v);
      double pass_gain = 0;
      Eigen::Index i = 0;
      // Where moves are frequent, snapshots cover fewer rows, so little precomputed work is
      // thrown away; where they are rare, blocks grow back to kRefineBlock.
      Eigen::Index block_rows = kRefineBlock;
      while (i < n_) {
        const Eigen::Index block_begin = i;
        const Eigen::Index block_end = std::min(n_, i + block_rows);
        snapshot.assign(static_cast<std::size_t>((block_end - block_begin) * k_), 0.0);
        const auto sub_blocks =
            static_cast<std::size_t>((block_end - block_begin + kRowsPerBlock - 1) / kRowsPerBlock);
        internal::ParallelFor(sub_blocks, threads_, [&](std::size_t sb, int) {
          const Eigen::Index from = block_begin + static_cast<Eigen::Index>(sb) * kRowsPerBlock;
          const Eigen::Index to = std::min(block_end, from + kRowsPerBlock);
          for (Eigen::Index row = from; row < to; ++row) {
            double* out = snapshot.data() + (row - block_begin) * k_;
            for (SparseRows::InnerIterator it(x_, row); it; ++it) {
              const double v = it.value();
              const double* srow = sums.data() + it.index() * k_;
              for (int c = 0; c < k_; ++c) out[c] += v * srow[c];
            }
          }
        });
        Eigen::Index first_move = block_end;
        for (; i < block_end; ++i) {
          const auto ii = static_cast<std::size_t>(i);
          const int a = r->assignment[ii];
          if (Fixed(ii) || r->sizes[static_cast<std::size_t>(a)] < 2) continue;
          const double xx = norms_x[ii];
          if (xx == 0) continue;
          if (first_move == block_end) {
            const double* snap = snapshot.data() + (i - block_begin) * k_;
            std::copy(snap, snap + k_, dots.begin());
          } else {
            std::fill(dots.begin(), dots.end(), 0.0);
            for (SparseRows::InnerIterator it(x_, i); it; ++it) {
              const double v = it.value();
              const double* srow = sums.data() + it.index() * k_;
              for (int c = 0; c < k_; ++c) dots[static_cast<std::size_t>(c)] += v * srow[c];
            }
          }
          const auto au = static_cast<std::size_t>(a);
          const double loss =
              std::sqrt(norm2[au]) - std::sqrt(std::max(0.0, norm2[au] - 2 * dots[au] + xx));
          int best = -1;
          double best_gain = kMinGain;
          for (int c = 0; c < k_; ++c) {
            if (c == a) continue;
            const auto cu = static_cast<std::size_t>(c);
            const double gain =
                std::sqrt(norm2[cu] + 2 * dots[cu] + xx) - std::sqrt(norm2[cu]) - loss;
            if (gain > best_gain) {
              best_gain = gain;
              best = c;
            }
          }
          if (best < 0) continue;
          const auto bu = static_cast<std::size_t>(best);
          for (SparseRows::InnerIterator it(x_, i); it; ++it) {
            sums[static_cast<std::size_t>(it.index() * k_ + a)] -= it.value();
            sums[static_cast<std::size_t>(it.index() * k_ + best)] += it.value();
          }
          norm2[au] = std::max(0.0, norm2[au] - 2 * dots[au] + xx);
          norm2[bu] = norm2[bu] + 2 * dots[bu] + xx;
          --r->sizes[au];
          ++r->sizes[bu];
          r->assignment[ii] = best;
          if (first_move == block_end) first_move = i;
          ++moves;
          pass_gain += best_gain;
        }
        block_rows = first_move < block_end
                         ? std::max<Eigen::Index>(64, 2 * (first_move - block_begin))
                         : std::min<Eigen::Index>(kRefineBlock, 2 * block_rows);
      }
      if (moves == 0) break;
      moved_any = true;
      // Like k-means' tolerance: stop once a whole pass gains almost nothing.
      if (pass_gain < kRefineTolerance * objective) break;
    }
    if (!moved_any) return;
    Update(r);
    Rescore(r);
  }

  // Similarities and objective against the current centroids, keeping the assignment.
  void Rescore(RunResult* r) {
    const CentroidsT& ct = r->centroids_t;
    r->objective = 0;
    for (Eigen::Index i = 0; i < n_; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      const int a = r->assignment[ii];
      float s = 0;
      for (SparseRows::InnerIterator it(x_, i); it; ++it) s += it.value() * ct(it.index(), a);
      r->similarity[ii] = s;
      r->objective += s;
    }
  }

  // Whether row i is held in its cluster (KMeansOptions::fixed_rows).
  bool Fixed(std::size_t i) const { return !fixed_.empty() && fixed_[i] >= 0; }

  static constexpr int kMaxRefinePasses = 50;
  static constexpr double kRefineTolerance = 1e-5;
  static constexpr Eigen::Index kRefineBlock = 4096;

  // A move must raise the objective by more than rounding noise, so passes cannot cycle.
  static constexpr double kMinGain = 1e-9;

  const SparseRows& x_;
  const int k_;
  const int max_iterations_;
  const bool refine_;
  const bool stop_when_stable_;
  const int threads_;
  const Eigen::MatrixXf& initial_;  // given centres, k x 0 when none
  const std::vector<int>& fixed_;   // per row, the cluster it is held in (-1: free); or empty
  const Eigen::Index n_;
  const std::size_t blocks_;
};

Status Validate(const SparseRows& rows, const KMeansOptions& options) {
  if (options.k < 1) return Status::InvalidArgument("k must be at least 1");
  if (options.k > rows.rows()) {
    return Status::InvalidArgument("k = " + std::to_string(options.k) + " is larger than the " +
                                   std::to_string(rows.rows()) + " rows to cluster");
  }
  if (options.restarts < 1) return Status::InvalidArgument("restarts must be at least 1");
  if (options.max_iterations < 1)
    return Status::InvalidArgument("max iterations must be at least 1");
  if (!options.fixed_rows.empty() &&
      (options.fixed_rows.size() != static_cast<std::size_t>(rows.rows()) ||
       *std::max_element(options.fixed_rows.begin(), options.fixed_rows.end()) >= options.k)) {
    return Status::InvalidArgument("fixed rows must give each row a cluster below k, or -1");
  }
  if (options.initial_centroids.rows() > options.k ||
      (options.initial_centroids.rows() > 0 && options.initial_centroids.cols() != rows.cols())) {
    return Status::InvalidArgument("initial centroids must be at most k rows of " +
                                   std::to_string(rows.cols()) + " columns");
  }
  return Status::Ok();
}

Clustering ToClustering(RunResult best, int best_restart) {
  Clustering out;
  out.assignment = std::move(best.assignment);
  out.similarity = std::move(best.similarity);
  out.centroids = best.centroids_t.transpose();
  out.sizes = std::move(best.sizes);
  out.objective = best.objective;
  out.iterations = best.iterations;
  out.refinement_passes = best.refinement_passes;
  out.best_restart = best_restart;
  return out;
}

// Flat spherical k-means, options already validated.
Clustering FlatKMeans(const SparseRows& rows, const KMeansOptions& options, int threads) {
  const Eigen::Index n = rows.rows();
  const bool sampled = options.restarts > 1 && options.sample_rows > 0 &&
                       n > 2 * static_cast<Eigen::Index>(options.sample_rows) &&
                       options.sample_rows >= 4 * options.k;
  if (!sampled) {
    Runner runner(rows, options, threads);
    RunResult best;
    int best_restart = -1;
    for (int r = 0; r < options.restarts; ++r) {
      RunResult run = runner.Run(internal::MixSeed(options.seed, static_cast<std::uint64_t>(r)));
      if (best_restart < 0 || run.objective > best.objective) {
        best = std::move(run);
        best_restart = r;
      }
    }
    return ToClustering(std::move(best), best_restart);
  }
  // Large inputs: each restart runs on the same seeded sample of rows (as scikit-learn's
  // MiniBatchKMeans does for its init), and only the winning centroids are refined on all rows.
  // Restarts then cost a fraction of a full run each, and the full data is iterated once.
  internal::Random rng(internal::MixSeed(options.seed, 0x5A4D));
  std::vector<Eigen::Index> all(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
  for (std::size_t i = 0; i < static_cast<std::size_t>(options.sample_rows); ++i) {
    const std::size_t j = i + rng.Below(all.size() - i);
    std::swap(all[i], all[j]);
  }
  all.resize(static_cast<std::size_t>(options.sample_rows));
  std::sort(all.begin(), all.end());
  const SparseRows sample = TakeRows(rows, all);
  // The sample runs only pick the best seeding; refinement is left to the full run.
  KMeansOptions on_sample = options;
  on_sample.refine = false;
  if (!options.fixed_rows.empty()) {
    on_sample.fixed_rows.clear();
    for (Eigen::Index i : all)
      on_sample.fixed_rows.push_back(options.fixed_rows[static_cast<std::size_t>(i)]);
  }
  Runner sample_runner(sample, on_sample, threads);
  RunResult best;
  int best_restart = -1;
  for (int r = 0; r < options.restarts; ++r) {
    RunResult run =
        sample_runner.Run(internal::MixSeed(options.seed, static_cast<std::uint64_t>(r)));
    if (best_restart < 0 || run.objective > best.objective) {
      best = std::move(run);
      best_restart = r;
    }
  }
  Runner full(rows, options, threads);
  return ToClustering(full.RunFrom(std::move(best.centroids_t)), best_restart);
}

// A node of the bisecting tree while it grows: its rows and, for a leaf, its best 2-way split,
// planned when the node is made so that choosing which leaf to split compares known gains.
struct BisectNode {
  ClusterTreeNode info;
  std::vector<Eigen::Index> members;  // row ids, ascending
  bool leaf = true;
  bool can_split = false;
  double split_gain = 0;
  std::vector<int> split;  // 0/1 per member
  int iterations = 0;
  int passes = 0;
};

// |s_c| for the listed rows: their cluster's share of the objective.
double NormOfSum(const SparseRows& rows, const std::vector<Eigen::Index>& members) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(rows.cols());
  for (Eigen::Index i : members) {
    for (SparseRows::InnerIterator it(rows, i); it; ++it) sum(it.index()) += it.value();
  }
  return sum.norm();
}

// Runs flat 2-means on the node's rows, seeded by the node id, and keeps the split and its gain.
void PlanSplit(const SparseRows& rows, const KMeansOptions& options, int threads, std::size_t id,
               BisectNode* node) {
  node->can_split = node->members.size() >= 2;
  if (!node->can_split) return;
  const SparseRows sub = TakeRows(rows, node->members);
  KMeansOptions two = options;
  two.k = 2;
  two.seed = internal::MixSeed(options.seed, 0xB15EC7 + id);
  two.initial_centroids.resize(0, 0);
  two.fixed_rows.clear();
  const Clustering c = FlatKMeans(sub, two, threads);
  node->split = c.assignment;
  node->split_gain = c.objective - NormOfSum(rows, node->members);
  node->iterations = c.iterations;
  node->passes = c.refinement_passes;
}

// The leaf whose planned split gains most (the first on ties), or -1 when no leaf can split.
int ChooseLeafToSplit(const std::vector<BisectNode>& nodes) {
  int pick = -1;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].leaf || !nodes[i].can_split) continue;
    if (pick < 0 || nodes[i].split_gain > nodes[static_cast<std::size_t>(pick)].split_gain) {
      pick = static_cast<int>(i);
    }
  }
  return pick;
}

// Applies the planned split of node `pick`: its two halves are appended as new leaves, and the
// tree records the split's gain and the parent-child links. Returns the first child's id.
std::size_t SplitNode(int pick, std::vector<BisectNode>* nodes) {
  std::array<BisectNode, 2> children;
  BisectNode& parent = (*nodes)[static_cast<std::size_t>(pick)];
  for (std::size_t m = 0; m < parent.members.size(); ++m) {
    children[static_cast<std::size_t>(parent.split[m])].members.push_back(parent.members[m]);
  }
  parent.leaf = false;
  parent.info.gain = parent.split_gain;
  const int first = static_cast<int>(nodes->size());
  parent.info.children = {first, first + 1};
  for (BisectNode& child : children) {
    child.info.parent = pick;
    child.info.size = static_cast<int>(child.members.size());
    nodes->push_back(std::move(child));  // `parent` may dangle from here on
  }
  return static_cast<std::size_t>(first);
}

// The leaves, in tree order, as clusters 0..leaves-1, each centroid the normalised sum of its
// rows; the leaves learn their cluster index and every node goes into Clustering::tree.
Clustering ClusteringFromLeaves(const SparseRows& rows, int leaves,
                                std::vector<BisectNode>* nodes) {
  Clustering out;
  out.assignment.assign(static_cast<std::size_t>(rows.rows()), 0);
  out.similarity.assign(static_cast<std::size_t>(rows.rows()), 0.0f);
  out.centroids = Eigen::MatrixXf::Zero(leaves, rows.cols());
  int cluster = 0;
  for (BisectNode& node : *nodes) {
    if (!node.leaf) continue;
    node.info.cluster = cluster;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(rows.cols());
    for (Eigen::Index i : node.members) {
      out.assignment[static_cast<std::size_t>(i)] = cluster;
      for (SparseRows::InnerIterator it(rows, i); it; ++it) sum(it.index()) += it.value();
    }
    const double norm = sum.norm();
    if (norm > 0) out.centroids.row(cluster) = (sum / norm).cast<float>().transpose();
    out.sizes.push_back(static_cast<int>(node.members.size()));
    for (Eigen::Index i : node.members) {
      float s = 0;
      for (SparseRows::InnerIterator it(rows, i); it; ++it) {
        s += it.value() * out.centroids(cluster, it.index());
      }
      out.similarity[static_cast<std::size_t>(i)] = s;
      out.objective += s;
    }
    ++cluster;
  }
  for (const BisectNode& node : *nodes) out.tree.push_back(node.info);
  return out;
}

// Bisecting spherical k-means (Steinbach, Karypis and Kumar 2000; CLUTO's "rb" method): start
// from one cluster, and repeatedly split in two the cluster whose best 2-way split raises the
// objective sum_c |s_c| the most. The splits form a binary tree of themes.
Clustering Bisecting(const SparseRows& rows, const KMeansOptions& options, int threads) {
  std::vector<BisectNode> nodes(1);
  nodes[0].info.size = static_cast<int>(rows.rows());
  for (Eigen::Index i = 0; i < rows.rows(); ++i) nodes[0].members.push_back(i);
  PlanSplit(rows, options, threads, 0, &nodes[0]);
  int leaves = 1;
  int iterations = 0;
  int passes = 0;
  while (leaves < options.k) {
    const int pick = ChooseLeafToSplit(nodes);
    if (pick < 0) break;  // cannot happen while k <= rows, kept as a guard
    iterations += nodes[static_cast<std::size_t>(pick)].iterations;
    passes += nodes[static_cast<std::size_t>(pick)].passes;
    const std::size_t first = SplitNode(pick, &nodes);
    PlanSplit(rows, options, threads, first, &nodes[first]);
    PlanSplit(rows, options, threads, first + 1, &nodes[first + 1]);
    ++leaves;
  }
  Clustering out = ClusteringFromLeaves(rows, leaves, &nodes);
  out.iterations = iterations;
  out.refinement_passes = passes;
  return out;
}

}  // namespace

Result<Clustering> SphericalKMeans(const SparseRows& rows, const KMeansOptions& options,
                                   int threads) {
  TRENDSCAN_RETURN_IF_ERROR(Validate(rows, options));
  return FlatKMeans(rows, options, internal::ResolveThreads(threads));
}

Result<Clustering> BisectingSphericalKMeans(const SparseRows& rows, const KMeansOptions& options,
                                            int threads) {
  TRENDSCAN_RETURN_IF_ERROR(Validate(rows, options));
  return Bisecting(rows, options, internal::ResolveThreads(threads));
}

Result<Clustering> Cluster(const SparseRows& rows, const KMeansOptions& options, int threads) {
  return options.algorithm == ClusterAlgorithm::kBisecting
             ? BisectingSphericalKMeans(rows, options, threads)
             : SphericalKMeans(rows, options, threads);
}

void ExpressInSpace(const SparseRows& rows, Clustering* clustering) {
  const auto k = static_cast<Eigen::Index>(clustering->sizes.size());
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, rows.cols());
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    const int a = clustering->assignment[static_cast<std::size_t>(i)];
    for (SparseRows::InnerIterator it(rows, i); it; ++it) sums(a, it.index()) += it.value();
  }
  clustering->centroids = Eigen::MatrixXf::Zero(k, rows.cols());
  for (Eigen::Index c = 0; c < k; ++c) {
    const double norm = sums.row(c).norm();
    if (norm > 0) clustering->centroids.row(c) = (sums.row(c) / norm).cast<float>();
  }
  clustering->objective = 0;
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    const int a = clustering->assignment[static_cast<std::size_t>(i)];
    float s = 0;
    for (SparseRows::InnerIterator it(rows, i); it; ++it)
      s += it.value() * clustering->centroids(a, it.index());
    clustering->similarity[static_cast<std::size_t>(i)] = s;
    clustering->objective += s;
  }
}

double CosineSilhouette(const SparseRows& rows, const std::vector<int>& assignment, int k,
                        int threads) {
  const Eigen::Index n = rows.rows();
  if (n == 0 || k < 2) return 0;
  const Eigen::Index d = rows.cols();
  std::vector<double> sums(static_cast<std::size_t>(d * k), 0.0);
  std::vector<double> sizes(static_cast<std::size_t>(k), 0.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int a = assignment[static_cast<std::size_t>(i)];
    sizes[static_cast<std::size_t>(a)] += 1;
    for (SparseRows::InnerIterator it(rows, i); it; ++it)
      sums[static_cast<std::size_t>(it.index() * k + a)] += it.value();
  }
  // With unit rows, the mean cosine distance from x to the rows of cluster c is
  // 1 - x . s_c / |c| (excluding x itself from its own cluster), so the exact silhouette costs
  // one pass over the nonzeros instead of all pairs.
  const std::size_t blocks = static_cast<std::size_t>((n + kRowsPerBlock - 1) / kRowsPerBlock);
  std::vector<double> block_sum(blocks, 0.0);
  internal::ParallelFor(blocks, internal::ResolveThreads(threads), [&](std::size_t b, int) {
    std::vector<double> dots(static_cast<std::size_t>(k));
    const Eigen::Index end = std::min(n, static_cast<Eigen::Index>(b + 1) * kRowsPerBlock);
    for (Eigen::Index i = static_cast<Eigen::Index>(b) * kRowsPerBlock; i < end; ++i) {
      std::fill(dots.begin(), dots.end(), 0.0);
      double xx = 0;
      for (SparseRows::InnerIterator it(rows, i); it; ++it) {
        xx += static_cast<double>(it.value()) * it.value();
        const double* row = sums.data() + it.index() * k;
        for (int c = 0; c < k; ++c) dots[static_cast<std::size_t>(c)] += it.value() * row[c];
      }
      const auto a = static_cast<std::size_t>(assignment[static_cast<std::size_t>(i)]);
      if (sizes[a] < 2) continue;  // a singleton's silhouette is 0 by convention
      const double own = 1.0 - (dots[a] - xx) / (sizes[a] - 1);
      double other = std::numeric_limits<double>::infinity();
      for (std::size_t c = 0; c < static_cast<std::size_t>(k); ++c) {
        if (c == a || sizes[c] == 0) continue;
        other = std::min(other, 1.0 - dots[c] / sizes[c]);
      }
      if (!std::isfinite(other)) continue;
      const double denom = std::max(own, other);
      if (denom > 0) block_sum[b] += (other - own) / denom;
    }
  });
  double total = 0;
  for (double v : block_sum) total += v;
  return total / static_cast<double>(n);
}

}  // namespace trendscan
