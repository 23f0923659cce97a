#include "describe/over_time.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "trendscan/describe/crosstab.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/ingest/dates.hpp"

namespace trendscan::internal {

Result<const Corpus*> RestrictToDateRange(const Corpus& corpus, const AnalyzeOptions& options,
                                          Corpus* storage, RangeExclusions* excluded,
                                          Corpus* owned) {
  if (options.timeline.min_period_documents < 1) {
    return Status::InvalidArgument("--min-period-documents must be at least 1");
  }
  if (!(options.timeline.significance > 0 && options.timeline.significance < 1)) {
    return Status::InvalidArgument("the timeline's significance level must lie in (0, 1)");
  }
  TRENDSCAN_ASSIGN_OR_RETURN(const DateRange range,
                             ParseDateRange(options.timeline.since, options.timeline.until));
  if (range.empty()) return &corpus;
  // Everything but the documents: counts, warnings, and how the files were read (passages of
  // released texts are read again with the same options).
  storage->warnings = corpus.warnings;
  storage->files_read = corpus.files_read;
  storage->files_skipped = corpus.files_skipped;
  storage->records_skipped = corpus.records_skipped;
  storage->files_ignored = corpus.files_ignored;
  storage->bytes_read = corpus.bytes_read;
  storage->read_with = corpus.read_with;
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const std::optional<CalendarDate> date = ParseIsoDate(corpus.documents[d].date);
    if (!date) {
      ++excluded->undated;
    } else if (!InDateRange(*date, range)) {
      ++excluded->outside;
    } else if (owned != nullptr) {
      storage->documents.push_back(std::move(owned->documents[d]));
    } else {
      storage->documents.push_back(corpus.documents[d]);
    }
  }
  if (storage->documents.empty()) {
    return Status::EmptyInput(fmt::format(
        "no document is dated within {}{}{} ({} dated outside, {} undated)",
        options.timeline.since.empty() ? "" : "--since " + options.timeline.since,
        !options.timeline.since.empty() && !options.timeline.until.empty() ? " " : "",
        options.timeline.until.empty() ? "" : "--until " + options.timeline.until,
        excluded->outside, excluded->undated));
  }
  return static_cast<const Corpus*>(storage);
}

void DescribeOverTime(const Corpus& corpus, const AnalyzeOptions& options,
                      const RangeExclusions& excluded, Report* report) {
  // Today a unit is a clustered document; when documents are cut into segments, only this
  // mapping (units, and the theme of each) changes.
  std::vector<std::string> dates;
  dates.reserve(report->documents.size());
  std::vector<TimelineUnit> units;
  for (std::size_t d = 0; d < report->documents.size(); ++d) {
    dates.push_back(report->documents[d].date);
    if (report->documents[d].theme != 0) units.push_back({d});
  }
  std::vector<TimelineSeriesSpec> series;
  for (const Theme& theme : report->themes) {
    TimelineSeriesSpec spec;
    spec.theme = theme.id;
    spec.label = theme.label;
    spec.member.resize(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      spec.member[u] = report->documents[units[u].document].theme == theme.id;
    }
    series.push_back(std::move(spec));
  }

  auto& p = report->parameters;
  p.push_back({"period", std::string(PeriodName(options.timeline.period))});
  p.push_back({"min-period-documents",
               static_cast<std::int64_t>(options.timeline.min_period_documents)});
  p.push_back({"since", options.timeline.since});
  p.push_back({"until", options.timeline.until});
  std::string by;
  for (const std::string& v : options.by) by += (by.empty() ? "" : ",") + v;
  p.push_back({"by", by});

  report->timeline = BuildTimeline(dates, units, series, options.timeline);
  Timeline& t = report->timeline;
  t.excluded_outside_range = excluded.outside;
  t.excluded_undated = excluded.undated;
  if (excluded.undated > 0) {
    report->warnings.push_back(fmt::format(
        "{} undated document(s) left out: --since/--until keep only dated documents",
        excluded.undated));
  }
  if (t.available && t.undated > 0) {
    report->warnings.push_back(fmt::format(
        "{} document(s) without a usable date are in the themes but not in the timeline",
        t.undated));
  }
  if (t.available && t.too_coarse > 0) {
    report->warnings.push_back(fmt::format(
        "{} document(s) dated less precisely than a {} are not in the timeline", t.too_coarse,
        t.period));
  }

  for (const std::string& variable : options.by) {
    std::vector<std::optional<std::string>> values(corpus.documents.size());
    std::set<std::string> keys_seen;
    for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
      for (const auto& [key, value] : corpus.documents[d].metadata) {
        keys_seen.insert(key);
        if (key == variable && !values[d]) values[d] = value;
      }
    }
    report->crosstabs.push_back(CrossTabulate(variable, values, units, series));
    if (report->crosstabs.back().values.empty()) {
      std::string known;
      for (const std::string& k : keys_seen) known += (known.empty() ? "" : ", ") + k;
      report->warnings.push_back(
          fmt::format("--by {}: no document has this variable{}", variable,
                      known.empty() ? std::string(" (no document has metadata)")
                                    : " (variables found: " + known + ")"));
    }
  }
}

}  // namespace trendscan::internal
