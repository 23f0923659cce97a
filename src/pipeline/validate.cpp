// The checks that need no corpus, run before any file is read (ValidateOptions, pipeline.hpp).
#include <fmt/format.h>

#include "trendscan/pipeline.hpp"

namespace trendscan {

Status ValidateOptions(const AnalyzeOptions& options) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateClusterOptions(options.cluster));
  if (options.units.segment_words < 1) {
    return Status::InvalidArgument("--segment-words must be at least 1");
  }
  const TfidfOptions& tfidf = options.tfidf;
  if (!(tfidf.min_df >= 0) || !(tfidf.max_df > 0)) {
    return Status::InvalidArgument("--min-df must be >= 0 and --max-df > 0");
  }
  // Two counts (or two proportions) can be compared without the corpus; a count against a
  // proportion only once the number of documents is known (BuildTfidf).
  const bool min_is_count = tfidf.min_df >= 1;
  const bool max_is_count = tfidf.max_df > 1;
  if (min_is_count == max_is_count && tfidf.min_df > tfidf.max_df) {
    return Status::InvalidArgument(fmt::format(
        "--min-df {} is above --max-df {}: no term could be kept", tfidf.min_df, tfidf.max_df));
  }
  TRENDSCAN_RETURN_IF_ERROR(ValidateThemeReportOptions(options.themes));
  TRENDSCAN_RETURN_IF_ERROR(ValidateOverTimeOptions(options.over_time));
  if (options.threads < 0) return Status::InvalidArgument("--threads must not be negative");
  return Status::Ok();
}

}  // namespace trendscan
