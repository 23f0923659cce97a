// Pipeline: every option of a run, as the report lists it ("parameters").
#ifndef TRENDSCAN_SRC_PIPELINE_PARAMETERS_HPP_
#define TRENDSCAN_SRC_PIPELINE_PARAMETERS_HPP_

#include <vector>

#include "trendscan/describe/report.hpp"
#include "trendscan/pipeline.hpp"

namespace trendscan::internal {

// The options, named as on the command line (without dashes), in a fixed order.
std::vector<ReportParameter> DescribeParameters(const AnalyzeOptions& options);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_PIPELINE_PARAMETERS_HPP_
