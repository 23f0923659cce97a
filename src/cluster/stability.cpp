#include "trendscan/cluster/stability.hpp"

#include <algorithm>
#include <numeric>

#include "util/random.hpp"

namespace trendscan {
namespace {

// The rows of resample `r`: a seeded draw of round(fraction * n) rows, in row order.
std::vector<Eigen::Index> DrawResample(Eigen::Index n, double fraction, std::uint64_t seed, int r) {
  internal::Random rng(internal::MixSeed(seed, 0x57AB + static_cast<std::uint64_t>(r)));
  std::vector<Eigen::Index> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  const auto m = static_cast<std::size_t>(
      std::max<double>(1.0, std::min<double>(static_cast<double>(n), fraction * n + 0.5)));
  for (std::size_t i = 0; i < m; ++i) {
    std::swap(all[i], all[i + rng.Below(all.size() - i)]);
  }
  all.resize(m);
  std::sort(all.begin(), all.end());
  return all;
}

// The options for a resample: the same k and seeding, the held rows restricted to it.
KMeansOptions ForResample(const KMeansOptions& kmeans, const std::vector<Eigen::Index>& rows,
                          int r) {
  KMeansOptions out = kmeans;
  out.seed = internal::MixSeed(kmeans.seed, 0xA11 + static_cast<std::uint64_t>(r));
  // One seeding per resample: what a theme must survive is a new sample and a new start, as a
  // new run would give it; and it keeps the cost near one clustering per resample.
  out.restarts = 1;
  if (!kmeans.fixed_rows.empty()) {
    out.fixed_rows.clear();
    for (Eigen::Index i : rows)
      out.fixed_rows.push_back(kmeans.fixed_rows[static_cast<std::size_t>(i)]);
  }
  return out;
}

}  // namespace

std::vector<double> BestJaccard(const std::vector<int>& a, int ka, const std::vector<int>& b,
                                int kb) {
  const auto na = static_cast<std::size_t>(ka);
  const auto nb = static_cast<std::size_t>(kb);
  std::vector<std::size_t> both(na * nb, 0), size_a(na, 0), size_b(nb, 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] < 0 || b[i] < 0) continue;
    const auto x = static_cast<std::size_t>(a[i]);
    const auto y = static_cast<std::size_t>(b[i]);
    ++both[x * nb + y];
    ++size_a[x];
    ++size_b[y];
  }
  std::vector<double> best(na, 0.0);
  for (std::size_t x = 0; x < na; ++x) {
    for (std::size_t y = 0; y < nb; ++y) {
      const std::size_t inter = both[x * nb + y];
      const std::size_t uni = size_a[x] + size_b[y] - inter;
      if (uni > 0) best[x] = std::max(best[x], static_cast<double>(inter) / uni);
    }
  }
  return best;
}

Result<StabilityResult> MeasureStability(const SparseRows& rows, const Clustering& reference,
                                         const KMeansOptions& kmeans,
                                         const StabilityOptions& options, int threads) {
  StabilityResult out;
  const int k = static_cast<int>(reference.sizes.size());
  out.cluster.assign(static_cast<std::size_t>(k), 0.0);
  if (options.resamples <= 0 || k == 0) return out;
  std::vector<double> chance(static_cast<std::size_t>(k), 0.0);
  for (int r = 0; r < options.resamples; ++r) {
    const std::vector<Eigen::Index> sample =
        DrawResample(rows.rows(), options.fraction, kmeans.seed, r);
    if (static_cast<int>(sample.size()) < k) continue;
    const SparseRows sub = TakeRows(rows, sample);
    TRENDSCAN_ASSIGN_OR_RETURN(Clustering c, Cluster(sub, ForResample(kmeans, sample, r), threads));
    // The resample's labels spread back over all rows (-1 for rows it does not hold).
    std::vector<int> labels(static_cast<std::size_t>(rows.rows()), -1);
    for (std::size_t i = 0; i < sample.size(); ++i) {
      labels[static_cast<std::size_t>(sample[i])] = c.assignment[i];
    }
    const std::vector<double> best =
        BestJaccard(reference.assignment, k, labels, static_cast<int>(c.sizes.size()));
    for (int t = 0; t < k; ++t)
      out.cluster[static_cast<std::size_t>(t)] += best[static_cast<std::size_t>(t)];
    // Chance: the same labels shuffled over the resample's rows.
    internal::Random rng(internal::MixSeed(kmeans.seed, 0xC4A + static_cast<std::uint64_t>(r)));
    std::vector<int> shuffled = c.assignment;
    for (std::size_t i = shuffled.size(); i > 1; --i)
      std::swap(shuffled[i - 1], shuffled[rng.Below(i)]);
    std::vector<int> chance_labels(static_cast<std::size_t>(rows.rows()), -1);
    for (std::size_t i = 0; i < sample.size(); ++i) {
      chance_labels[static_cast<std::size_t>(sample[i])] = shuffled[i];
    }
    const std::vector<double> by_chance =
        BestJaccard(reference.assignment, k, chance_labels, static_cast<int>(c.sizes.size()));
    for (int t = 0; t < k; ++t)
      chance[static_cast<std::size_t>(t)] += by_chance[static_cast<std::size_t>(t)];
    ++out.resamples;
  }
  if (out.resamples == 0) return out;
  double weighted = 0, chance_weighted = 0, total = 0;
  out.min = 1.0;
  out.chance_min = 1.0;
  for (int t = 0; t < k; ++t) {
    double& s = out.cluster[static_cast<std::size_t>(t)];
    s /= out.resamples;
    const double c = chance[static_cast<std::size_t>(t)] / out.resamples;
    const auto size = static_cast<double>(reference.sizes[static_cast<std::size_t>(t)]);
    weighted += s * size;
    chance_weighted += c * size;
    total += size;
    out.min = std::min(out.min, s);
    out.chance_min = std::min(out.chance_min, c);
  }
  out.mean = total > 0 ? weighted / total : 0.0;
  out.chance_mean = total > 0 ? chance_weighted / total : 0.0;
  return out;
}

}  // namespace trendscan
