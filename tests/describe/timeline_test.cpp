// Calendar periods and the timeline's shares and flags, on series whose shares over time are
// known by construction.
#include "trendscan/describe/timeline.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trendscan/ingest/dates.hpp"

namespace trendscan {
namespace {

TEST_CASE("period labels and bounds, ISO weeks across year ends") {
  struct Row {
    const char* date;
    PeriodKind kind;
    const char* label;
    const char* start;
    const char* end;
  };
  for (const Row& r : {
           Row{"2009-05-17", PeriodKind::kYear, "2009", "2009-01-01", "2009-12-31"},
           Row{"2009-05-17", PeriodKind::kQuarter, "2009-Q2", "2009-04-01", "2009-06-30"},
           Row{"2008-12-31", PeriodKind::kQuarter, "2008-Q4", "2008-10-01", "2008-12-31"},
           Row{"2008-02-10", PeriodKind::kMonth, "2008-02", "2008-02-01", "2008-02-29"},
           Row{"2007-03-22", PeriodKind::kWeek, "2007-W12", "2007-03-19", "2007-03-25"},
           // Thursday 1 January 2009: week 1 of 2009 starts on Monday 29 December 2008.
           Row{"2008-12-29", PeriodKind::kWeek, "2009-W01", "2008-12-29", "2009-01-04"},
           Row{"2009-01-01", PeriodKind::kWeek, "2009-W01", "2008-12-29", "2009-01-04"},
           // Sunday 3 January 2010 still belongs to week 53 of 2009.
           Row{"2010-01-03", PeriodKind::kWeek, "2009-W53", "2009-12-28", "2010-01-03"},
           Row{"2021-01-03", PeriodKind::kWeek, "2020-W53", "2020-12-28", "2021-01-03"},
           Row{"1969-12-29", PeriodKind::kWeek, "1970-W01", "1969-12-29", "1970-01-04"},
       }) {
    CAPTURE(r.date);
    CAPTURE(PeriodName(r.kind));
    const auto index = PeriodIndex(*ParseIsoDate(r.date), r.kind);
    REQUIRE(index);
    CHECK(PeriodLabel(*index, r.kind) == r.label);
    const auto [start, end] = PeriodBounds(*index, r.kind);
    CHECK(start == r.start);
    CHECK(end == r.end);
  }
  // Consecutive periods have consecutive indices, across year ends.
  CHECK(*PeriodIndex(*ParseIsoDate("2009-01"), PeriodKind::kMonth) -
            *PeriodIndex(*ParseIsoDate("2008-12"), PeriodKind::kMonth) ==
        1);
  CHECK(*PeriodIndex(*ParseIsoDate("2009-01-05"), PeriodKind::kWeek) -
            *PeriodIndex(*ParseIsoDate("2009-01-04"), PeriodKind::kWeek) ==
        1);
  // A date less precise than the period has no place in it.
  CHECK_FALSE(PeriodIndex(*ParseIsoDate("2009"), PeriodKind::kMonth));
  CHECK_FALSE(PeriodIndex(*ParseIsoDate("2009"), PeriodKind::kQuarter));
  CHECK_FALSE(PeriodIndex(*ParseIsoDate("2009-03"), PeriodKind::kWeek));
  CHECK(PeriodIndex(*ParseIsoDate("2009-03"), PeriodKind::kQuarter));
  CHECK(ParsePeriodKind("quarter") == PeriodKind::kQuarter);
  CHECK_FALSE(ParsePeriodKind("decade"));
}

// A corpus described by how many documents of each theme each year holds: dates "YYYY-MM-DD"
// spread over the year, one unit per document, series = themes 1..k.
struct Built {
  std::vector<IsoDate> dates;
  std::vector<TimelineItem> units;
  std::vector<TimelineSeriesSpec> series;
};

Built ByYear(int first_year, const std::vector<std::vector<int>>& counts_per_year) {
  Built b;
  const std::size_t themes = counts_per_year.front().size();
  std::vector<int> theme_of_unit;
  for (std::size_t y = 0; y < counts_per_year.size(); ++y) {
    int n = 0;
    for (std::size_t t = 0; t < themes; ++t) {
      for (int i = 0; i < counts_per_year[y][t]; ++i, ++n) {
        b.dates.push_back(std::to_string(first_year + static_cast<int>(y)) + "-" +
                          (n % 12 < 9 ? "0" : "") + std::to_string(n % 12 + 1) + "-15");
        b.units.push_back({b.dates.size() - 1});
        theme_of_unit.push_back(static_cast<int>(t) + 1);
      }
    }
  }
  for (std::size_t t = 0; t < themes; ++t) {
    TimelineSeriesSpec s;
    s.theme = static_cast<int>(t) + 1;
    s.label = "theme " + std::to_string(t + 1);
    for (int theme : theme_of_unit) s.member.push_back(theme == s.theme);
    b.series.push_back(std::move(s));
  }
  return b;
}

TEST_CASE("a rising theme is emerging, a fading one declining, a flat one stable") {
  // Ten documents a year for six years: theme 1 grows 1 -> 6, theme 2 fades 6 -> 1, theme 3
  // holds at 3.
  const Built b = ByYear(2008, {{1, 6, 3}, {2, 5, 3}, {3, 4, 3}, {4, 3, 3}, {5, 2, 3}, {6, 1, 3}});
  const Timeline t = BuildTimeline(b.dates, b.units, b.series, TimelineOptions{});
  REQUIRE(t.available);
  CHECK(t.period == "year");  // 10 a year: too few for quarters (median 2.5 < 5)
  CHECK(t.period_requested == "auto");
  REQUIRE(t.periods.size() == 6);
  CHECK(t.periods[0].label == "2008");
  CHECK(t.periods[0].documents == 10);
  CHECK_FALSE(t.periods[0].sparse);
  REQUIRE(t.series.size() == 3);
  CHECK(t.series[0].counts == std::vector<std::size_t>{1, 2, 3, 4, 5, 6});
  CHECK(t.series[0].shares[5] == doctest::Approx(0.6));
  // Shares on an exact line: slope 0.1 a year, change 0.5 over five steps.
  CHECK(t.series[0].trend.slope == doctest::Approx(0.1));
  CHECK(t.series[0].trend.change == doctest::Approx(0.5));
  CHECK(t.series[0].trend.mann_kendall_s == 15);
  CHECK(t.series[0].trend.flag == "emerging");
  CHECK(t.series[1].trend.slope == doctest::Approx(-0.1));
  CHECK(t.series[1].trend.flag == "declining");
  CHECK(t.series[2].trend.slope == doctest::Approx(0));
  CHECK(t.series[2].trend.flag == "stable");
  CHECK(t.documents == 60);
  CHECK(t.in_timeline == 60);
  CHECK(t.undated == 0);
}

TEST_CASE("noise around no trend stays stable; noisy growth is still emerging") {
  const Built noisy_flat =
      ByYear(2001, {{3, 7}, {5, 5}, {2, 8}, {4, 6}, {3, 7}, {5, 5}, {2, 8}, {4, 6}});
  const Timeline flat = BuildTimeline(noisy_flat.dates, noisy_flat.units, noisy_flat.series, {});
  REQUIRE(flat.available);
  CHECK(flat.series[0].trend.flag == "stable");
  CHECK(flat.series[0].trend.slope_low < 0);
  CHECK(flat.series[0].trend.slope_high > 0);
  const Built noisy_up =
      ByYear(2001, {{1, 9}, {3, 7}, {2, 8}, {4, 6}, {6, 4}, {5, 5}, {7, 3}, {8, 2}});
  const Timeline up = BuildTimeline(noisy_up.dates, noisy_up.units, noisy_up.series, {});
  CHECK(up.series[0].trend.flag == "emerging");
  CHECK(up.series[0].trend.slope_low > 0);
  CHECK(up.series[0].trend.mann_kendall_p < 0.05);
  CHECK(up.series[1].trend.flag == "declining");
}

TEST_CASE("a significant but tiny drift is stable: the change must reach min_change") {
  // 100 documents a year, theme 1 grows one document a year: +1 point a year, +4 over 5 years.
  const Built b = ByYear(2001, {{10, 90}, {11, 89}, {12, 88}, {13, 87}, {14, 86}});
  const Timeline t = BuildTimeline(b.dates, b.units, b.series, {});
  CHECK(t.period == "month");  // 100 a year: the median month holds 8 or 9 documents
  TimelineOptions yearly;
  yearly.period = PeriodKind::kYear;
  const Timeline y = BuildTimeline(b.dates, b.units, b.series, yearly);
  CHECK(y.series[0].trend.slope_low > 0);
  CHECK(y.series[0].trend.change == doctest::Approx(0.04));
  CHECK(y.series[0].trend.flag == "stable");
  yearly.min_change = 0.03;
  CHECK(BuildTimeline(b.dates, b.units, b.series, yearly).series[0].trend.flag == "emerging");
}

TEST_CASE("sparse periods are kept, marked, and left out of the trend") {
  // 2010 holds 2 documents (sparse) and 2012 none (an empty period between).
  Built b = ByYear(2009, {{1, 5}, {2, 0}, {0, 0}, {3, 3}, {4, 2}, {5, 1}, {6, 0}});
  const Timeline t = BuildTimeline(b.dates, b.units, b.series, {});
  REQUIRE(t.available);
  REQUIRE(t.periods.size() == 7);
  CHECK(t.periods[1].sparse);
  CHECK(t.periods[1].documents == 2);
  CHECK(t.periods[2].sparse);
  CHECK(t.periods[2].units == 0);
  CHECK(t.series[0].shares[2] == 0);
  CHECK_FALSE(t.periods[0].sparse);
  CHECK(t.series[0].trend.periods_used == 5);
  CHECK(t.series[0].trend.flag == "emerging");
  // With a higher threshold too few periods are left for any flag.
  TimelineOptions strict;
  strict.min_period_documents = 7;
  const Timeline s = BuildTimeline(b.dates, b.units, b.series, strict);
  CHECK(s.series[0].trend.flag == "insufficient");
  CHECK(s.periods.size() == 7);  // shown, not hidden
}

TEST_CASE("auto picks the finest period with enough documents per period") {
  // 40 documents in each month of 2009: weeks hold about 9, so week qualifies.
  Built weekly;
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; d <= 28; d += 1) {
      weekly.dates.push_back("2009-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-" +
                             (d < 10 ? "0" : "") + std::to_string(d));
      weekly.units.push_back({weekly.dates.size() - 1});
    }
  }
  CHECK(BuildTimeline(weekly.dates, weekly.units, {}, {}).period == "week");
  TimelineOptions more;
  more.min_period_documents = 20;
  CHECK(BuildTimeline(weekly.dates, weekly.units, {}, more).period == "month");
  more.min_period_documents = 80;
  CHECK(BuildTimeline(weekly.dates, weekly.units, {}, more).period == "quarter");
  more.min_period_documents = 1000;
  const Timeline fallback = BuildTimeline(weekly.dates, weekly.units, {}, more);
  CHECK(fallback.period == "year");
  CHECK(fallback.period_rule.find("none qualifies") != std::string::npos);
  CHECK(fallback.periods[0].sparse);
}

TEST_CASE("year-only dates: fine for years, too coarse for months, and auto avoids months") {
  Built b = ByYear(2001, {{5, 5}, {6, 4}, {7, 3}, {8, 2}, {9, 1}});
  for (std::size_t d = 0; d < b.dates.size(); d += 2) b.dates[d] = b.dates[d].view().substr(0, 4);
  const Timeline t = BuildTimeline(b.dates, b.units, b.series, {});
  CHECK(t.period == "year");
  CHECK(t.too_coarse == 0);
  TimelineOptions monthly;
  monthly.period = PeriodKind::kMonth;
  const Timeline m = BuildTimeline(b.dates, b.units, b.series, monthly);
  REQUIRE(m.available);
  CHECK(m.too_coarse == 25);
  CHECK(m.in_timeline == 25);
  // Only years: no month timeline at all, and the reason says so.
  for (IsoDate& d : b.dates) d = d.view().substr(0, 4);
  const Timeline none = BuildTimeline(b.dates, b.units, b.series, monthly);
  CHECK_FALSE(none.available);
  CHECK(none.reason.find("only a year") != std::string::npos);
}

TEST_CASE("undated documents are counted; no date at all means no timeline, and why") {
  Built b = ByYear(2001, {{5, 5}, {6, 4}, {7, 3}, {8, 2}, {9, 1}});
  b.dates[0] = "";
  b.dates[1] = "someday";
  const Timeline t = BuildTimeline(b.dates, b.units, b.series, {});
  REQUIRE(t.available);
  CHECK(t.undated == 2);
  CHECK(t.in_timeline == 48);
  CHECK(t.periods[0].documents == 8);
  for (IsoDate& d : b.dates) d = IsoDate();
  const Timeline none = BuildTimeline(b.dates, b.units, b.series, {});
  CHECK_FALSE(none.available);
  CHECK(none.undated == 50);
  CHECK(none.reason == "none of the 50 documents has a date");
  CHECK(none.periods.empty());
  CHECK(none.series.empty());
}

TEST_CASE("no timeline: each reason, in words, and the rule of the period it tried") {
  TimelineOptions weekly;
  weekly.period = PeriodKind::kWeek;
  const Timeline one = BuildTimeline({""}, {{0}}, {}, weekly);
  CHECK_FALSE(one.available);
  CHECK(one.reason == "the document has no date");
  CHECK(one.period_rule == "as asked (--period week)");

  const Timeline coarse = BuildTimeline({"2009-03", "2009"}, {{0}, {1}}, {}, weekly);
  CHECK_FALSE(coarse.available);
  CHECK(coarse.too_coarse == 2);
  CHECK(coarse.reason ==
        "the 2 dated document(s) give only a year or a month, too coarse for --period week");

  // Dated, but no unit comes from any document.
  const Timeline unitless = BuildTimeline({"2009-03-01", "2009-04-01"}, {}, {}, {});
  CHECK_FALSE(unitless.available);
  CHECK(unitless.without_unit == 2);
  CHECK(unitless.reason == "no dated document is in a theme (none has a kept term)");

  // Two centuries of weeks are more than 5000 periods.
  const std::vector<IsoDate> far = {"1900-01-01", "2100-01-01"};
  const Timeline span = BuildTimeline(far, {{0}, {1}}, {}, weekly);
  CHECK_FALSE(span.available);
  CHECK(span.in_timeline == 0);
  CHECK(span.reason ==
        "the dates span more than 5000 periods of a week; choose a coarser --period or narrow "
        "them with --since/--until");
  // Auto, over more than 5000 years: no period fits, year is kept without "none qualifies"
  // (there is no median to fall short), and the reason names the year.
  const Timeline ages = BuildTimeline({"0001-06-01", "9000-06-01"}, {{0}, {1}}, {}, {});
  CHECK_FALSE(ages.available);
  CHECK(ages.period_rule ==
        "auto: the finest of week, month, quarter, year with 90% of the dated documents precise "
        "enough and a median of at least 5 documents per period");
  CHECK(ages.reason.find("5000 periods of a year") != std::string::npos);
}

TEST_CASE("units of one document share its date; a document without units is not counted") {
  // Document 0 is cut into three units (two in series A), document 1 into one, document 2 has
  // none: the period holds 2 documents and 4 units, and A's share is 2/4.
  const std::vector<IsoDate> dates = {"2010-03-01", "2010-03-20", "2010-03-05"};
  const std::vector<TimelineItem> units = {{0}, {0}, {0}, {1}};
  TimelineSeriesSpec a;
  a.label = "A";
  a.kind = "known-theme";
  a.member = {1, 1, 0, 0};
  TimelineOptions monthly;
  monthly.period = PeriodKind::kMonth;
  const Timeline t = BuildTimeline(dates, units, {a}, monthly);
  REQUIRE(t.available);
  REQUIRE(t.periods.size() == 1);
  CHECK(t.periods[0].documents == 2);
  CHECK(t.periods[0].units == 4);
  CHECK(t.without_unit == 1);
  CHECK(t.series[0].kind == "known-theme");
  CHECK(t.series[0].shares[0] == doctest::Approx(0.5));
  CHECK(t.series[0].trend.flag == "insufficient");
}

}  // namespace
}  // namespace trendscan
