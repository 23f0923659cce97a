// The text report's last pass (internal to the library): every line wrapped to the width, and
// the lines marked for emphasis made bold with ANSI escapes or left plain. The sections are
// written a line at a time (AppendLine) without knowing the width; only the tables that must
// not be wrapped (the timeline's) ask for it.
#ifndef TRENDSCAN_SRC_REPORT_TEXT_LAYOUT_HPP_
#define TRENDSCAN_SRC_REPORT_TEXT_LAYOUT_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trendscan::internal {

// A line that starts with this is a heading: bold in colour, plain otherwise. Only the
// renderers put it there, at the start of a line they write.
constexpr char kEmphasis = '\x01';

// `line` marked as a heading.
inline std::string Emphasis(std::string_view line) { return kEmphasis + std::string(line); }

// `line` cut into lines of at most `width` code points, at spaces where it can be (runs of
// spaces at a cut are dropped), else inside a word. The lines after the first are indented two
// more than the first's leading spaces (at most half the width), so a wrapped passage or list
// hangs under its start. A line that fits, or width 0, comes back whole.
std::vector<std::string> WrapLine(std::string_view line, std::size_t width);

// The report's text with every line wrapped (WrapLine) and the emphasis marks turned into ANSI
// bold (`color`) or dropped.
std::string LayOutText(std::string_view text, std::size_t width, bool color);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_TEXT_LAYOUT_HPP_
