// Cross-tabulation of the themes by a metadata variable (`--by author`): each theme's share of
// the units of each value, with the signed chi-squared of the 2x2 table theme/rest by
// value/other values, as IRaMuTeQ reports "specificities" by variable.
#ifndef TRENDSCAN_DESCRIBE_CROSSTAB_HPP_
#define TRENDSCAN_DESCRIBE_CROSSTAB_HPP_

#include <optional>
#include <string>
#include <vector>

#include "trendscan/describe/timeline.hpp"

namespace trendscan {

// One value of the variable.
struct CrosstabValue {
  std::string value;
  std::size_t units = 0;  // units whose document has this value
};

// One theme (or other series) against one value.
struct CrosstabCell {
  std::size_t count = 0;  // units of the theme with this value
  double share = 0;       // count / units with this value
  double chi2 = 0;        // signed: + when the theme is over-represented among the value's units
  double p = 1;           // P(chi-squared with 1 df > |chi2|)
};

struct CrosstabRow {
  std::string kind = "theme";  // or "known-theme"
  int theme = 0;
  std::string known_theme;  // its id, for kind "known-theme"
  std::string label;
  std::size_t units = 0;            // units of the theme that have a value
  std::vector<CrosstabCell> cells;  // aligned with Crosstab::values
};

struct Crosstab {
  std::string variable;
  std::size_t units = 0;              // units with a value: the table's total
  std::size_t missing = 0;            // units whose document has no (or an empty) value; left out
  std::vector<CrosstabValue> values;  // byte-wise sorted
  std::vector<CrosstabRow> rows;      // one per series, in their order
};

// Tabulates `series` (memberships over `items`, as for BuildTimeline) against the value of each
// item's document (`document_values`, nullopt or "" when the document lacks the variable).
// Deterministic; the statistic is 0 when a row or column of the 2x2 table is empty.
Crosstab CrossTabulate(const std::string& variable,
                       const std::vector<std::optional<std::string>>& document_values,
                       const std::vector<TimelineItem>& items,
                       const std::vector<TimelineSeriesSpec>& series);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_CROSSTAB_HPP_
