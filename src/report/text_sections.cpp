#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/sections.hpp"
#include "report/text_layout.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan::internal {
namespace {

using internal::Emphasis;

// "Theme 3", or for a known theme "K " and the start of its id ("K medias-").
std::string SeriesName(const TimelineSeries& s) {
  if (s.kind == "theme") return fmt::format("Theme {}", s.theme);
  return "K " + s.known_theme.substr(0, 7);
}

// Periods shown as a table of shares; beyond this only the sparklines (the JSON has them all).
constexpr std::size_t kMaxTablePeriods = 12;
// Periods drawn in a sparkline; beyond this (or beyond what the width allows) the latest ones.
constexpr std::size_t kMaxSparkPeriods = 80;
// A sparkline this long or shorter goes on its series' line; a longer one on a line of its own.
constexpr std::size_t kInlineSparkPeriods = 24;
// Values of a --by variable shown one per line; beyond this each theme lists its strongest.
constexpr std::size_t kMaxListedValues = 6;
// chi-squared with 1 df above which a value counts as over-represented (p < 0.05).
constexpr double kChi2Significant = 3.841;
// Values with fewer documents are not listed as over-represented in the text: one essay by an
// author is "100%" of that author and its chi-squared means little. The JSON has every value.
constexpr std::size_t kMinListedValueUnits = 5;

// One character per period, ▁ for 0 up to █ for the series' highest share; a space for a
// period without units.
std::string Sparkline(const Timeline& t, const TimelineSeries& s, std::size_t from) {
  static const char* const kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double top = 0;
  for (std::size_t p = from; p < s.shares.size(); ++p) top = std::max(top, s.shares[p]);
  std::string out;
  for (std::size_t p = from; p < s.shares.size(); ++p) {
    if (t.periods[p].units == 0) {
      out += ' ';
      continue;
    }
    const int level = top > 0 ? static_cast<int>(std::lround(7.0 * s.shares[p] / top)) : 0;
    out += kBars[std::clamp(level, 0, 7)];
  }
  return out;
}

// A cross-tabulation row, short ("T2", "K medias-") and long ("Theme 2", "Known theme
// medias-personnels").
std::string RowName(const CrosstabRow& r) {
  if (r.kind == "theme") return fmt::format("T{}", r.theme);
  return "K " + r.known_theme.substr(0, 7);
}

std::string RowLabel(const CrosstabRow& r) {
  if (r.kind == "theme") return fmt::format("Theme {}", r.theme);
  return "Known theme " + r.known_theme;
}

std::string Points(double share) { return fmt::format("{:+.1f}", 100.0 * share); }

// Without a timeline, why; and for undated input, how to get one.
void AppendNoTimeline(const Timeline& t, std::string* out) {
  AppendLine(out, t.reason.empty() ? std::string("No timeline.")
                                   : fmt::format("No timeline: {}.", t.reason));
  if (t.in_timeline == 0 && t.documents == t.undated) {
    AppendLine(out,
               "  Give documents a date (front matter `date: YYYY-MM-DD`) to see how themes "
               "move over time.");
  }
}

// The span, the period and why it was chosen, and which documents are not in the timeline.
void AppendTimelineHeader(const Timeline& t, std::string* out) {
  AppendLine(out, Emphasis(fmt::format("Timeline by {}, {} to {}: {} of {} documents in {} periods",
                                       t.period, t.periods.front().label, t.periods.back().label,
                                       t.in_timeline, t.documents, t.periods.size())));
  AppendLine(out, fmt::format("  period chosen {}", t.period_rule));
  std::string left_out;
  auto add = [&left_out](std::size_t n, const char* what) {
    if (n > 0) left_out += fmt::format("{}{} {}", left_out.empty() ? "" : ", ", n, what);
  };
  add(t.undated, "undated");
  add(t.too_coarse, "dated too coarsely for this period");
  add(t.without_unit, "in no theme");
  if (!left_out.empty()) AppendLine(out, "  not in the timeline: " + left_out);
  if (!t.since.empty() || !t.until.empty()) {
    AppendLine(out, fmt::format("  range{}{}: {} dated outside it and {} undated left out of the "
                                "analysis",
                                t.since.empty() ? "" : " from " + t.since,
                                t.until.empty() ? "" : " to " + t.until, t.excluded_outside_range,
                                t.excluded_undated));
  }
}

// Each theme's share per period, for up to kMaxTablePeriods periods; sparse ones marked *. The
// periods are cut into blocks of columns that fit the width.
void AppendShareTable(const Timeline& t, std::size_t width, std::string* out) {
  if (t.periods.size() > kMaxTablePeriods) return;
  constexpr std::size_t kNameWidth = 12;  // "  " and the series name
  auto column = [&](std::size_t p) {
    return std::max<std::size_t>(t.periods[p].label.size(), 5) + 2;
  };
  std::size_t from = 0;
  while (from < t.periods.size()) {
    std::size_t to = from;
    std::size_t used = kNameWidth;
    while (to < t.periods.size() && (to == from || width == 0 || used + column(to) <= width)) {
      used += column(to);
      ++to;
    }
    std::string header = fmt::format("  {:<10}", "period");
    std::string docs = fmt::format("  {:<10}", "documents");
    for (std::size_t p = from; p < to; ++p) {
      header += fmt::format(" {:>{}}", t.periods[p].label, column(p) - 1);
      docs += fmt::format(
          " {:>{}}", fmt::format("{}{}", t.periods[p].documents, t.periods[p].sparse ? "*" : ""),
          column(p) - 1);
    }
    AppendLine(out, "");
    AppendLine(out, header);
    AppendLine(out, docs);
    for (const TimelineSeries& s : t.series) {
      std::string row = fmt::format("  {:<10}", SeriesName(s));
      for (std::size_t p = from; p < to; ++p) {
        const std::string cell =
            t.periods[p].units == 0 ? "-" : fmt::format("{:.0f}%", 100.0 * s.shares[p]);
        row += fmt::format(" {:>{}}", cell, column(p) - 1);
      }
      AppendLine(out, row);
    }
    from = to;
  }
  AppendLine(out, "  (share of each period's documents in the theme, or about the known theme)");
}

void AppendSparseNote(const Timeline& t, std::string* out) {
  std::size_t sparse = 0;
  for (const TimelinePeriod& p : t.periods) sparse += p.sparse ? 1 : 0;
  if (sparse == 0) return;
  AppendLine(out, fmt::format("  {} sparse period(s) (fewer than {} documents{}) are not used "
                              "for trends",
                              sparse, t.min_period_documents,
                              t.periods.size() <= kMaxTablePeriods ? ", marked *" : ""));
}

// One line per theme: its sparkline, flag and slope figures; a long sparkline (more periods
// than kInlineSparkPeriods) on a line of its own under them, as many periods as the width holds.
void AppendTrends(const Timeline& t, std::size_t width, std::string* out) {
  constexpr std::size_t kSparkIndent = 12;
  std::size_t drawn = std::min(kMaxSparkPeriods, t.periods.size());
  if (drawn > kInlineSparkPeriods && width > kSparkIndent + kInlineSparkPeriods) {
    drawn = std::min(drawn, width - kSparkIndent);
  }
  const std::size_t from = t.periods.size() - drawn;
  const bool inline_spark = drawn <= kInlineSparkPeriods;
  AppendLine(out, "");
  AppendLine(out,
             fmt::format("  Trends{}: slope in points per {} [{:.0f}% interval], Mann-Kendall p",
                         from > 0 ? fmt::format(" (last {} periods drawn)", drawn) : "", t.period,
                         100.0 * (1.0 - t.significance)));
  for (const TimelineSeries& s : t.series) {
    const TrendFigures& f = s.trend;
    std::string figures = "too few periods for a trend";
    if (f.computed) {
      figures = fmt::format("{} [{}, {}] p={:.3f}", Points(f.slope), Points(f.slope_low),
                            Points(f.slope_high), f.mann_kendall_p);
    }
    const std::string spark = Sparkline(t, s, from);
    std::string line = fmt::format("  {:<9} {}{:<12} {}", SeriesName(s),
                                   inline_spark ? spark + "  " : "", f.flag, figures);
    // The label takes what room the width leaves (at least a word's worth).
    const std::size_t used = internal::CountCodePoints(line) + 3;
    const std::size_t room = width > used + 12 ? width - used : 12;
    AppendLine(out,
               line + " · " + internal::Truncate(s.label, std::min<std::size_t>(room - 1, 50)));
    if (!inline_spark) AppendLine(out, std::string(kSparkIndent, ' ') + spark);
  }
}

// The emerging and declining themes by name, and the rule that flags them.
void AppendFlaggedThemes(const Timeline& t, std::string* out) {
  for (const char* flag : {"emerging", "declining"}) {
    std::string names;
    for (const TimelineSeries& s : t.series) {
      if (s.trend.flag != flag) continue;
      names += fmt::format("{}{} ({}, {} points over the span)", names.empty() ? "" : "; ",
                           SeriesName(s), s.label, Points(s.trend.change));
    }
    if (!names.empty()) AppendLine(out, fmt::format("  {}: {}", flag, names));
  }
  AppendLine(out, "  rule: emerging (declining) when the slope's interval lies above (below) 0,");
  AppendLine(out, fmt::format("        Mann-Kendall p < {} and the fitted change reaches {:.0f} "
                              "points,",
                              t.significance, 100.0 * t.min_change));
  AppendLine(out, fmt::format("        over at least {} non-sparse periods", t.min_trend_periods));
}

}  // namespace

std::string RenderTimelineText(const Timeline& t, std::size_t width) {
  std::string out = "\n";
  if (!t.available) {
    AppendNoTimeline(t, &out);
    return out;
  }
  AppendTimelineHeader(t, &out);
  AppendShareTable(t, width, &out);
  AppendSparseNote(t, &out);
  AppendTrends(t, width, &out);
  AppendFlaggedThemes(t, &out);
  return out;
}

std::string RenderCrosstabsText(const std::vector<Crosstab>& crosstabs) {
  std::string out;
  auto line = [&out](const std::string& s) {
    out += s;
    out += '\n';
  };
  for (const Crosstab& c : crosstabs) {
    line("");
    line(
        Emphasis(fmt::format("Themes by {}: {} documents with a value, {} without, {} distinct "
                             "value(s)",
                             ForTerminal(c.variable, true), c.units, c.missing, c.values.size())));
    if (c.values.empty()) continue;
    if (c.values.size() <= kMaxListedValues) {
      for (std::size_t v = 0; v < c.values.size(); ++v) {
        std::string cells;
        for (const CrosstabRow& r : c.rows) {
          cells += fmt::format("{}{} {:.0f}% ({:+.1f})", cells.empty() ? "" : " · ", RowName(r),
                               100.0 * r.cells[v].share, r.cells[v].chi2);
        }
        line(fmt::format("  {} ({}): {}", ForTerminal(Truncate(c.values[v].value, 40), true),
                         c.values[v].units, cells));
      }
      line("  (each theme's share of the value's documents, and its signed chi-squared)");
      continue;
    }
    for (const CrosstabRow& r : c.rows) {
      std::vector<std::size_t> strong;
      for (std::size_t v = 0; v < r.cells.size(); ++v) {
        if (r.cells[v].chi2 >= kChi2Significant && c.values[v].units >= kMinListedValueUnits) {
          strong.push_back(v);
        }
      }
      std::stable_sort(strong.begin(), strong.end(), [&](std::size_t a, std::size_t b) {
        return r.cells[a].chi2 > r.cells[b].chi2;
      });
      std::string listed;
      for (std::size_t i = 0; i < strong.size() && i < 3; ++i) {
        const std::size_t v = strong[i];
        listed += fmt::format("{}{} ({:.0f}%, chi2 {:+.1f})", listed.empty() ? "" : ", ",
                              ForTerminal(Truncate(c.values[v].value, 40), true),
                              100.0 * r.cells[v].share, r.cells[v].chi2);
      }
      line(fmt::format(
          "  {}: {}", RowLabel(r),
          listed.empty() ? "no value over-represented" : "over-represented: " + listed));
    }
    line(
        fmt::format("  (values with at least {} documents and chi2 >= 3.84, i.e. p < 0.05; every "
                    "value is in the JSON report)",
                    kMinListedValueUnits));
  }
  return out;
}

}  // namespace trendscan::internal
