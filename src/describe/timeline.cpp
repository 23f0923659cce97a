#include "trendscan/describe/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <tuple>

#include "trendscan/describe/stats.hpp"
#include "trendscan/ingest/dates.hpp"

namespace trendscan {
namespace {

// More periods than this cannot be read as a trend and would bloat the report (a weekly series
// over a century); auto skips such a period, an explicit one leaves no timeline and says why.
constexpr std::int64_t kMaxPeriods = 5000;

// Share of the dated documents that must be precise enough for auto to consider a period.
constexpr double kAutoPrecision = 0.9;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

double Median(std::vector<std::size_t> values) {
  assert(!values.empty());
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return static_cast<double>(values[mid]);
  return (static_cast<double>(values[mid - 1]) + static_cast<double>(values[mid])) / 2.0;
}

// The analysis's documents as the timeline sees them.
struct DatedDocuments {
  std::vector<std::optional<CalendarDate>> dates;  // nullopt: no date, or not ISO 8601
  std::vector<bool> has_unit;                      // some unit comes from the document
  std::size_t undated = 0;
  std::size_t dated_with_unit = 0;
};

DatedDocuments ReadDates(const std::vector<IsoDate>& document_dates,
                         const std::vector<TimelineItem>& units) {
  DatedDocuments docs;
  docs.dates.reserve(document_dates.size());
  docs.has_unit.assign(document_dates.size(), false);
  for (const TimelineItem& u : units) docs.has_unit[u.document] = true;
  for (std::size_t d = 0; d < document_dates.size(); ++d) {
    docs.dates.push_back(ParseIsoDate(document_dates[d]));
    if (!docs.dates.back()) ++docs.undated;
    if (docs.dates.back() && docs.has_unit[d]) ++docs.dated_with_unit;
  }
  return docs;
}

// The documents laid out on one kind of period.
struct PeriodGrid {
  std::vector<std::optional<std::int64_t>> period_of;  // each document's period, if it has one
  std::int64_t first = 0;                              // the index of documents[0]'s period
  // Documents per period, over every period from the first to the last; empty when no
  // document fits or the span is too long.
  std::vector<std::size_t> documents;
};

PeriodGrid DocumentsPerPeriod(const DatedDocuments& docs, PeriodKind kind) {
  PeriodGrid grid;
  grid.period_of.assign(docs.dates.size(), std::nullopt);
  std::int64_t lo = 0;
  std::int64_t hi = -1;
  for (std::size_t d = 0; d < docs.dates.size(); ++d) {
    if (!docs.dates[d] || !docs.has_unit[d]) continue;
    const std::optional<std::int64_t> p = PeriodIndex(*docs.dates[d], kind);
    if (!p) continue;
    grid.period_of[d] = p;
    if (hi < lo) {
      lo = hi = *p;
    } else {
      lo = std::min(lo, *p);
      hi = std::max(hi, *p);
    }
  }
  grid.first = lo;
  if (hi < lo || hi - lo + 1 > kMaxPeriods) return grid;
  grid.documents.assign(static_cast<std::size_t>(hi - lo + 1), 0);
  for (const auto& p : grid.period_of) {
    if (p) ++grid.documents[static_cast<std::size_t>(*p - lo)];
  }
  return grid;
}

void ComputeTrend(const std::vector<TimelinePeriod>& periods, const std::vector<double>& shares,
                  const TimelineOptions& options, TrendFigures* trend) {
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    if (periods[p].sparse || periods[p].units == 0) continue;
    x.push_back(static_cast<double>(p));
    y.push_back(shares[p]);
  }
  trend->periods_used = x.size();
  if (x.size() >= 3) {
    const LinearFit fit = FitLine(x, y, 1.0 - options.significance);
    const MannKendall mk = MannKendallTest(y);
    trend->computed = true;
    trend->slope = fit.slope;
    trend->slope_low = fit.slope_low;
    trend->slope_high = fit.slope_high;
    trend->slope_p = fit.slope_p;
    trend->change = fit.slope * (x.back() - x.front());
    trend->mann_kendall_s = mk.s;
    trend->mann_kendall_z = mk.z;
    trend->mann_kendall_p = mk.p;
    trend->kendall_tau = mk.tau;
  }
  if (x.size() < std::max<std::size_t>(options.min_trend_periods, 3)) {
    trend->flag = "insufficient";
  } else if (trend->slope_low > 0 && trend->mann_kendall_s > 0 &&
             trend->mann_kendall_p < options.significance && trend->change >= options.min_change) {
    trend->flag = "emerging";
  } else if (trend->slope_high < 0 && trend->mann_kendall_s < 0 &&
             trend->mann_kendall_p < options.significance && -trend->change >= options.min_change) {
    trend->flag = "declining";
  } else {
    trend->flag = "stable";
  }
}

// The timeline with what was asked for filled in, before anything is counted.
Timeline EmptyTimeline(std::size_t documents, const TimelineOptions& options) {
  Timeline t;
  t.period_requested = std::string(PeriodName(options.period));
  t.min_period_documents = options.min_period_documents;
  t.min_trend_periods = options.min_trend_periods;
  t.min_change = options.min_change;
  t.significance = options.significance;
  t.since = options.since;
  t.until = options.until;
  t.documents = documents;
  return t;
}

// Auto's test of a period: enough of the dated documents are precise enough for it, and the
// median period holds enough documents.
bool AutoQualifies(const std::vector<std::size_t>& counts, std::size_t dated_with_unit,
                   const TimelineOptions& options) {
  if (counts.empty()) return false;
  std::size_t fitting = 0;
  for (std::size_t c : counts) fitting += c;
  return !(static_cast<double>(fitting) < kAutoPrecision * static_cast<double>(dated_with_unit) ||
           Median(counts) < static_cast<double>(options.min_period_documents));
}

struct PeriodChoice {
  PeriodKind kind;
  PeriodGrid grid;
};

// The period (BuildTimeline's contract says which), with `rule` saying how it was chosen.
PeriodChoice ChoosePeriod(const DatedDocuments& docs, const TimelineOptions& options,
                          std::string* rule) {
  if (options.period != PeriodKind::kAuto) {
    *rule = "as asked (--period " + std::string(PeriodName(options.period)) + ")";
    return {options.period, DocumentsPerPeriod(docs, options.period)};
  }
  *rule = fmt::format(
      "auto: the finest of week, month, quarter, year with 90% of the dated documents "
      "precise enough and a median of at least {} documents per period",
      options.min_period_documents);
  for (PeriodKind candidate : {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter}) {
    PeriodGrid grid = DocumentsPerPeriod(docs, candidate);
    if (AutoQualifies(grid.documents, docs.dated_with_unit, options)) {
      return {candidate, std::move(grid)};
    }
  }
  PeriodGrid year = DocumentsPerPeriod(docs, PeriodKind::kYear);
  if (!year.documents.empty() &&
      Median(year.documents) < static_cast<double>(options.min_period_documents)) {
    *rule += "; none qualifies, so year";
  }
  return {PeriodKind::kYear, std::move(year)};
}

// What becomes of each dated document: too coarse for the period, without a unit, or counted.
void CountDatedDocuments(const DatedDocuments& docs, PeriodKind kind, Timeline* t) {
  for (std::size_t d = 0; d < docs.dates.size(); ++d) {
    if (!docs.dates[d]) continue;
    if (!PeriodIndex(*docs.dates[d], kind)) {
      ++t->too_coarse;
    } else if (!docs.has_unit[d]) {
      ++t->without_unit;
    } else {
      ++t->in_timeline;
    }
  }
}

// Why there is no timeline, in words a user can act on.
std::string UnavailableReason(const Timeline& t, PeriodKind kind) {
  const std::size_t dated = t.documents - t.undated;
  if (dated == 0) {
    return t.documents == 1 ? "the document has no date"
                            : fmt::format("none of the {} documents has a date", t.documents);
  }
  if (t.too_coarse == dated) {
    return fmt::format("the {} dated document(s) give only a year{}, too coarse for --period {}",
                       dated, kind == PeriodKind::kWeek ? " or a month" : "", PeriodName(kind));
  }
  if (t.in_timeline == 0) return "no dated document is in a theme (none has a kept term)";
  return fmt::format(
      "the dates span more than {} periods of a {}; choose a coarser --period or "
      "narrow them with --since/--until",
      kMaxPeriods, PeriodName(kind));
}

// Every period from the first to the last, empty ones included; their units are counted later.
std::vector<TimelinePeriod> MakePeriods(const PeriodChoice& choice,
                                        const TimelineOptions& options) {
  const std::vector<std::size_t>& per_period = choice.grid.documents;
  std::vector<TimelinePeriod> periods(per_period.size());
  for (std::size_t p = 0; p < per_period.size(); ++p) {
    TimelinePeriod& period = periods[p];
    const std::int64_t index = choice.grid.first + static_cast<std::int64_t>(p);
    period.label = PeriodLabel(index, choice.kind);
    std::tie(period.start, period.end) = PeriodBounds(index, choice.kind);
    period.documents = per_period[p];
    period.sparse = period.documents < options.min_period_documents;
  }
  return periods;
}

// Each unit's position in `periods` (nullopt when its document has none), counting the units
// of each period on the way.
std::vector<std::optional<std::size_t>> PlaceUnits(const std::vector<TimelineItem>& units,
                                                   const PeriodGrid& grid,
                                                   std::vector<TimelinePeriod>* periods) {
  std::vector<std::optional<std::size_t>> unit_period(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::optional<std::int64_t>& p = grid.period_of[units[u].document];
    if (!p) continue;
    unit_period[u] = static_cast<std::size_t>(*p - grid.first);
    ++(*periods)[*unit_period[u]].units;
  }
  return unit_period;
}

// One series: its units per period, their share of the period's units, and its trend.
TimelineSeries MakeSeries(const TimelineSeriesSpec& spec,
                          const std::vector<std::optional<std::size_t>>& unit_period,
                          const std::vector<TimelinePeriod>& periods,
                          const TimelineOptions& options) {
  assert(spec.member.size() == unit_period.size());
  TimelineSeries s;
  s.kind = spec.kind;
  s.known_theme = spec.known_theme;
  s.theme = spec.theme;
  s.label = spec.label;
  s.counts.assign(periods.size(), 0);
  for (std::size_t u = 0; u < unit_period.size(); ++u) {
    if (unit_period[u] && spec.member[u]) ++s.counts[*unit_period[u]];
  }
  s.shares.assign(periods.size(), 0.0);
  for (std::size_t p = 0; p < periods.size(); ++p) {
    if (periods[p].units > 0) {
      s.shares[p] = static_cast<double>(s.counts[p]) / static_cast<double>(periods[p].units);
    }
  }
  ComputeTrend(periods, s.shares, options, &s.trend);
  return s;
}

}  // namespace

std::string_view PeriodName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kAuto:
      return "auto";
    case PeriodKind::kYear:
      return "year";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kMonth:
      return "month";
    case PeriodKind::kWeek:
      return "week";
  }
  return "auto";
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view name) {
  for (PeriodKind k : {PeriodKind::kAuto, PeriodKind::kYear, PeriodKind::kQuarter,
                       PeriodKind::kMonth, PeriodKind::kWeek}) {
    if (PeriodName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<std::int64_t> PeriodIndex(const CalendarDate& date, PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear:
      return date.year;
    case PeriodKind::kQuarter:
      if (date.month == 0) return std::nullopt;
      return std::int64_t{date.year} * 4 + (date.month - 1) / 3;
    case PeriodKind::kMonth:
      if (date.month == 0) return std::nullopt;
      return std::int64_t{date.year} * 12 + (date.month - 1);
    case PeriodKind::kWeek:
      if (date.day == 0) return std::nullopt;
      // 1970-01-01 is a Thursday: shifting by 3 days makes weeks start on Monday.
      return FloorDiv(DaysFromCivil(date.year, date.month, date.day) + 3, 7);
    case PeriodKind::kAuto:
      break;
  }
  assert(false && "PeriodIndex needs a concrete period");
  return std::nullopt;
}

std::string PeriodLabel(std::int64_t index, PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear:
      return fmt::format("{:04}", index);
    case PeriodKind::kQuarter:
      return fmt::format("{:04}-Q{}", index / 4, index % 4 + 1);
    case PeriodKind::kMonth:
      return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
    case PeriodKind::kWeek: {
      // An ISO week belongs to the year of its Thursday, and is numbered from that year's
      // first week with a Thursday.
      const std::int64_t thursday = index * 7;
      const CalendarDate t = CivilFromDays(thursday);
      const std::int64_t day_of_year = thursday - DaysFromCivil(t.year, 1, 1);
      return fmt::format("{:04}-W{:02}", t.year, day_of_year / 7 + 1);
    }
    case PeriodKind::kAuto:
      break;
  }
  return "";
}

std::pair<std::string, std::string> PeriodBounds(std::int64_t index, PeriodKind kind) {
  std::int64_t first = 0;
  std::int64_t last = 0;
  switch (kind) {
    case PeriodKind::kYear:
      first = FirstDay({static_cast<int>(index), 0, 0});
      last = LastDay({static_cast<int>(index), 0, 0});
      break;
    case PeriodKind::kQuarter: {
      const int y = static_cast<int>(index / 4);
      const int m = static_cast<int>(index % 4) * 3 + 1;
      first = FirstDay({y, m, 0});
      last = LastDay({y, m + 2, 0});
      break;
    }
    case PeriodKind::kMonth: {
      const CalendarDate d{static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, 0};
      first = FirstDay(d);
      last = LastDay(d);
      break;
    }
    case PeriodKind::kWeek:
      first = index * 7 - 3;
      last = first + 6;
      break;
    case PeriodKind::kAuto:
      break;
  }
  return {IsoDay(first), IsoDay(last)};
}

Timeline BuildTimeline(const std::vector<IsoDate>& document_dates,
                       const std::vector<TimelineItem>& units,
                       const std::vector<TimelineSeriesSpec>& series,
                       const TimelineOptions& options) {
  Timeline t = EmptyTimeline(document_dates.size(), options);
  const DatedDocuments docs = ReadDates(document_dates, units);
  t.undated = docs.undated;
  const PeriodChoice choice = ChoosePeriod(docs, options, &t.period_rule);
  CountDatedDocuments(docs, choice.kind, &t);
  if (t.in_timeline == 0 || choice.grid.documents.empty()) {
    t.reason = UnavailableReason(t, choice.kind);
    t.in_timeline = 0;
    return t;
  }
  t.available = true;
  t.period = std::string(PeriodName(choice.kind));
  t.periods = MakePeriods(choice, options);
  const std::vector<std::optional<std::size_t>> unit_period =
      PlaceUnits(units, choice.grid, &t.periods);
  for (const TimelineSeriesSpec& spec : series) {
    t.series.push_back(MakeSeries(spec, unit_period, t.periods, options));
  }
  return t;
}

}  // namespace trendscan
