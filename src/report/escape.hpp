// Text made safe for the file formats the report writers produce (internal to the library):
// valid UTF-8 without control characters, then escaped for HTML, a CSV field or a JavaScript
// string.
#ifndef TRENDSCAN_SRC_REPORT_ESCAPE_HPP_
#define TRENDSCAN_SRC_REPORT_ESCAPE_HPP_

#include <string>
#include <string_view>

namespace trendscan::internal {

// `text` with each byte that is not part of well-formed UTF-8, and each control character
// other than tab, line feed and carriage return (C0, DEL), replaced by U+FFFD.
std::string ValidText(std::string_view text);

// ValidText, with & < > " ' as character references: safe in element content and in quoted
// attribute values.
std::string HtmlEscape(std::string_view text);

// ValidText as one RFC 4180 field: in double quotes (each inner quote doubled) when it holds a
// comma, a quote, a carriage return or a line feed, else as it is.
std::string CsvField(std::string_view text);

// ValidText as a JavaScript (and JSON) string literal, quotes included, that is also safe
// inside an HTML <script> element: < > & and the line and paragraph separators are \u escapes.
std::string ScriptString(std::string_view text);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_ESCAPE_HPP_
