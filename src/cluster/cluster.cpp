#include "trendscan/cluster/cluster.hpp"

#include <algorithm>
#include <string>

#include "trendscan/cluster/lsa.hpp"

namespace trendscan {
namespace {

// The given centres for a run of k clusters: the first k of them (they come in priority order),
// and rows held only in those.
KMeansOptions WithK(const KMeansOptions& options, int k) {
  KMeansOptions out = options;
  out.k = k;
  if (out.initial_centroids.rows() > k) {
    out.initial_centroids.conservativeResize(k, out.initial_centroids.cols());
  }
  for (int& c : out.fixed_rows) {
    if (c >= k) c = -1;
  }
  return out;
}

constexpr int kKResamples = 10;

// The chosen candidate by the criterion (see KSelectionOptions).
std::size_t PickK(const std::vector<KCandidate>& candidates, const ClusterOptions& options) {
  std::size_t best = 0;
  if (options.k_selection.criterion == KCriterion::kSilhouette) {
    for (std::size_t i = 1; i < candidates.size(); ++i) {
      if (candidates[i].silhouette > candidates[best].silhouette) best = i;
    }
    return best;
  }
  auto excess = [](const KCandidate& c) { return c.stability - c.chance_stability; };
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (excess(candidates[i]) > excess(candidates[best])) best = i;
  }
  return best;
}

// --k auto: every k in range is clustered and scored; every candidate's figures are returned so
// a researcher can see the curve and judge.
Result<ClusterResult> ChooseK(const SparseRows& space, const ClusterOptions& options, int threads,
                              const std::function<void(std::string_view)>& progress) {
  const KSelectionOptions& range = options.k_selection;
  const int k_max = std::min(range.k_max, static_cast<int>(space.rows()) - 1);
  const bool by_stability = range.criterion == KCriterion::kStability;
  // Each candidate is resampled kKResamples times (fewer than for a theme's own figure: the
  // curve over k needs less precision, and k auto must stay within about 10 runs' time).
  StabilityOptions stability = options.stability;
  stability.resamples = by_stability || stability.resamples > 0 ? kKResamples : 0;
  std::vector<ClusterResult> runs;
  ClusterResult result;
  for (int k = std::min(range.k_min, k_max); k <= k_max; ++k) {
    if (progress) progress("cluster k=" + std::to_string(k));
    const KMeansOptions kmeans = WithK(options.kmeans, k);
    ClusterResult run;
    TRENDSCAN_ASSIGN_OR_RETURN(run.clustering, Cluster(space, kmeans, threads));
    TRENDSCAN_ASSIGN_OR_RETURN(run.stability,
                               MeasureStability(space, run.clustering, kmeans, stability, threads));
    KCandidate c;
    c.k = k;
    c.silhouette = CosineSilhouette(space, run.clustering.assignment, k, threads);
    c.objective = run.clustering.objective;
    c.stability = run.stability.mean;
    c.min_stability = run.stability.min;
    c.chance_stability = run.stability.chance_mean;
    result.candidates.push_back(c);
    runs.push_back(std::move(run));
  }
  const std::size_t best = PickK(result.candidates, options);
  result.clustering = std::move(runs[best].clustering);
  result.stability = std::move(runs[best].stability);
  return result;
}

}  // namespace

Status ValidateClusterOptions(const ClusterOptions& options) {
  const KMeansOptions& kmeans = options.kmeans;
  if (options.k_selection.automatic) {
    if (options.k_selection.k_min < 2 || options.k_selection.k_max < options.k_selection.k_min) {
      return Status::InvalidArgument("--k auto needs 2 <= --k-min <= --k-max");
    }
  } else if (kmeans.k < 1) {
    return Status::InvalidArgument("--k must be at least 1");
  }
  if (kmeans.restarts < 1) return Status::InvalidArgument("--restarts must be at least 1");
  if (kmeans.max_iterations < 1) {
    return Status::InvalidArgument("--max-iterations must be at least 1");
  }
  if (options.lsa_components < 0) return Status::InvalidArgument("--lsa must not be negative");
  if (options.stability.resamples < 0) {
    return Status::InvalidArgument("--stability must not be negative");
  }
  if (!(options.stability.fraction > 0 && options.stability.fraction < 1)) {
    return Status::InvalidArgument("the stability resamples' fraction must lie in (0, 1)");
  }
  return Status::Ok();
}

Result<ClusterResult> ClusterRows(const SparseRows& rows, const ClusterOptions& options,
                                  int threads,
                                  const std::function<void(std::string_view)>& progress) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateClusterOptions(options));
  if (options.k_selection.automatic && rows.rows() < 3) {
    return Status::InvalidArgument("--k auto needs at least 3 rows (found " +
                                   std::to_string(rows.rows()) + ")");
  }
  SparseRows projected;
  const SparseRows* space = &rows;
  if (options.lsa_components > 0) {
    if (progress) progress("lsa");
    LsaOptions lsa;
    lsa.components = options.lsa_components;
    lsa.seed = options.kmeans.seed;
    TRENDSCAN_ASSIGN_OR_RETURN(projected, LsaProject(rows, lsa, threads));
    space = &projected;
  }
  ClusterOptions in_space = options;
  // Given centres are in the rows' space, not the projection's: LSA runs unguided.
  if (space != &rows) in_space.kmeans.initial_centroids.resize(0, 0);
  ClusterResult result;
  if (options.k_selection.automatic) {
    TRENDSCAN_ASSIGN_OR_RETURN(result, ChooseK(*space, in_space, threads, progress));
  } else {
    const KMeansOptions kmeans = WithK(in_space.kmeans, options.kmeans.k);
    TRENDSCAN_ASSIGN_OR_RETURN(result.clustering, Cluster(*space, kmeans, threads));
    if (options.stability.resamples > 0 &&
        (options.stability.only_up_to == 0 ||
         static_cast<std::size_t>(space->rows()) <= options.stability.only_up_to)) {
      if (progress) progress("stability");
      TRENDSCAN_ASSIGN_OR_RETURN(
          result.stability,
          MeasureStability(*space, result.clustering, kmeans, options.stability, threads));
    }
  }
  // Themes are described by terms: with LSA, centroids and similarities go back to row space.
  if (space != &rows) ExpressInSpace(rows, &result.clustering);
  return result;
}

}  // namespace trendscan
