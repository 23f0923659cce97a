// Describe, over time: the themes against the documents' dates (the timeline) and metadata
// (the --by cross-tabulations), once the themes are known.
#ifndef TRENDSCAN_DESCRIBE_OVER_TIME_HPP_
#define TRENDSCAN_DESCRIBE_OVER_TIME_HPP_

#include <cstddef>
#include <string>
#include <vector>

#include "trendscan/describe/report.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

struct OverTimeOptions {
  // The period, thresholds and the --since/--until range (see timeline.hpp).
  TimelineOptions timeline;
  // Metadata variables (front-matter keys) to cross-tabulate the themes by, in order.
  std::vector<std::string> by;
};

// Fails (kInvalidArgument) on a timeline option no corpus can make right: min_period_documents
// < 1, a significance outside (0, 1), a --since/--until that is not a date or an empty range.
Status ValidateOverTimeOptions(const OverTimeOptions& options);

// What --since/--until left out of the analysis, before any theme was found.
struct DateRangeExclusions {
  std::size_t outside = 0;  // dated outside the range (or straddling one of its ends)
  std::size_t undated = 0;  // no usable date
};

// Fills report->timeline and report->crosstabs from the documents' dates, metadata and themes
// (report->documents and report->themes must be complete), and adds the warnings they call for.
void DescribeOverTime(const OverTimeOptions& options, const DateRangeExclusions& excluded,
                      Report* report);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_OVER_TIME_HPP_
