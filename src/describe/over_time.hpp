// The parts of Analyze that deal with dates and metadata (--since/--until, the timeline,
// --by), kept apart from the clustering pipeline. Internal to the library.
#ifndef TRENDSCAN_SRC_DESCRIBE_OVER_TIME_HPP_
#define TRENDSCAN_SRC_DESCRIBE_OVER_TIME_HPP_

#include <cstddef>

#include "trendscan/ingest/corpus.hpp"
#include "trendscan/pipeline.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/status.hpp"

namespace trendscan::internal {

// What --since/--until left out of the analysis.
struct RangeExclusions {
  std::size_t outside = 0;  // dated outside the range (or straddling one of its ends)
  std::size_t undated = 0;  // no usable date
};

// Applies options.timeline.since/until. Returns `corpus` itself when no range is given, else
// `*storage`, filled with the documents in range (warnings, counts and read_with carried over):
// moved out of `owned` (the same corpus, given away) when it is not null, else copied.
// Fails with kInvalidArgument for a bound that is not a date and kEmptyInput when no document
// is in range.
Result<const Corpus*> RestrictToDateRange(const Corpus& corpus, const AnalyzeOptions& options,
                                          Corpus* storage, RangeExclusions* excluded,
                                          Corpus* owned = nullptr);

// Fills report->timeline and report->crosstabs from the documents' dates, metadata and themes
// (report->documents and report->themes must be complete), and adds the warnings they call for.
void DescribeOverTime(const Corpus& corpus, const AnalyzeOptions& options,
                      const RangeExclusions& excluded, Report* report);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_DESCRIBE_OVER_TIME_HPP_
