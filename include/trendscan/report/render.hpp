// The report stage: a Report (describe/report.hpp) rendered for people (text) or programs (JSON).
// The writers compute nothing; they only lay out what the report holds.
#ifndef TRENDSCAN_REPORT_RENDER_HPP_
#define TRENDSCAN_REPORT_RENDER_HPP_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/describe/report.hpp"

namespace trendscan {

enum class ReportFormat { kText, kJson };

// How the text report is laid out.
struct TextOptions {
  // Lines are wrapped to this many columns (code points), passages and lists hanging under
  // their start; 0 leaves them whole. Default 80; the CLI gives the terminal's width when
  // standard output is one.
  std::size_t width = 80;
  // Headings in bold (ANSI escapes). Default off; the CLI turns it on only when standard output
  // is a terminal and NO_COLOR is unset.
  bool color = false;
  // List every document with its theme (mix) and best known theme. Default off: with more than
  // kListedDocuments documents the section is a summary by theme (each theme lists its most
  // central documents; the HTML report and the tables have every document).
  bool all_documents = false;
};

// Documents listed one by one in the text report even without TextOptions::all_documents.
constexpr std::size_t kListedDocuments = 20;

// Renders the report for people: summary, themes with their characteristic terms, passages and
// central documents, known themes, the documents, timeline and cross-tabulations, laid out as
// `options` says.
std::string RenderText(const Report& report, const TextOptions& options = {});

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

// Renders the report as one self-contained HTML page (docs/html.md): inline CSS, SVG drawings
// and a small script, nothing fetched, readable in any browser and printable on A4. It shows
// the overview of the themes, the tree (bisecting), the map of themes and words, each theme
// (characteristic terms and anti-profile as bars, passages, central documents), the
// concordance, the timeline, the --by heat maps, the known themes and a table of the documents
// that finds, sorts and pages them. Every drawing has a caption and a table of its figures. No
// timestamp: the same report gives the same bytes.
std::string RenderHtml(const Report& report);

// One table of the report as a CSV file.
struct ReportTable {
  std::string name;  // the file name ("themes.csv")
  std::string csv;   // its content
};

// The report as CSV tables for R and spreadsheets (docs/tables.md): themes, terms (the
// characteristic terms and anti-profiles), documents, units, passages, concordance, the
// timeline and its trends, the --by cross-tabulations, the known themes, the theme map and the
// parameters. UTF-8 without a byte-order mark, RFC 4180 (fields quoted when they must be, lines
// ended by CR LF), a header row, one row per item in long form; an empty field for a missing
// value, TRUE/FALSE for booleans, numbers with a point and as many digits as read back
// exactly. The units' texts are in units.csv only when the report holds them (unit_texts).
// The same report gives the same bytes.
std::vector<ReportTable> RenderTables(const Report& report);

}  // namespace trendscan

#endif  // TRENDSCAN_REPORT_RENDER_HPP_
