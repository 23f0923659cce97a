// The report as CSV tables (docs/tables.md). Long form throughout (one row per theme and
// period, per cell of a cross-table...), which is what R's data frames and spreadsheet pivot
// tables start from.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "report/escape.hpp"
#include "report/theme_fields.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

// A CSV table built a field at a time; each row must have as many fields as the header.
class Csv {
 public:
  explicit Csv(const std::vector<std::string>& header) : columns_(header.size()) {
    for (const std::string& h : header) Text(h);
    EndRow();
  }

  Csv& Text(std::string_view s) {
    Separate();
    out_ += internal::CsvField(s);
    return *this;
  }
  template <typename T>
  Csv& Number(T v) {
    Separate();
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isfinite(v)) fmt::format_to(std::back_inserter(out_), "{}", v);
    } else {
      fmt::format_to(std::back_inserter(out_), "{}", v);
    }
    return *this;
  }
  Csv& Bool(bool v) { return Text(v ? "TRUE" : "FALSE"); }
  Csv& Empty() {
    Separate();
    return *this;
  }
  // A theme id, or empty for 0 ("in no theme").
  Csv& Id(int id) { return id > 0 ? Number(id) : Empty(); }
  Csv& Optional(const std::optional<double>& v) { return v ? Number(*v) : Empty(); }

  void EndRow() {
    // A row short of fields is a bug of this file; the header says how many.
    while (fields_ < columns_) Empty();
    out_ += "\r\n";
    fields_ = 0;
  }
  std::string Take() { return std::move(out_); }

 private:
  void Separate() {
    if (fields_++ > 0) out_ += ',';
  }
  std::size_t columns_;
  std::size_t fields_ = 0;
  std::string out_;
};

const std::string& KnownId(const Report& report, int index) {
  static const std::string kNone;
  return index < 0 ? kNone : report.known_themes[static_cast<std::size_t>(index)].id;
}

const TimelineSeries* ThemeSeries(const Report& report, int theme) {
  for (const TimelineSeries& s : report.timeline.series) {
    if (s.kind == "theme" && s.theme == theme) return &s;
  }
  return nullptr;
}

const MapPoint* ThemePoint(const Report& report, int theme) {
  for (const MapPoint& p : report.theme_map.themes) {
    if (p.theme == theme) return &p;
  }
  return nullptr;
}

std::string Themes(const Report& report) {
  std::vector<std::string> header = {"theme",
                                     "label",
                                     "words",
                                     "size",
                                     "share",
                                     "documents",
                                     "known_theme",
                                     "known_theme_name",
                                     "known_score",
                                     "known_items",
                                     "known_items_about",
                                     "new",
                                     "split_of",
                                     "trend",
                                     "map_x",
                                     "map_y"};
  header.push_back("stability");
  Csv csv(header);
  for (const Theme& t : report.themes) {
    csv.Number(t.id).Text(t.label).Text(t.words).Number(t.size).Number(t.share).Number(t.documents);
    const KnownThemeMatch& k = t.known;
    csv.Text(KnownId(report, k.known_theme));
    if (k.known_theme >= 0) {
      csv.Text(report.known_themes[static_cast<std::size_t>(k.known_theme)].name)
          .Number(k.score)
          .Number(k.items)
          .Number(k.items_about);
    } else {
      csv.Empty().Empty().Number(k.items).Number(k.items_about);
    }
    csv.Bool(k.is_new).Id(k.split_of);
    const TimelineSeries* s = ThemeSeries(report, t.id);
    csv.Text(s != nullptr ? s->trend.flag : "");
    const MapPoint* p = ThemePoint(report, t.id);
    if (p != nullptr) {
      csv.Number(p->x).Number(p->y);
    } else {
      csv.Empty().Empty();
    }
    csv.Optional(internal::StabilityOf(t));
    csv.EndRow();
  }
  return csv.Take();
}

std::string Terms(const Report& report) {
  Csv csv({"theme", "list", "rank", "word", "term", "in_theme", "outside", "chi2", "p_value"});
  for (const Theme& t : report.themes) {
    for (const auto& [list, terms] : {std::pair<const char*, const std::vector<TermStatistic>*>{
                                          "profile", &t.characteristic_terms},
                                      {"anti-profile", &t.anti_profile}}) {
      for (std::size_t i = 0; i < terms->size(); ++i) {
        const TermStatistic& s = (*terms)[i];
        csv.Number(t.id).Text(list).Number(i + 1).Text(s.word).Text(s.term).Number(s.in_theme);
        csv.Number(s.outside).Number(s.chi2).Number(s.p_value);
        csv.EndRow();
      }
    }
  }
  return csv.Take();
}

// The metadata keys of every document, in first-seen order.
std::vector<std::string> MetadataKeys(const Report& report) {
  std::vector<std::string> keys;
  for (std::size_t d = 0; d < report.documents.size(); ++d) {
    for (const auto& entry : IdentityOf(report, d).metadata) {
      if (std::find(keys.begin(), keys.end(), entry.first) == keys.end()) {
        keys.emplace_back(entry.first);
      }
    }
  }
  return keys;
}

std::string Documents(const Report& report) {
  std::vector<std::string> header = {"document_index", "id",    "path",        "title",
                                     "date",           "theme", "similarity",  "label",
                                     "text_offset",    "units", "known_theme", "known_score"};
  for (const Theme& t : report.themes) header.push_back(fmt::format("mix_{}", t.id));
  for (const KnownThemeEntry& k : report.known_themes) header.push_back("known_" + k.id);
  const std::vector<std::string> keys = MetadataKeys(report);
  for (const std::string& key : keys) header.push_back("meta_" + key);
  Csv csv(header);
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    const DocumentEntry& d = report.documents[i];
    const DocumentIdentity identity = IdentityOf(report, i);
    csv.Number(i).Text(identity.id).Text(d.path.str()).Text(identity.title).Text(d.date);
    csv.Id(d.theme);
    csv.Number(d.similarity).Text(d.label).Number(d.text_offset).Number(d.units);
    csv.Text(KnownId(report, d.known_theme));
    const auto k = static_cast<std::size_t>(d.known_theme);
    const Span<const double> scores = KnownScoresOf(report, i);
    if (d.known_theme >= 0 && k < scores.size()) {
      csv.Number(scores[k]);
    } else {
      csv.Empty();
    }
    for (const Theme& t : report.themes) {
      double share = 0;
      for (const ThemeShare& m : ThemeMixOf(report, i)) {
        if (m.theme == t.id) share = m.share;
      }
      csv.Number(share);
    }
    for (std::size_t j = 0; j < report.known_themes.size(); ++j) {
      if (j < scores.size()) {
        csv.Number(scores[j]);
      } else {
        csv.Empty();
      }
    }
    for (const std::string& key : keys) {
      // A key that repeats keeps its last value, as in the JSON report.
      std::string_view value;
      for (const auto& entry : identity.metadata) {
        if (entry.first == key) value = entry.second;
      }
      csv.Text(value);
    }
    csv.EndRow();
  }
  return csv.Take();
}

std::string Units(const Report& report) {
  Csv csv({"unit_index", "document_index", "document", "begin", "end", "theme", "similarity",
           "known_theme", "known_score", "too_short", "text"});
  for (std::size_t i = 0; i < report.units.size(); ++i) {
    const UnitEntry& u = report.units[i];
    csv.Number(i).Number(u.document).Text(IdentityOf(report, u.document).id).Number(u.begin);
    csv.Number(u.end).Id(u.theme).Number(u.similarity).Text(KnownId(report, u.known_theme));
    csv.Number(u.known_score).Bool(u.too_short);
    csv.Text(i < report.unit_texts.size() ? std::string_view(report.unit_texts[i]) : "");
    csv.EndRow();
  }
  return csv.Take();
}

std::string Passages(const Report& report) {
  Csv csv({"theme", "rank", "unit_index", "document_index", "document", "begin", "end",
           "similarity", "text", "truncated"});
  for (const Theme& t : report.themes) {
    for (std::size_t i = 0; i < t.passages.size(); ++i) {
      const Passage& p = t.passages[i];
      const UnitEntry& u = report.units[p.unit];
      csv.Number(t.id).Number(i + 1).Number(p.unit).Number(p.document);
      csv.Text(IdentityOf(report, p.document).id).Number(u.begin).Number(u.end);
      csv.Number(p.similarity).Text(p.text).Bool(p.truncated);
      csv.EndRow();
    }
  }
  return csv.Take();
}

std::string Concordance(const Report& report) {
  Csv csv({"theme", "term", "word", "document_index", "document", "begin", "end", "left", "right"});
  for (const Theme& t : report.themes) {
    for (const ConcordanceLine& c : t.concordance) {
      csv.Number(t.id).Text(c.term).Text(c.word).Number(c.document);
      csv.Text(IdentityOf(report, c.document).id).Number(c.begin).Number(c.end);
      csv.Text(c.left).Text(c.right);
      csv.EndRow();
    }
  }
  return csv.Take();
}

// The series' identity, shared by the timeline, trends and cross-table files.
void SeriesColumns(Csv& csv, const std::string& kind, int theme, const std::string& known,
                   const std::string& label) {
  csv.Text(kind).Id(theme).Text(known).Text(label);
}

std::string TimelineTable(const Report& report) {
  Csv csv({"kind", "theme", "known_theme", "label", "period", "start", "end", "period_documents",
           "period_units", "sparse", "count", "share"});
  const Timeline& t = report.timeline;
  for (const TimelineSeries& s : t.series) {
    for (std::size_t p = 0; p < t.periods.size(); ++p) {
      const TimelinePeriod& period = t.periods[p];
      SeriesColumns(csv, s.kind, s.theme, s.known_theme, s.label);
      csv.Text(period.label).Text(period.start).Text(period.end).Number(period.documents);
      csv.Number(period.units).Bool(period.sparse).Number(s.counts[p]);
      if (period.units > 0) {
        csv.Number(s.shares[p]);
      } else {
        csv.Empty();  // no documents: no share
      }
      csv.EndRow();
    }
  }
  return csv.Take();
}

std::string Trends(const Report& report) {
  Csv csv({"kind", "theme", "known_theme", "label", "flag", "periods_used", "slope", "slope_low",
           "slope_high", "slope_p", "change", "mann_kendall_s", "mann_kendall_z", "mann_kendall_p",
           "kendall_tau"});
  for (const TimelineSeries& s : report.timeline.series) {
    const TrendFigures& f = s.trend;
    SeriesColumns(csv, s.kind, s.theme, s.known_theme, s.label);
    csv.Text(f.flag).Number(f.periods_used);
    if (f.computed) {
      csv.Number(f.slope).Number(f.slope_low).Number(f.slope_high).Number(f.slope_p);
      csv.Number(f.change).Number(f.mann_kendall_s).Number(f.mann_kendall_z);
      csv.Number(f.mann_kendall_p).Number(f.kendall_tau);
    }
    csv.EndRow();
  }
  return csv.Take();
}

std::string Crosstabs(const Report& report) {
  Csv csv({"variable", "value", "value_units", "kind", "theme", "known_theme", "label", "row_units",
           "count", "share", "chi2", "p"});
  for (const Crosstab& c : report.crosstabs) {
    for (const CrosstabRow& r : c.rows) {
      for (std::size_t v = 0; v < c.values.size(); ++v) {
        const CrosstabCell& cell = r.cells[v];
        csv.Text(c.variable).Text(c.values[v].value).Number(c.values[v].units);
        SeriesColumns(csv, r.kind, r.theme, r.known_theme, r.label);
        csv.Number(r.units).Number(cell.count).Number(cell.share).Number(cell.chi2).Number(cell.p);
        csv.EndRow();
      }
    }
  }
  return csv.Take();
}

std::string KnownThemes(const Report& report) {
  Csv csv({"id", "name", "lexicon_terms", "terms_in_corpus", "themes", "documents", "items_about",
           "present", "guided"});
  for (const KnownThemeEntry& k : report.known_themes) {
    std::string themes;
    for (int id : k.themes) themes += fmt::format("{}{}", themes.empty() ? "" : ";", id);
    csv.Text(k.id).Text(k.name).Number(k.lexicon_terms).Number(k.terms_in_corpus).Text(themes);
    csv.Number(k.documents).Number(k.items_about).Bool(k.present).Bool(k.guided);
    csv.EndRow();
  }
  return csv.Take();
}

std::string Map(const Report& report) {
  std::vector<std::string> header = {"point", "theme", "word", "term"};
  for (std::size_t a = 0; a < kMapAxes; ++a) header.push_back(fmt::format("axis{}", a + 1));
  header.push_back("occurrences");
  Csv csv(header);
  const ThemeMap& m = report.theme_map;
  auto coordinates = [&csv](const MapPoint& p) {
    for (std::size_t a = 0; a < kMapAxes; ++a) {
      if (a < p.coordinates.size()) {
        csv.Number(p.coordinates[a]);
      } else {
        csv.Empty();
      }
    }
  };
  for (const MapPoint& p : m.themes) {
    csv.Text("theme").Number(p.theme).Empty().Empty();
    coordinates(p);
    csv.Number(p.occurrences);
    csv.EndRow();
  }
  for (const MapPoint& p : m.terms) {
    csv.Text("word").Number(p.theme).Text(p.word).Text(p.term);
    coordinates(p);
    csv.Number(p.occurrences);
    csv.EndRow();
  }
  return csv.Take();
}

std::string MapAxes(const Report& report) {
  Csv csv({"axis", "inertia_share", "total_inertia", "axes", "method"});
  const ThemeMap& m = report.theme_map;
  for (std::size_t a = 0; a < m.axis_inertia.size(); ++a) {
    csv.Number(a + 1).Number(m.axis_inertia[a]).Number(m.total_inertia).Number(m.axes);
    csv.Text(m.method);
    csv.EndRow();
  }
  return csv.Take();
}

std::string Parameters(const Report& report) {
  Csv csv({"name", "value"});
  csv.Text("tool_version").Text(report.tool_version);
  csv.EndRow();
  csv.Text("input_fingerprint").Text(report.input.fingerprint);
  csv.EndRow();
  for (const ReportParameter& p : report.parameters) {
    csv.Text(p.name);
    std::visit(
        [&csv](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            csv.Text("");  // not set
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            csv.Text(fmt::format("{}", fmt::join(v, ",")));  // an option that repeats
          } else if constexpr (std::is_same_v<T, std::string>) {
            csv.Text(v);
          } else if constexpr (std::is_same_v<T, bool>) {
            csv.Bool(v);
          } else {
            csv.Number(v);
          }
        },
        p.value);
    csv.EndRow();
  }
  return csv.Take();
}

}  // namespace

std::vector<ReportTable> RenderTables(const Report& report) {
  return {{"themes.csv", Themes(report)},
          {"terms.csv", Terms(report)},
          {"documents.csv", Documents(report)},
          {"units.csv", Units(report)},
          {"passages.csv", Passages(report)},
          {"concordance.csv", Concordance(report)},
          {"timeline.csv", TimelineTable(report)},
          {"trends.csv", Trends(report)},
          {"crosstabs.csv", Crosstabs(report)},
          {"known_themes.csv", KnownThemes(report)},
          {"map.csv", Map(report)},
          {"map_axes.csv", MapAxes(report)},
          {"parameters.csv", Parameters(report)}};
}

}  // namespace trendscan
