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

// --k auto: every k in range is clustered and the best mean cosine silhouette kept (ties go to
// the smaller k). Every candidate's figure is returned so a researcher can judge.
Result<ClusterResult> ChooseK(const SparseRows& space, const ClusterOptions& options, int threads,
                              const std::function<void(std::string_view)>& progress) {
  const KSelectionOptions& range = options.k_selection;
  const int k_max = std::min(range.k_max, static_cast<int>(space.rows()) - 1);
  ClusterResult result;
  double best = -2;
  for (int k = std::min(range.k_min, k_max); k <= k_max; ++k) {
    if (progress) progress("cluster k=" + std::to_string(k));
    const KMeansOptions kmeans = WithK(options.kmeans, k);
    TRENDSCAN_ASSIGN_OR_RETURN(Clustering candidate, Cluster(space, kmeans, threads));
    const double silhouette = CosineSilhouette(space, candidate.assignment, k, threads);
    result.candidates.push_back({k, silhouette, candidate.objective});
    if (silhouette > best) {
      best = silhouette;
      result.clustering = std::move(candidate);
    }
  }
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
    TRENDSCAN_ASSIGN_OR_RETURN(result.clustering,
                               Cluster(*space, WithK(in_space.kmeans, options.kmeans.k), threads));
  }
  // Themes are described by terms: with LSA, centroids and similarities go back to row space.
  if (space != &rows) ExpressInSpace(rows, &result.clustering);
  return result;
}

}  // namespace trendscan
