#include "trendscan/describe/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
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

// Documents per period, over every period from the first to the last; empty when no document
// fits or the span is too long. `period_of` receives each document's period (or nullopt).
std::vector<std::size_t> DocumentsPerPeriod(
    const std::vector<std::optional<CalendarDate>>& dates, const std::vector<bool>& has_unit,
    PeriodKind kind, std::vector<std::optional<std::int64_t>>* period_of, std::int64_t* first) {
  period_of->assign(dates.size(), std::nullopt);
  std::int64_t lo = 0;
  std::int64_t hi = -1;
  for (std::size_t d = 0; d < dates.size(); ++d) {
    if (!dates[d] || !has_unit[d]) continue;
    const std::optional<std::int64_t> p = PeriodIndex(*dates[d], kind);
    if (!p) continue;
    (*period_of)[d] = p;
    if (hi < lo) {
      lo = hi = *p;
    } else {
      lo = std::min(lo, *p);
      hi = std::max(hi, *p);
    }
  }
  *first = lo;
  if (hi < lo || hi - lo + 1 > kMaxPeriods) return {};
  std::vector<std::size_t> counts(static_cast<std::size_t>(hi - lo + 1), 0);
  for (const auto& p : *period_of) {
    if (p) ++counts[static_cast<std::size_t>(*p - lo)];
  }
  return counts;
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
             trend->mann_kendall_p < options.significance &&
             -trend->change >= options.min_change) {
    trend->flag = "declining";
  } else {
    trend->flag = "stable";
  }
}

}  // namespace

std::string_view PeriodName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kAuto: return "auto";
    case PeriodKind::kYear: return "year";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kWeek: return "week";
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

Timeline BuildTimeline(const std::vector<std::string>& document_dates,
                       const std::vector<TimelineUnit>& units,
                       const std::vector<TimelineSeriesSpec>& series,
                       const TimelineOptions& options) {
  Timeline t;
  t.period_requested = std::string(PeriodName(options.period));
  t.min_period_documents = options.min_period_documents;
  t.min_trend_periods = options.min_trend_periods;
  t.min_change = options.min_change;
  t.significance = options.significance;
  t.since = options.since;
  t.until = options.until;
  t.documents = document_dates.size();

  std::vector<std::optional<CalendarDate>> dates;
  dates.reserve(document_dates.size());
  std::size_t dated_with_unit = 0;
  std::vector<bool> has_unit(document_dates.size(), false);
  for (const TimelineUnit& u : units) has_unit[u.document] = true;
  for (std::size_t d = 0; d < document_dates.size(); ++d) {
    dates.push_back(ParseIsoDate(document_dates[d]));
    if (!dates.back()) ++t.undated;
    if (dates.back() && has_unit[d]) ++dated_with_unit;
  }

  PeriodKind kind = options.period;
  std::vector<std::optional<std::int64_t>> period_of;
  std::int64_t first = 0;
  std::vector<std::size_t> per_period;
  if (kind != PeriodKind::kAuto) {
    t.period_rule = "as asked (--period " + std::string(PeriodName(kind)) + ")";
    per_period = DocumentsPerPeriod(dates, has_unit, kind, &period_of, &first);
  } else {
    t.period_rule = fmt::format(
        "auto: the finest of week, month, quarter, year with 90% of the dated documents "
        "precise enough and a median of at least {} documents per period",
        options.min_period_documents);
    kind = PeriodKind::kYear;
    for (PeriodKind candidate :
         {PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
      std::vector<std::size_t> counts =
          DocumentsPerPeriod(dates, has_unit, candidate, &period_of, &first);
      if (counts.empty()) continue;
      std::size_t fitting = 0;
      for (std::size_t c : counts) fitting += c;
      if (static_cast<double>(fitting) < kAutoPrecision * static_cast<double>(dated_with_unit) ||
          Median(counts) < static_cast<double>(options.min_period_documents)) {
        continue;
      }
      kind = candidate;
      break;
    }
    per_period = DocumentsPerPeriod(dates, has_unit, kind, &period_of, &first);
    if (kind == PeriodKind::kYear && !per_period.empty() &&
        Median(per_period) < static_cast<double>(options.min_period_documents)) {
      t.period_rule += "; none qualifies, so year";
    }
  }

  for (std::size_t d = 0; d < dates.size(); ++d) {
    if (!dates[d]) continue;
    if (!PeriodIndex(*dates[d], kind)) {
      ++t.too_coarse;
    } else if (!has_unit[d]) {
      ++t.without_unit;
    } else {
      ++t.in_timeline;
    }
  }
  if (t.in_timeline == 0 || per_period.empty()) {
    const std::size_t dated = t.documents - t.undated;
    if (dated == 0) {
      t.reason = t.documents == 1 ? "the document has no date"
                                  : fmt::format("none of the {} documents has a date", t.documents);
    } else if (t.too_coarse == dated) {
      t.reason = fmt::format("the {} dated document(s) give only a year{}, too coarse for "
                             "--period {}",
                             dated, kind == PeriodKind::kWeek ? " or a month" : "",
                             PeriodName(kind));
    } else if (t.in_timeline == 0) {
      t.reason = "no dated document is in a theme (none has a kept term)";
    } else {
      t.reason = fmt::format("the dates span more than {} periods of a {}; choose a coarser "
                             "--period or narrow them with --since/--until",
                             kMaxPeriods, PeriodName(kind));
    }
    t.in_timeline = 0;
    return t;
  }
  t.available = true;
  t.period = std::string(PeriodName(kind));

  t.periods.resize(per_period.size());
  for (std::size_t p = 0; p < per_period.size(); ++p) {
    TimelinePeriod& period = t.periods[p];
    const std::int64_t index = first + static_cast<std::int64_t>(p);
    period.label = PeriodLabel(index, kind);
    std::tie(period.start, period.end) = PeriodBounds(index, kind);
    period.documents = per_period[p];
    period.sparse = period.documents < options.min_period_documents;
  }
  std::vector<std::optional<std::size_t>> unit_period(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::optional<std::int64_t>& p = period_of[units[u].document];
    if (!p) continue;
    unit_period[u] = static_cast<std::size_t>(*p - first);
    ++t.periods[*unit_period[u]].units;
  }
  for (const TimelineSeriesSpec& spec : series) {
    assert(spec.member.size() == units.size());
    TimelineSeries s;
    s.kind = spec.kind;
    s.theme = spec.theme;
    s.label = spec.label;
    s.counts.assign(t.periods.size(), 0);
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (unit_period[u] && spec.member[u]) ++s.counts[*unit_period[u]];
    }
    s.shares.assign(t.periods.size(), 0.0);
    for (std::size_t p = 0; p < t.periods.size(); ++p) {
      if (t.periods[p].units > 0) {
        s.shares[p] = static_cast<double>(s.counts[p]) / static_cast<double>(t.periods[p].units);
      }
    }
    ComputeTrend(t.periods, s.shares, options, &s.trend);
    t.series.push_back(std::move(s));
  }
  return t;
}

}  // namespace trendscan
