// What the writers read from a Theme beyond its plain fields (internal to the library).
#ifndef TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_
#define TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_

#include <cmath>
#include <optional>

#include "trendscan/describe/report.hpp"

namespace trendscan::internal {

// A theme's stability in [0, 1] (how often it comes back when the clustering is run on
// resamples), or nullopt when it was not measured (Theme::stability is -1 then).
inline std::optional<double> StabilityOf(const Theme& theme) {
  const double v = theme.stability;
  if (!std::isfinite(v) || v < 0 || v > 1) return std::nullopt;
  return v;
}

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_
