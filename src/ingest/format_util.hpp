// Helpers the format parsers share (not part of the public API).
#ifndef TRENDSCAN_SRC_INGEST_FORMAT_UTIL_HPP_
#define TRENDSCAN_SRC_INGEST_FORMAT_UTIL_HPP_

#include <string>
#include <string_view>

#include "trendscan/ingest/corpus.hpp"

namespace trendscan::internal {

// ASCII lower case (UTF-8 bytes above 0x7F are left alone).
std::string AsciiLower(std::string_view s);

// The file name of `path` without its extension ("(standard input)" for "-").
std::string FileStem(const std::string& path);

// Sets doc->title, when empty, to the first non-empty line of the text (Markdown '#' removed)
// if it is short enough to be a title, else to `fallback`.
void SetDefaultTitle(Document* doc, const std::string& fallback);

// "'<source>' line <n>: " or "'<source>': " (line 0): the start of a warning.
std::string Where(const std::string& source, std::size_t line);

// What a warning about a date not understood says is read (ParseDate), years included.
inline constexpr std::string_view kDatesRead =
    "dates are read as YYYY-MM-DD, YYYY-MM or YYYY, years 1000 to 2999, or as the README lists";

// Stores `value` as the document's date when ParseDate reads it; otherwise keeps it in the
// metadata under `key` and returns a warning message, "" when nothing is wrong.
std::string TakeDate(Document* doc, const std::string& key, const std::string& value,
                     const std::string& where);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_INGEST_FORMAT_UTIL_HPP_
