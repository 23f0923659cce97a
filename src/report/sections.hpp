// Rendering of the report's time and metadata sections (timeline, --by cross-tabulations),
// apart from the core writers so each section stays in one place, and the line helper both text
// files build on. Internal to the library.
#ifndef TRENDSCAN_SRC_REPORT_SECTIONS_HPP_
#define TRENDSCAN_SRC_REPORT_SECTIONS_HPP_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/describe/report.hpp"

namespace trendscan::internal {

// The "timeline" member of the JSON report.
nlohmann::ordered_json TimelineToJson(const Timeline& timeline);

// The "crosstabs" member of the JSON report.
nlohmann::ordered_json CrosstabsToJson(const std::vector<Crosstab>& crosstabs);

// Appends `line` and a newline: the text report is built a line at a time.
// 12345 -> "12,345": thousands are easier to read in a summary (text and HTML reports).
inline std::string Grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

inline void AppendLine(std::string* out, std::string_view line) {
  out->append(line);
  out->push_back('\n');
}

// The text report's timeline section (a leading blank line included), its tables cut to fit
// `width` columns (0: not cut).
std::string RenderTimelineText(const Timeline& timeline, std::size_t width);

// The text report's --by sections (each with a leading blank line); empty without --by.
std::string RenderCrosstabsText(const std::vector<Crosstab>& crosstabs);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_SECTIONS_HPP_
