// The report stage: a Report (describe/report.hpp) rendered for people (text) or programs (JSON).
// The writers compute nothing; they only lay out what the report holds.
#ifndef TRENDSCAN_REPORT_RENDER_HPP_
#define TRENDSCAN_REPORT_RENDER_HPP_

#include <functional>
#include <string>
#include <string_view>

#include "trendscan/describe/report.hpp"

namespace trendscan {

enum class ReportFormat { kText, kJson };

// Renders the report for people: summary, themes with their characteristic terms, passages and
// central documents, known themes, and each document's theme mix.
std::string RenderText(const Report& report);

// Renders the report as JSON (schema_version 2, see docs/report.schema.json), two-space
// indented, keys in a fixed order, ending with a newline. With include_timings = false the
// "timings" member is left out, which makes two runs byte-comparable. The per-document and
// per-unit arrays are written on `threads` threads (0 = all cores); the text does not depend
// on it.
std::string RenderJson(const Report& report, bool include_timings = true, int threads = 0);

// The text of RenderJson handed to `sink` in consecutive pieces of about 1 MiB as it is written,
// so that the whole text is never held in memory (a report on millions of documents is
// gigabytes). `sink` returns false when it cannot take a piece (a write failed); no piece is
// handed after that. Returns false when the sink did.
bool WriteJson(const Report& report, const std::function<bool(std::string_view piece)>& sink,
               bool include_timings = true, int threads = 0);

}  // namespace trendscan

#endif  // TRENDSCAN_REPORT_RENDER_HPP_
