#include "trendscan/describe/over_time.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "trendscan/describe/crosstab.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/ingest/dates.hpp"

namespace trendscan {

namespace {

// The documents the timeline counts (the clustered ones), one series per theme, and one per
// known theme present in the corpus (the documents about it), so trends are flagged alike.
struct ThemeSeries {
  std::vector<IsoDate> dates;       // per document
  std::vector<TimelineItem> items;  // the clustered documents
  std::vector<TimelineSeriesSpec> series;
};

ThemeSeries SeriesOfThemes(const Report& report) {
  ThemeSeries out;
  out.dates.reserve(report.documents.size());
  for (std::size_t d = 0; d < report.documents.size(); ++d) {
    out.dates.push_back(report.documents[d].date);
    if (report.documents[d].theme != 0) out.items.push_back({d});
  }
  for (const Theme& theme : report.themes) {
    TimelineSeriesSpec spec;
    spec.theme = theme.id;
    spec.label = theme.label;
    spec.member.resize(out.items.size());
    for (std::size_t u = 0; u < out.items.size(); ++u) {
      spec.member[u] = report.documents[out.items[u].document].theme == theme.id;
    }
    out.series.push_back(std::move(spec));
  }
  for (std::size_t j = 0; j < report.known_themes.size(); ++j) {
    const KnownThemeEntry& k = report.known_themes[j];
    if (!k.present) continue;
    TimelineSeriesSpec spec;
    spec.kind = "known-theme";
    spec.known_theme = k.id;
    spec.label = k.name;
    spec.member.resize(out.items.size());
    for (std::size_t u = 0; u < out.items.size(); ++u) {
      spec.member[u] = report.documents[out.items[u].document].known_theme == static_cast<int>(j);
    }
    out.series.push_back(std::move(spec));
  }
  return out;
}

void WarnAboutDates(const Timeline& t, const DateRangeExclusions& excluded,
                    std::vector<std::string>* warnings) {
  if (excluded.undated > 0) {
    warnings->push_back(
        fmt::format("{} undated document(s) left out: --since/--until keep only dated documents",
                    excluded.undated));
  }
  if (t.available && t.undated > 0) {
    warnings->push_back(fmt::format(
        "{} document(s) without a usable date are in the themes but not in the timeline",
        t.undated));
  }
  if (t.available && t.too_coarse > 0) {
    warnings->push_back(
        fmt::format("{} document(s) dated less precisely than a {} are not in the timeline",
                    t.too_coarse, t.period));
  }
}

// The --by cross-tabulation of one variable, with a warning when no document has it.
Crosstab CrossTabulateVariable(const Report& report, const std::string& variable,
                               const ThemeSeries& themes, std::vector<std::string>* warnings) {
  std::vector<std::optional<std::string>> values(report.documents.size());
  std::set<std::string, std::less<>> keys_seen;
  for (std::size_t d = 0; d < report.documents.size(); ++d) {
    for (const auto& [key, value] : IdentityOf(report, d).metadata) {
      if (keys_seen.find(key) == keys_seen.end()) keys_seen.emplace(key);
      if (key == variable && !values[d]) values[d] = std::string(value);
    }
  }
  Crosstab table = CrossTabulate(variable, values, themes.items, themes.series);
  if (table.values.empty()) {
    std::string known;
    for (const std::string& k : keys_seen) known += (known.empty() ? "" : ", ") + k;
    warnings->push_back(fmt::format("--by {}: no document has this variable{}", variable,
                                    known.empty() ? std::string(" (no document has metadata)")
                                                  : " (variables found: " + known + ")"));
  }
  return table;
}

}  // namespace

Status ValidateOverTimeOptions(const OverTimeOptions& options) {
  if (options.timeline.min_period_documents < 1) {
    return Status::InvalidArgument("--min-period-documents must be at least 1");
  }
  if (!(options.timeline.significance > 0 && options.timeline.significance < 1)) {
    return Status::InvalidArgument("the timeline's significance level must lie in (0, 1)");
  }
  return ParseDateRange(options.timeline.since, options.timeline.until).status();
}

void DescribeOverTime(const OverTimeOptions& options, const DateRangeExclusions& excluded,
                      Report* report) {
  const ThemeSeries themes = SeriesOfThemes(*report);
  report->timeline = BuildTimeline(themes.dates, themes.items, themes.series, options.timeline);
  report->timeline.excluded_outside_range = excluded.outside;
  report->timeline.excluded_undated = excluded.undated;
  WarnAboutDates(report->timeline, excluded, &report->warnings);
  for (const std::string& variable : options.by) {
    report->crosstabs.push_back(
        CrossTabulateVariable(*report, variable, themes, &report->warnings));
  }
}

}  // namespace trendscan
