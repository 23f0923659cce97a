// Pipeline, first phase: --since/--until keep only the documents dated in range.
#ifndef TRENDSCAN_SRC_PIPELINE_DATE_RANGE_HPP_
#define TRENDSCAN_SRC_PIPELINE_DATE_RANGE_HPP_

#include "trendscan/describe/over_time.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/status.hpp"

namespace trendscan::internal {

// Applies options.since/until. Returns `corpus` itself when no range is given, else `*storage`,
// filled with the documents in range (warnings, counts and read_with carried over): moved out of
// `owned` (the same corpus, given away) when it is not null, else copied. Fails with
// kInvalidArgument for a bound that is not a date and kEmptyInput when no document is in range
// (unless `allow_empty`: a share of a corpus counted apart may hold none).
Result<const Corpus*> RestrictToDateRange(const Corpus& corpus, const TimelineOptions& options,
                                          Corpus* storage, DateRangeExclusions* excluded,
                                          Corpus* owned = nullptr, bool allow_empty = false);

// The error for a range that holds no document: kEmptyInput, with the bounds and the counts.
Status NoDocumentInRange(const TimelineOptions& options, const DateRangeExclusions& excluded);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_PIPELINE_DATE_RANGE_HPP_
