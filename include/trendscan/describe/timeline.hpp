// The timeline: how each theme's share moves across calendar periods, and which themes rise or
// fade. The periods are built here on the calendar of trendscan/ingest/dates.hpp (ISO dates,
// days), which also holds the --since/--until range.
//
// The timeline counts *items with a document index*: today each clustered document, with its
// dominant theme; a list of paragraphs or segments could be counted the same way, each taking
// its document's date. ("Unit" is kept for what is clustered; the report's per-period `units`
// fields count these items.) What is counted per period is given as *series* (one per
// discovered theme; known trend themes can be added as series of kind "known-theme").
#ifndef TRENDSCAN_DESCRIBE_TIMELINE_HPP_
#define TRENDSCAN_DESCRIBE_TIMELINE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trendscan/ingest/dates.hpp"
#include "trendscan/ingest/iso_date.hpp"

namespace trendscan {

// How dates are grouped. kAuto picks one of the others (see BuildTimeline).
enum class PeriodKind { kAuto, kYear, kQuarter, kMonth, kWeek };

// "auto", "year", "quarter", "month", "week".
std::string_view PeriodName(PeriodKind kind);
// The inverse of PeriodName; nullopt for any other text.
std::optional<PeriodKind> ParsePeriodKind(std::string_view name);

// Periods are numbered so that consecutive periods have consecutive indices (a year's index is
// the year; a week's counts ISO weeks, Monday to Sunday). nullopt when the date is not precise
// enough for the period: a year-only date has no month, quarter or week; a year-month no week.
// `kind` must not be kAuto.
std::optional<std::int64_t> PeriodIndex(const CalendarDate& date, PeriodKind kind);

// The period's name: "2009", "2009-Q2", "2009-03", or the ISO week "2009-W07" (whose year is
// the year of the week's Thursday, so 2010-01-03 is in 2009-W53).
std::string PeriodLabel(std::int64_t index, PeriodKind kind);

// The first and last day of the period, as "YYYY-MM-DD".
std::pair<std::string, std::string> PeriodBounds(std::int64_t index, PeriodKind kind);

struct TimelineOptions {
  // The period; kAuto picks the finest period that still gives enough documents per period.
  PeriodKind period = PeriodKind::kAuto;
  // A period with fewer documents than this is marked sparse and left out of the trend figures;
  // kAuto also wants the median period to reach it. Default 5.
  std::size_t min_period_documents = 5;
  // Fewer non-sparse periods than this and no theme is flagged ("insufficient"). Default 5:
  // below 5 values Mann-Kendall cannot reach p < 0.05.
  std::size_t min_trend_periods = 5;
  // A theme is flagged only when the fitted change of its share over the span (slope x number
  // of periods between the first and last non-sparse period) is at least this. Default 0.05
  // (5 percentage points), so a tiny but regular drift in a huge corpus stays "stable".
  double min_change = 0.05;
  // The level of both tests behind a flag; the slope's interval has coverage 1 - significance.
  // Default 0.05.
  double significance = 0.05;
  // Restrict the analysis to documents dated in this range (ISO, empty = open). Applied by
  // Analyze before clustering: undated documents are then excluded too, and both are counted.
  std::string since;
  std::string until;
};

// ---- The timeline section of the report (plain data, rendered by the report writers). ----

struct TimelinePeriod {
  std::string label;          // PeriodLabel
  std::string start;          // first day, YYYY-MM-DD
  std::string end;            // last day, YYYY-MM-DD
  std::size_t documents = 0;  // documents with at least one unit in this period
  std::size_t units = 0;      // units in this period (the shares' denominator)
  bool sparse = false;        // documents < min_period_documents (0 included)
};

// The trend of one series' share over the non-sparse periods, x = period index.
struct TrendFigures {
  std::size_t periods_used = 0;  // non-sparse periods the figures are computed on
  bool computed = false;         // false with fewer than 3 such periods: figures below are 0
  double slope = 0;              // OLS slope of the share, per period (0.01 = 1 point a period)
  double slope_low = 0;          // its confidence interval (coverage 1 - significance)
  double slope_high = 0;
  double slope_p = 1;  // t test of slope = 0
  double change = 0;   // slope x (last used index - first used index)
  double mann_kendall_s = 0;
  double mann_kendall_z = 0;
  double mann_kendall_p = 1;
  double kendall_tau = 0;
  std::string flag;  // "emerging", "declining", "stable" or "insufficient"
};

struct TimelineSeries {
  std::string kind;         // "theme", or "known-theme" (the documents about a known theme)
  int theme = 0;            // Theme::id for kind "theme"
  std::string known_theme;  // the known theme's id for kind "known-theme"
  std::string label;
  std::vector<std::size_t> counts;  // units per period, aligned with Timeline::periods
  std::vector<double> shares;       // counts / period units; 0 for a period without units
  TrendFigures trend;
};

struct Timeline {
  bool available = false;
  std::string reason;             // why there is no timeline, when !available
  std::string unit = "document";  // what a unit is
  std::string period;             // the period used ("year"...), empty when !available
  std::string period_requested;   // "auto" or the period asked for
  std::string period_rule;        // how the period was chosen, in words
  std::size_t min_period_documents = 0;
  std::size_t min_trend_periods = 0;
  double min_change = 0;
  double significance = 0;
  // Documents of the analysis (after --since/--until), and what happened to them.
  std::size_t documents = 0;
  std::size_t undated = 0;       // no date, or a date that is not ISO 8601
  std::size_t too_coarse = 0;    // dated, but less precisely than the period ("2009" by month)
  std::size_t without_unit = 0;  // dated precisely enough, but in no theme (no kept term)
  std::size_t in_timeline = 0;   // documents counted in some period
  // The range, and the documents it left out of the whole analysis.
  std::string since;  // as given, empty when open
  std::string until;
  std::size_t excluded_outside_range = 0;
  std::size_t excluded_undated = 0;
  std::vector<TimelinePeriod> periods;  // every period from the first to the last, empty included
  std::vector<TimelineSeries> series;
};

// ---- Building it. ----

// An item the timeline counts: the document it comes from (an index into the dates vector).
struct TimelineItem {
  std::size_t document = 0;
};

// What one series counts: member[i] != 0 when item i belongs to it (member.size() == items).
struct TimelineSeriesSpec {
  std::string kind = "theme";
  int theme = 0;
  std::string known_theme;
  std::string label;
  std::vector<std::uint8_t> member;
};

// Builds the timeline of `series` over `items`, dated by `document_dates` (one ISO date or ""
// per document of the analysis; documents without an item count in `without_unit`).
// The period: options.period, or with kAuto the finest of week, month, quarter, year for which
// (a) at least 90% of the dated documents are precise enough, and (b) the median number of
// documents per period, over every period from the first to the last, reaches
// min_period_documents; year when none does. Not available (with the reason) when no unit has
// a date precise enough. The flag of a series, over its non-sparse periods:
//  - "insufficient" with fewer than min_trend_periods of them;
//  - "emerging" when the slope's interval lies above 0, Mann-Kendall gives S > 0 with
//    p < significance, and the fitted change is at least min_change;
//  - "declining" in the mirror case; "stable" otherwise.
// Deterministic: depends only on its arguments, in their order.
Timeline BuildTimeline(const std::vector<IsoDate>& document_dates,
                       const std::vector<TimelineItem>& items,
                       const std::vector<TimelineSeriesSpec>& series,
                       const TimelineOptions& options);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_TIMELINE_HPP_
