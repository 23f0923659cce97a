// Small string helpers shared by the library's .cpp files (not part of the public API).
#ifndef TRENDSCAN_SRC_UTIL_TEXT_UTIL_HPP_
#define TRENDSCAN_SRC_UTIL_TEXT_UTIL_HPP_

#include <string>
#include <string_view>
#include <vector>

namespace trendscan::internal {

// The line of `text` that starts at *pos, without its terminator (\n, \r\n); *pos moves past
// it (to text.size() + 1 after the last line). Call while *pos < text.size().
std::string_view NextLine(std::string_view text, std::size_t* pos);

// Lines of `text` without their terminators (\n, \r\n); a final empty line is not returned.
std::vector<std::string_view> SplitLines(std::string_view text);

// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

// At most `max_chars` code points of `text`, cut at a code-point boundary (Utf8Prefix), with
// "…" appended when something was cut.
std::string Truncate(std::string_view text, std::size_t max_chars);

// `text` made safe to print for people (a terminal, a text report): C0 control characters
// (all of them when `one_line`, else all but the newline and the tab), DEL, C1 control
// characters (U+0080..U+009F) and bytes that are not UTF-8 are written as \xNN, one per byte,
// so an escape sequence in a title or a file name does nothing and the bytes can be read back
// (a backslash itself is left as it is). Text without them comes back unchanged.
std::string ForTerminal(std::string_view text, bool one_line);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_TEXT_UTIL_HPP_
