// The report stage: a Report (describe/report.hpp) rendered for people (text) or programs (JSON).
// The writers compute nothing; they only lay out what the report holds.
#ifndef TRENDSCAN_REPORT_RENDER_HPP_
#define TRENDSCAN_REPORT_RENDER_HPP_

#include <string>

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

}  // namespace trendscan

#endif  // TRENDSCAN_REPORT_RENDER_HPP_
