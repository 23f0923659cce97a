#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/sections.hpp"
#include "util/text_util.hpp"

namespace trendscan::internal {
namespace {

// "Theme 3", or for a known theme "K " and the start of its id ("K medias-").
std::string SeriesName(const TimelineSeries& s) {
  if (s.kind == "theme") return fmt::format("Theme {}", s.theme);
  return "K " + s.known_theme.substr(0, 7);
}

// Periods shown as a table of shares; beyond this only the sparklines (the JSON has them all).
constexpr std::size_t kMaxTablePeriods = 12;
// Periods drawn in a sparkline; beyond this the latest ones.
constexpr std::size_t kMaxSparkPeriods = 80;
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
  AppendLine(out, fmt::format("Timeline by {}, {} to {}: {} of {} documents in {} periods",
                              t.period, t.periods.front().label, t.periods.back().label,
                              t.in_timeline, t.documents, t.periods.size()));
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

// Each theme's share per period, for up to kMaxTablePeriods periods; sparse ones marked *.
void AppendShareTable(const Timeline& t, std::string* out) {
  if (t.periods.size() > kMaxTablePeriods) return;
  std::string header = fmt::format("  {:<10}", "period");
  std::string docs = fmt::format("  {:<10}", "documents");
  for (const TimelinePeriod& p : t.periods) {
    const std::size_t width = std::max<std::size_t>(p.label.size(), 5) + 1;
    header += fmt::format(" {:>{}}", p.label, width);
    docs += fmt::format(" {:>{}}", fmt::format("{}{}", p.documents, p.sparse ? "*" : ""), width);
  }
  AppendLine(out, "");
  AppendLine(out, header);
  AppendLine(out, docs);
  for (const TimelineSeries& s : t.series) {
    std::string row = fmt::format("  {:<10}", SeriesName(s));
    for (std::size_t p = 0; p < t.periods.size(); ++p) {
      const std::size_t width = std::max<std::size_t>(t.periods[p].label.size(), 5) + 1;
      const std::string cell =
          t.periods[p].units == 0 ? "-" : fmt::format("{:.0f}%", 100.0 * s.shares[p]);
      row += fmt::format(" {:>{}}", cell, width);
    }
    AppendLine(out, row);
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

// One line per theme: its sparkline, flag and slope figures.
void AppendTrends(const Timeline& t, std::string* out) {
  const std::size_t from =
      t.periods.size() > kMaxSparkPeriods ? t.periods.size() - kMaxSparkPeriods : 0;
  AppendLine(out, "");
  AppendLine(out,
             fmt::format("  Trends ({}slope of the share in points per {} with its {:.0f}% "
                         "interval; Mann-Kendall p):",
                         from > 0 ? fmt::format("last {} periods drawn; ", kMaxSparkPeriods) : "",
                         t.period, 100.0 * (1.0 - t.significance)));
  for (const TimelineSeries& s : t.series) {
    const TrendFigures& f = s.trend;
    std::string figures = "too few periods for a trend";
    if (f.computed) {
      figures = fmt::format("{} [{}, {}]  p={:.3f}", Points(f.slope), Points(f.slope_low),
                            Points(f.slope_high), f.mann_kendall_p);
    }
    AppendLine(out, fmt::format("  {:<9} {}  {:<13}{}  · {}", SeriesName(s), Sparkline(t, s, from),
                                f.flag, figures, internal::Truncate(s.label, 50)));
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
                              "points, over at least {} non-sparse periods",
                              t.significance, 100.0 * t.min_change, t.min_trend_periods));
}

}  // namespace

std::string RenderTimelineText(const Timeline& t) {
  std::string out = "\n";
  if (!t.available) {
    AppendNoTimeline(t, &out);
    return out;
  }
  AppendTimelineHeader(t, &out);
  AppendShareTable(t, &out);
  AppendSparseNote(t, &out);
  AppendTrends(t, &out);
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
    line(fmt::format("Themes by {}: {} documents with a value, {} without, {} distinct value(s)",
                     ForTerminal(c.variable, true), c.units, c.missing, c.values.size()));
    if (c.values.empty()) continue;
    if (c.values.size() <= kMaxListedValues) {
      for (std::size_t v = 0; v < c.values.size(); ++v) {
        std::string cells;
        for (const CrosstabRow& r : c.rows) {
          cells += fmt::format("{}T{} {:.0f}% ({:+.1f})", cells.empty() ? "" : " · ", r.theme,
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
          "  Theme {}: {}", r.theme,
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
