// The HTML report: one self-contained page (inline CSS, SVG and a small script, nothing
// fetched) that reads in any browser and prints on A4. Sections in the order a researcher reads
// them: the overview of the themes, the tree, the map, each theme, the concordance, the
// timeline, the cross-tabulations, the known themes, the documents, and how the report was made.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "report/escape.hpp"
#include "report/html_parts.hpp"
#include "report/sections.hpp"
#include "report/theme_fields.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

using internal::Grouped;
using internal::HtmlEscape;
using internal::ThemeColor;

// Values of a --by variable drawn in its heat map; the table below it has them all.
constexpr std::size_t kHeatmapValues = 40;

std::string E(std::string_view text) { return HtmlEscape(text); }

std::string Plural(std::size_t n, const std::string& word) {
  return fmt::format("{} {}{}", Grouped(n), word, n == 1 ? "" : "s");
}

std::string Percent(double share, int digits = 1) {
  return fmt::format("{:.{}f}%", 100.0 * share, digits);
}

// A theme's marker as a small inline drawing, for tables and headings.
std::string Swatch(int theme) {
  return "<svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" "
         "aria-hidden=\"true\">" +
         internal::ThemeMarker(theme, 7, 7, 5) + "</svg>";
}

std::string ThemeName(const Theme& t) { return fmt::format("T{} · {}", t.id, E(t.label)); }

const TimelineSeries* SeriesOf(const Report& report, int theme) {
  for (const TimelineSeries& s : report.timeline.series) {
    if (s.kind == "theme" && s.theme == theme) return &s;
  }
  return nullptr;
}

std::string FlagText(const std::string& flag) {
  if (flag == "emerging") return "<span class=\"flag emerging\">▲ emerging</span>";
  if (flag == "declining") return "<span class=\"flag declining\">▼ declining</span>";
  return E(flag);
}

std::string KnownMatchHtml(const KnownThemeMatch& known, const Report& report) {
  const std::string items = report.themes_found_on == "document" ? "documents" : report.unit + "s";
  if (known.known_theme < 0) return "new theme: none of its " + items + " is about a known theme";
  const KnownThemeEntry& k = report.known_themes[static_cast<std::size_t>(known.known_theme)];
  if (known.is_new) {
    return fmt::format("new theme; {} of its {} {} about {}, fewer than half", known.items_about,
                       known.items, items, E(k.name));
  }
  std::string text = fmt::format(
      "known theme <b>{}</b>: {} of its {} {} about it, {:.0f}% of its "
      "words",
      E(k.name), known.items_about, known.items, items, 100.0 * known.score);
  if (known.split_of > 0) text += fmt::format("; split from T{}", known.split_of);
  return text;
}

// A figure: its caption, the drawing, and a table of the same figures under a disclosure.
std::string Figure(const std::string& caption, const std::string& svg, const std::string& table,
                   const char* css_class = "") {
  std::string out =
      fmt::format("<figure class=\"{}\"><figcaption>{}</figcaption>", css_class, caption);
  out += svg;
  if (!table.empty()) {
    out +=
        "<details class=\"no-print\"><summary>The figures as a table</summary><div "
        "class=\"scroll\">" +
        table + "</div></details>";
  }
  return out + "</figure>";
}

// ---- Header and overview. ----

void AppendHeader(const Report& report, std::string* out) {
  const CorpusStats& c = report.corpus;
  *out += "<header><h1>Themes of " + Plural(c.documents, "document") + "</h1>";
  *out += fmt::format(
      "<p class=\"summary\">trendscan {} · {} · {} tokens ({} after stop words) · {} terms kept "
      "of {}</p>",
      E(report.tool_version), Plural(c.documents, "document"), Grouped(c.tokens),
      Grouped(c.kept_tokens), Grouped(c.vocabulary), Grouped(c.distinct_terms));
  *out += "<nav aria-label=\"Sections\"><ol><li><a href=\"#overview\">Overview</a></li>";
  if (!report.tree.empty()) *out += "<li><a href=\"#tree\">Tree</a></li>";
  *out +=
      "<li><a href=\"#map\">Map</a></li><li><a href=\"#themes\">Themes</a></li>"
      "<li><a href=\"#concordance\">Concordance</a></li>"
      "<li><a href=\"#timeline\">Timeline</a></li>";
  if (!report.crosstabs.empty()) *out += "<li><a href=\"#crosstabs\">By variable</a></li>";
  *out +=
      "<li><a href=\"#known-themes\">Known themes</a></li>"
      "<li><a href=\"#documents\">Documents</a></li><li><a href=\"#about\">About</a></li>"
      "</ol></nav></header>";
}

void AppendOverview(const Report& report, std::string* out) {
  const CorpusStats& c = report.corpus;
  const ClusteringSummary& s = report.clustering;
  *out +=
      "<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">"
      "Overview</h2>";
  *out += fmt::format(
      "<p>{} themes found by {}{}, on {} (best of {} restarts: {} rounds and {} refinement "
      "passes; mean cosine to the centroid {:.3f}).</p>",
      s.k, E(s.algorithm),
      s.guided ? fmt::format(", {} of them guided by known themes", s.seeded) : "",
      report.themes_found_on == "document" ? "whole documents" : report.unit + "s", s.restarts,
      s.iterations, s.refinement_passes, s.mean_similarity);
  if (report.unit != "document") {
    *out += fmt::format(
        "<p>Units: {} cut from the documents, {} of them in a theme ({}s of "
        "fewer than {} words left out).</p>",
        Plural(c.units, report.unit), Grouped(c.clustered_units), E(report.unit),
        report.min_unit_words);
  }
  for (const std::string& note : report.notes)
    *out += "<p class=\"note\">Note: " + E(note) + "</p>";
  if (report.quality) {
    const Quality& q = *report.quality;
    *out += fmt::format(
        "<p>Agreement with the reference labels ({} documents, {} labels): NMI "
        "{:.3f}, ARI {:.3f}.</p>",
        q.labelled_documents, q.labels, q.nmi, q.ari);
  }
  if (!report.k_selection.empty()) {
    const bool by_stability = report.clustering.k_criterion == "stability";
    std::string table =
        "<table><thead><tr><th class=\"num\">k</th><th class=\"num\">stability</th><th "
        "class=\"num\">chance</th><th class=\"num\">stability − chance</th><th "
        "class=\"num\">least stable theme</th><th class=\"num\">silhouette</th><th "
        "class=\"num\">objective</th></tr></thead><tbody>";
    for (const KCandidate& k : report.k_selection) {
      table += fmt::format(
          "<tr><td class=\"num\">{}{}</td><td class=\"num\">{:.2f}</td><td "
          "class=\"num\">{:.2f}</td><td class=\"num\">{:+.2f}</td><td "
          "class=\"num\">{:.2f}</td><td class=\"num\">{:.4f}</td><td "
          "class=\"num\">{:.2f}</td></tr>",
          k.k, k.k == s.k ? " (chosen)" : "", k.stability, k.chance_stability,
          k.stability - k.chance_stability, k.min_stability, k.silhouette, k.objective);
    }
    table += "</tbody></table>";
    *out += Figure(by_stability
                       ? "The number of themes: for each k tried, how much more often its themes "
                         "come back in resamples than chance would give (higher is better); the "
                         "chosen k is the filled point."
                       : "The number of themes: the mean cosine silhouette of each k tried "
                         "(higher is better); the chosen k is the filled point.",
                   internal::KSelectionChart(report.k_selection, s.k, by_stability), table);
  }
  bool any_stability = false;
  for (const Theme& t : report.themes) any_stability |= internal::StabilityOf(t).has_value();
  double top = 0;
  for (const Theme& t : report.themes) top = std::max(top, t.share);
  *out +=
      "<div class=\"scroll\"><table class=\"overview\"><caption class=\"sr-only\">The "
      "themes</caption><thead><tr><th>Theme</th><th class=\"num\">Size</th><th>Share</th>"
      "<th>Known theme</th>";
  if (any_stability) *out += "<th class=\"num\">Stability</th>";
  *out += "<th>Trend</th><th>Strongest words</th></tr></thead><tbody>";
  for (const Theme& t : report.themes) {
    std::string known = "new";
    if (t.known.known_theme >= 0 && !t.known.is_new) {
      known =
          fmt::format("{} <span class=\"muted\">({} of {}, {:.0f}% of its words)</span>",
                      E(report.known_themes[static_cast<std::size_t>(t.known.known_theme)].name),
                      t.known.items_about, t.known.items, 100 * t.known.score);
    }
    const TimelineSeries* series = SeriesOf(report, t.id);
    const double w = top > 0 ? 100.0 * t.share / top : 0;
    *out += fmt::format(
        "<tr><td><a href=\"#theme-{}\">{} {}</a></td><td class=\"num\">{}</td><td><svg "
        "width=\"104\" height=\"12\" viewBox=\"0 0 104 12\" aria-hidden=\"true\"><rect x=\"0\" "
        "y=\"1\" width=\"{:.1f}\" height=\"10\" fill=\"{}\" class=\"bar\"/></svg> {}</td><td>{}"
        "</td>",
        t.id, Swatch(t.id), ThemeName(t), Plural(t.size, report.unit), w, ThemeColor(t.id),
        Percent(t.share), known);
    if (any_stability) {
      const std::optional<double> st = internal::StabilityOf(t);
      *out += st ? fmt::format("<td class=\"num\">{:.2f}</td>", *st)
                 : std::string("<td class=\"num\">–</td>");
    }
    *out += fmt::format("<td>{}</td><td>{}</td></tr>",
                        series != nullptr ? FlagText(series->trend.flag) : std::string("–"),
                        E(t.words));
  }
  *out += "</tbody></table></div>";
  if (any_stability) {
    *out +=
        "<p class=\"note\">Stability: how often the theme comes back when the clustering is "
        "run again on resamples of the corpus (1: always).</p>";
  }
  *out += "</section>";
}

// ---- Tree and map. ----

void AppendTreeList(const std::vector<TreeNode>& tree, int id, const std::string& unit,
                    std::string* out) {
  const TreeNode& n = tree[static_cast<std::size_t>(id)];
  *out += "<li>";
  *out += n.theme > 0
              ? fmt::format("<b>T{}</b> · {} ({})", n.theme, E(n.label), Plural(n.size, unit))
              : fmt::format("{} ({})", E(n.label), Plural(n.size, unit));
  if (!n.children.empty()) {
    *out += "<ul>";
    for (int c : n.children) AppendTreeList(tree, c, unit, out);
    *out += "</ul>";
  }
  *out += "</li>";
}

void AppendTree(const Report& report, std::string* out) {
  if (report.tree.empty()) return;
  *out +=
      "<section id=\"tree\" aria-labelledby=\"tree-h\"><h2 id=\"tree-h\">The tree of "
      "themes</h2>";
  // The tree splits what was clustered: documents, or the units themselves.
  const std::string items = report.themes_found_on == "document" ? "document" : report.unit;
  std::string list = "<ul class=\"tree\">";
  AppendTreeList(report.tree, 0, items, &list);
  list += "</ul>";
  *out += Figure(
      "Bisecting k-means splits the corpus in two, again and again, each time where "
      "the split raises the objective most; each node is named by the three strongest "
      "words of its centroid.",
      internal::Dendrogram(report.tree, items), list);
  *out += "</section>";
}

void AppendMap(const Report& report, std::string* out) {
  const ThemeMap& m = report.theme_map;
  *out +=
      "<section id=\"map\" aria-labelledby=\"map-h\"><h2 id=\"map-h\">Map of the themes and "
      "their words</h2>";
  if (!m.available) {
    *out += "<p>No map: " + E(m.reason) + ".</p></section>";
    return;
  }
  const std::size_t kept = m.axis_inertia.size();
  auto share = [&](std::size_t axis) { return axis < kept ? 100 * m.axis_inertia[axis] : 0.0; };
  std::string table = "<table><thead><tr><th>Point</th><th>Theme</th>";
  for (std::size_t a = 0; a < kept; ++a) {
    table += fmt::format("<th class=\"num\">Axis {} ({:.1f}%)</th>", a + 1, share(a));
  }
  table += "<th class=\"num\">Occurrences</th></tr></thead><tbody>";
  auto row = [&](const MapPoint& p, const std::string& name) {
    table += fmt::format("<tr><td>{}</td><td>T{}</td>", name, p.theme);
    for (double c : p.coordinates) table += fmt::format("<td class=\"num\">{:.3f}</td>", c);
    table += fmt::format("<td class=\"num\">{}</td></tr>", p.occurrences);
  };
  for (const MapPoint& p : m.themes) {
    row(p, "<b>" + E(report.themes[static_cast<std::size_t>(p.theme - 1)].label) + "</b>");
  }
  for (const MapPoint& p : m.terms) row(p, E(p.word));
  table += "</tbody></table>";
  *out += fmt::format(
      "<p>A {}. The themes are the large points, their characteristic terms the small ones, in "
      "the shape and colour of the theme they characterise most. Themes that use the same words "
      "lie together; a word lies towards the themes that over-use it, and words used by one "
      "theme only lie on one spot (they share a label). The table has {} axes; the first {} "
      "are drawn.</p>",
      E(m.method), m.axes, kept);
  std::size_t unlabelled = 0;
  std::string svg = internal::MapChart(report, 0, 1, &unlabelled);
  std::string caption =
      kept > 1 ? fmt::format("Axes 1 ({:.1f}% of the inertia) and 2 ({:.1f}%).", share(0), share(1))
               : fmt::format("The only axis ({:.1f}% of the inertia): two themes.", share(0));
  if (unlabelled > 0) {
    caption += fmt::format(
        " {} of the {} words are not named on the drawing (counted in a "
        "label's \"+n\", or no room): point at them, or see the table.",
        unlabelled, m.terms.size());
  }
  *out += Figure(caption, svg, kept > 2 ? "" : table, "map");
  if (kept > 2) {
    // The themes the first two axes leave together are often apart on the next ones.
    const std::size_t second = kept > 3 ? 3 : 0;
    svg = internal::MapChart(report, 2, second, &unlabelled);
    caption = fmt::format("Axes 3 ({:.1f}%) and {} ({:.1f}%): what the first two leave together.",
                          share(2), second + 1, share(second));
    if (unlabelled > 0) caption += fmt::format(" {} words not named on it.", unlabelled);
    *out += Figure(caption, svg, table, "map");
  }
  *out += "</section>";
}

// ---- Each theme. ----

std::string TermTable(const std::vector<TermStatistic>& terms) {
  std::string table =
      "<table><thead><tr><th>Word</th><th>Term</th><th class=\"num\">In the "
      "theme</th><th class=\"num\">Outside</th><th class=\"num\">χ²</th><th "
      "class=\"num\">p</th></tr></thead><tbody>";
  for (const TermStatistic& t : terms) {
    table += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{:+.2f}</td><td "
        "class=\"num\">{:.3g}</td></tr>",
        E(t.word), E(t.term), t.in_theme, t.outside, t.chi2, t.p_value);
  }
  return table + "</tbody></table>";
}

std::string Lang(const Report& report) {
  for (const ReportParameter& p : report.parameters) {
    if (p.name == "lang" && std::holds_alternative<std::string>(p.value)) {
      return internal::SafeId(std::get<std::string>(p.value));
    }
  }
  return "fr";
}

// With whole documents a passage is its document: it is quoted under its central document.
bool QuotedUnderCentral(const Passage& p, const Theme& t, const Report& report) {
  if (report.unit != "document") return false;
  return std::any_of(t.central_documents.begin(), t.central_documents.end(),
                     [&](const CentralDocument& cd) { return cd.document == p.document; });
}

// The passage and its source; `with_cosine` when nothing above says how close it is.
std::string Quote(const Passage& p, const Report& report, const std::string& lang,
                  bool with_cosine) {
  const UnitEntry& u = report.units[p.unit];
  return fmt::format(
      "<blockquote lang=\"{}\"><p>{}</p></blockquote><p class=\"source\">{}"
      "<cite>{}</cite>, bytes {}–{}{}</p>",
      lang, E(p.text), with_cosine ? fmt::format("cosine {:.2f} · ", p.similarity) : std::string(),
      E(IdentityOf(report, p.document).id), u.begin, u.end, p.truncated ? " (quote cut)" : "");
}

void AppendTheme(const Theme& t, const Report& report, std::string* out) {
  const std::string lang = Lang(report);
  *out += fmt::format(
      "<article class=\"theme\" id=\"theme-{}\" aria-labelledby=\"theme-{}-h\">"
      "<h3 id=\"theme-{}-h\">{} {}</h3>",
      t.id, t.id, t.id, Swatch(t.id), ThemeName(t));
  std::string facts =
      report.unit == "document"
          ? fmt::format("{} ({} of the clustered documents)", Plural(t.size, "document"),
                        Percent(t.share))
          : fmt::format("{} ({}), the dominant theme of {}", Plural(t.size, report.unit),
                        Percent(t.share), Plural(t.documents, "document"));
  facts += " · " + KnownMatchHtml(t.known, report);
  if (const std::optional<double> st = internal::StabilityOf(t)) {
    facts += fmt::format(" · stability {:.2f}", *st);
  }
  if (const TimelineSeries* s = SeriesOf(report, t.id))
    facts += " · trend " + FlagText(s->trend.flag);
  *out += "<p>" + facts + "</p>";
  std::string words;
  for (const TermScore& ts : t.top_terms) words += (words.empty() ? "" : ", ") + E(ts.word);
  *out += "<p>Strongest words of its centroid: " + words + ".</p><div class=\"cols\">";
  if (!t.characteristic_terms.empty()) {
    *out += Figure(
        "Characteristic terms: over-represented in the theme (signed chi-squared of "
        "its occurrences in the theme and outside, 1 df).",
        internal::TermBars(t, false), TermTable(t.characteristic_terms));
  }
  if (!t.anti_profile.empty()) {
    *out += Figure("Anti-profile: the terms the theme uses least, relative to the others.",
                   internal::TermBars(t, true), TermTable(t.anti_profile));
  }
  *out += "</div>";
  std::vector<const Passage*> listed;
  for (const Passage& p : t.passages) {
    if (!QuotedUnderCentral(p, t, report)) listed.push_back(&p);
  }
  if (!listed.empty()) {
    *out += "<h4>Passages</h4><p class=\"note\">The " + report.unit +
            "s closest to the theme's centroid, one per document, with the byte offsets of the "
            "whole " +
            report.unit + " in its source file.</p><ol class=\"passages\">";
    for (const Passage* p : listed) *out += "<li>" + Quote(*p, report, lang, true) + "</li>";
    *out += "</ol>";
  }
  if (!t.central_documents.empty()) {
    *out += "<h4>Central documents</h4><ol class=\"central\">";
    for (const CentralDocument& cd : t.central_documents) {
      const DocumentEntry& d = report.documents[cd.document];
      const DocumentIdentity identity = IdentityOf(report, cd.document);
      *out += fmt::format("<li><b lang=\"{}\">{}</b>{} · <cite>{}</cite> · cosine {:.2f}", lang,
                          E(identity.title.empty() ? identity.id : identity.title),
                          d.date.empty() ? "" : " · " + E(d.date), E(identity.id), cd.similarity);
      for (const Passage& p : t.passages) {
        if (p.document == cd.document && QuotedUnderCentral(p, t, report)) {
          *out += Quote(p, report, lang, false);
        }
      }
      *out += "</li>";
    }
    *out += "</ol>";
  }
  *out += "</article>";
}

void AppendThemes(const Report& report, std::string* out) {
  *out +=
      "<section id=\"themes\" aria-labelledby=\"themes-h\"><h2 id=\"themes-h\">The "
      "themes</h2>";
  for (const Theme& t : report.themes) AppendTheme(t, report, out);
  *out += "</section>";
}

void AppendConcordance(const Report& report, std::string* out) {
  *out +=
      "<section id=\"concordance\" aria-labelledby=\"concordance-h\"><h2 "
      "id=\"concordance-h\">Concordance</h2><p class=\"note\">Each theme's characteristic "
      "terms in their contexts, from the documents its passages come from (most central "
      "first); a word is found by its term, so its inflected forms are found too.</p>";
  const std::string lang = Lang(report);
  bool any = false;
  for (const Theme& t : report.themes) {
    if (t.concordance.empty()) continue;
    any = true;
    *out += fmt::format(
        "<h3>{} {}</h3><div class=\"scroll\"><table class=\"kwic\" lang=\"{}\">"
        "<caption class=\"sr-only\">Concordance of theme {}</caption>",
        Swatch(t.id), ThemeName(t), lang, t.id);
    std::string term;
    for (const ConcordanceLine& c : t.concordance) {
      if (c.term != term) {
        if (!term.empty()) *out += "</tbody>";
        term = c.term;
        std::string word = c.term;
        for (const TermStatistic& s : t.characteristic_terms) {
          if (s.term == c.term) word = s.word;
        }
        *out += fmt::format(
            "<tbody><tr><th colspan=\"4\" class=\"term\" lang=\"en\">{} "
            "<span class=\"muted\">(term {})</span></th></tr>",
            E(word), E(c.term));
      }
      *out += fmt::format(
          "<tr><td class=\"left\">{}</td><td class=\"kw\"><mark>{}</mark></td>"
          "<td class=\"right\">{}</td><td class=\"source\" lang=\"en\"><cite>{}"
          "</cite> {}–{}</td></tr>",
          E(c.left), E(c.word), E(c.right), E(IdentityOf(report, c.document).id), c.begin, c.end);
    }
    *out += "</tbody></table></div>";
  }
  if (!any) *out += "<p>No concordance (no characteristic term, or --concordance 0).</p>";
  *out += "</section>";
}

// ---- Time and metadata. ----

std::string SeriesName(const Report& report, const TimelineSeries& s) {
  if (s.kind == "theme") {
    return fmt::format("T{} · {}", s.theme, E(s.label));
  }
  (void)report;
  return "Known theme · " + E(s.label);
}

std::string TrendText(const TimelineSeries& s, const Timeline& t) {
  const TrendFigures& f = s.trend;
  if (!f.computed) return FlagText(f.flag) + " (too few periods for a trend)";
  return fmt::format("{}: {:+.1f} points per {} [{:+.1f}, {:+.1f}], Mann-Kendall p = {:.3f}",
                     FlagText(f.flag), 100 * f.slope, E(t.period), 100 * f.slope_low,
                     100 * f.slope_high, f.mann_kendall_p);
}

void AppendTimeline(const Report& report, std::string* out) {
  const Timeline& t = report.timeline;
  *out +=
      "<section id=\"timeline\" aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">"
      "Timeline</h2>";
  if (!t.available) {
    *out += "<p>No timeline" + (t.reason.empty() ? std::string() : ": " + E(t.reason)) + ".</p>";
    if (t.in_timeline == 0 && t.documents == t.undated) {
      *out +=
          "<p class=\"note\">Give documents a date (front matter <code>date: YYYY-MM-DD</code>)"
          " to see how themes move over time.</p>";
    }
    *out += "</section>";
    return;
  }
  std::size_t sparse = 0;
  for (const TimelinePeriod& p : t.periods) sparse += p.sparse ? 1 : 0;
  *out += fmt::format("<p>By {}, {} to {}: {} of {} documents in {} periods; period chosen {}.",
                      E(t.period), E(t.periods.front().label), E(t.periods.back().label),
                      Grouped(t.in_timeline), Grouped(t.documents), Grouped(t.periods.size()),
                      E(t.period_rule));
  if (sparse > 0) {
    *out += fmt::format(
        " {} sparse period(s) (fewer than {} documents; hatched) are not used for "
        "trends.",
        sparse, t.min_period_documents);
  }
  *out += "</p>";
  std::string left_out;
  auto add = [&left_out](std::size_t n, const char* what) {
    if (n > 0) left_out += fmt::format("{}{} {}", left_out.empty() ? "" : ", ", n, what);
  };
  add(t.undated, "undated");
  add(t.too_coarse, "dated too coarsely for this period");
  add(t.without_unit, "in no theme");
  if (!left_out.empty()) *out += "<p>Not in the timeline: " + left_out + ".</p>";
  *out += fmt::format(
      "<p class=\"note\">A theme is <b>emerging</b> (<b>declining</b>) when the "
      "{:.0f}% interval of the slope of its share lies above (below) 0, "
      "Mann-Kendall gives p &lt; {} and the fitted change reaches {:.0f} points, "
      "over at least {} non-sparse periods.</p>",
      100 * (1 - t.significance), t.significance, 100 * t.min_change, t.min_trend_periods);
  double top = 0;
  for (const TimelineSeries& s : t.series) {
    for (std::size_t p = 0; p < s.shares.size(); ++p) {
      if (t.periods[p].units > 0) top = std::max(top, s.shares[p]);
    }
  }
  top = std::min(1.0, std::ceil(top * 10 + 1e-9) / 10);
  for (const char* kind : {"theme", "known-theme"}) {
    const bool themes = std::string(kind) == "theme";
    std::string grid;
    for (const TimelineSeries& s : t.series) {
      if (s.kind != kind) continue;
      grid += "<figure><figcaption>" + std::string(themes ? Swatch(s.theme) + " " : "") +
              SeriesName(report, s) + " — " + TrendText(s, t) + "</figcaption>" +
              internal::SeriesChart(t, s, top, themes ? s.theme : 0) + "</figure>";
    }
    if (grid.empty()) continue;
    *out += themes ? "<h3>Themes: share of each period's documents</h3>"
                   : "<h3>Known themes: share of each period's documents about them</h3>";
    *out += "<div class=\"series-grid\">" + grid + "</div>";
  }
  std::string table = "<table><thead><tr><th>Series</th>";
  for (const TimelinePeriod& p : t.periods) {
    table += fmt::format("<th class=\"num\">{}{}</th>", E(p.label), p.sparse ? "*" : "");
  }
  table += "</tr><tr><th>documents</th>";
  for (const TimelinePeriod& p : t.periods)
    table += fmt::format("<td class=\"num\">{}</td>", p.documents);
  table += "</tr></thead><tbody>";
  for (const TimelineSeries& s : t.series) {
    table += "<tr><th>" + SeriesName(report, s) + "</th>";
    for (std::size_t p = 0; p < t.periods.size(); ++p) {
      table += t.periods[p].units == 0
                   ? std::string("<td class=\"num\">–</td>")
                   : fmt::format("<td class=\"num\">{:.0f}%</td>", 100 * s.shares[p]);
    }
    table += "</tr>";
  }
  table += "</tbody></table>";
  *out +=
      "<details class=\"no-print\"><summary>The shares as a table (* sparse)</summary><div "
      "class=\"scroll\">" +
      table + "</div></details></section>";
}

void AppendCrosstabs(const Report& report, std::string* out) {
  if (report.crosstabs.empty()) return;
  *out +=
      "<section id=\"crosstabs\" aria-labelledby=\"crosstabs-h\"><h2 id=\"crosstabs-h\">"
      "Themes by variable</h2><p class=\"note\">For each value, each theme's share of the "
      "value's documents and the signed chi-squared of the 2×2 table theme / other themes × "
      "value / other values (1 df): + where the theme is over-represented among the value's "
      "documents.</p>";
  for (const Crosstab& c : report.crosstabs) {
    *out += fmt::format(
        "<h3>By {}</h3><p>{} documents with a value, {} without, {} distinct "
        "value(s).</p>",
        E(c.variable), c.units, c.missing, c.values.size());
    if (c.values.empty()) continue;
    std::size_t shown = 0;
    const std::string svg = internal::Heatmap(c, kHeatmapValues, &shown);
    std::string table = "<table><thead><tr><th>Value (documents)</th>";
    for (const CrosstabRow& r : c.rows) {
      table += "<th class=\"num\">" +
               (r.kind == "theme" ? fmt::format("T{}", r.theme) : "K · " + E(r.known_theme)) +
               "</th>";
    }
    table += "</tr></thead><tbody>";
    for (std::size_t v = 0; v < c.values.size(); ++v) {
      table += fmt::format("<tr><th>{} ({})</th>", E(c.values[v].value), c.values[v].units);
      for (const CrosstabRow& r : c.rows) {
        table += fmt::format("<td class=\"num\">{:.0f}% ({:+.1f})</td>", 100 * r.cells[v].share,
                             r.cells[v].chi2);
      }
      table += "</tr>";
    }
    table += "</tbody></table>";
    std::string caption = "Signed chi-squared of each theme (row) and value (column).";
    if (shown < c.values.size()) {
      caption += fmt::format(
          " The {} values with most documents of {} are drawn; the table has "
          "them all.",
          shown, c.values.size());
    }
    *out += Figure(caption, svg, table, "heat");
  }
  *out += "</section>";
}

void AppendKnownThemes(const Report& report, std::string* out) {
  *out +=
      "<section id=\"known-themes\" aria-labelledby=\"known-h\"><h2 id=\"known-h\">Known "
      "themes</h2>";
  *out += fmt::format(
      "<p>From {}; a text is about one when at least {:.1f}% of its words, and "
      "{}, are its lexicon's (the lexicon weighing most in it).</p>",
      E(report.known_themes_source), 100 * report.known_theme_rule.min_share,
      report.known_theme_rule.min_occurrences);
  if (report.known_themes.empty()) {
    *out += "</section>";
    return;
  }
  *out +=
      "<div class=\"scroll\"><table><thead><tr><th>Known theme</th><th>In the corpus</th><th>"
      "Themes</th><th class=\"num\">Documents about it</th><th class=\"num\">Lexicon terms "
      "in the corpus</th></tr></thead><tbody>";
  for (const KnownThemeEntry& k : report.known_themes) {
    std::string themes;
    for (int id : k.themes) {
      themes += fmt::format("{}<a href=\"#theme-{}\">T{}</a>", themes.empty() ? "" : ", ", id, id);
    }
    *out += fmt::format(
        "<tr><td>{} <span class=\"muted\">({})</span></td><td>{}{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} of {}</td></tr>",
        E(k.name), E(k.id), k.present ? "present" : "absent", k.guided ? ", guided a theme" : "",
        themes.empty() ? "–" : themes, k.documents, k.terms_in_corpus, k.lexicon_terms);
  }
  *out += "</tbody></table></div></section>";
}

// ---- Documents. ----

// Rows drawn in the page itself: the first page of the table, which the script then runs.
constexpr std::size_t kStaticRows = 50;

std::string MixBar(const ThemeMix& mix) {
  std::string svg =
      "<svg width=\"90\" height=\"12\" viewBox=\"0 0 90 12\" role=\"img\" "
      "aria-label=\"";
  std::string label, bars;
  double x = 0;
  for (const ThemeShare& m : mix) {
    const double w = 90 * m.share;
    bars += fmt::format(
        "<rect x=\"{:.1f}\" y=\"1\" width=\"{:.1f}\" height=\"10\" fill=\"{}\" "
        "class=\"bar\"/>",
        x, w, ThemeColor(m.theme));
    label += fmt::format("{}T{} {:.0f}%", label.empty() ? "" : ", ", m.theme, 100 * m.share);
    x += w;
  }
  return svg + label + "\">" + bars + "</svg>";
}

void AppendDocumentRow(const Report& report, std::size_t i, bool mix, std::string* out) {
  const DocumentEntry& d = report.documents[i];
  const DocumentIdentity identity = IdentityOf(report, i);
  *out += fmt::format(
      "<tr><td><b>{}</b><br><cite>{}</cite></td><td>{}</td><td>{}</td>",
      E(identity.title.empty() ? identity.id : identity.title), E(identity.id), E(d.date),
      d.theme > 0 ? fmt::format("T{} · {}", d.theme,
                                E(report.themes[static_cast<std::size_t>(d.theme - 1)].label))
                  : std::string("none"));
  if (mix) *out += "<td>" + MixBar(ThemeMixOf(report, i)) + "</td>";
  *out += fmt::format("<td class=\"num\">{:.2f}</td>", d.similarity);
  if (d.known_theme >= 0) {
    const auto k = static_cast<std::size_t>(d.known_theme);
    *out += fmt::format("<td>{} {:.1f}%</td></tr>", E(report.known_themes[k].id),
                        100 * KnownThemeScoreOf(report, i));
  } else {
    *out += "<td>none</td></tr>";
  }
}

// The documents as data for the script: [id, title, date, theme, similarity, known theme
// index, its score, mix (theme, share, theme, share...)], numbers to what the table shows.
void AppendDocumentData(const Report& report, bool mix, std::string* out) {
  *out += "<script type=\"application/json\" id=\"documents-data\">{\"mix\":";
  *out += mix ? "true" : "false";
  *out += ",\"themes\":[";
  for (const Theme& t : report.themes) {
    *out += fmt::format("{}[{},{},\"{}\"]", t.id > 1 ? "," : "", t.id,
                        internal::ScriptString(t.label), ThemeColor(t.id));
  }
  *out += "],\"known\":[";
  for (std::size_t k = 0; k < report.known_themes.size(); ++k) {
    *out += (k ? "," : "") + internal::ScriptString(report.known_themes[k].id);
  }
  *out += "],\"rows\":[";
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    const DocumentEntry& d = report.documents[i];
    const DocumentIdentity identity = IdentityOf(report, i);
    const double score = KnownThemeScoreOf(report, i);
    *out += fmt::format("{}\n[{},{},{},{},{:.3f},{},{:.4f}", i ? "," : "",
                        internal::ScriptString(identity.id),
                        identity.title.empty() || identity.title == identity.id
                            ? "\"\""
                            : internal::ScriptString(identity.title),
                        d.date.empty() ? "\"\"" : internal::ScriptString(d.date), d.theme,
                        d.similarity, d.known_theme, score);
    if (mix) {
      *out += ",[";
      const ThemeMix shares = ThemeMixOf(report, i);
      for (std::size_t m = 0; m < shares.size(); ++m) {
        *out += fmt::format("{}{},{:.3f}", m ? "," : "", shares[m].theme, shares[m].share);
      }
      *out += "]";
    }
    *out += "]";
  }
  *out += "]}</script>";
}

void AppendDocuments(const Report& report, std::string* out) {
  const bool mix = report.unit != "document";
  *out +=
      "<section id=\"documents\" aria-labelledby=\"documents-h\"><h2 id=\"documents-h\">"
      "Documents</h2>";
  std::vector<std::size_t> per_theme(report.themes.size() + 1, 0);
  for (const DocumentEntry& d : report.documents) {
    ++per_theme[d.theme > 0 && static_cast<std::size_t>(d.theme) <= report.themes.size()
                    ? static_cast<std::size_t>(d.theme)
                    : 0];
  }
  std::string counts;
  for (std::size_t t = 1; t < per_theme.size(); ++t) {
    counts += fmt::format("{}T{}: {}", counts.empty() ? "" : " · ", t, Grouped(per_theme[t]));
  }
  if (per_theme[0] > 0) counts += " · in no theme: " + Grouped(per_theme[0]);
  *out += "<p>" + Plural(report.documents.size(), "document") + ": " + counts + ".</p>";
  *out +=
      "<div class=\"controls\" id=\"documents-controls\" hidden><label>Find <input "
      "type=\"search\" id=\"documents-filter\" placeholder=\"title or id\"></label><label>"
      "Theme <select id=\"documents-theme\"><option value=\"\">all</option>";
  for (const Theme& t : report.themes) {
    *out += fmt::format("<option value=\"{}\">T{} · {}</option>", t.id, t.id, E(t.label));
  }
  *out +=
      "<option value=\"0\">none</option></select></label><label>Known theme <select "
      "id=\"documents-known\"><option value=\"\">all</option>";
  for (std::size_t k = 0; k < report.known_themes.size(); ++k) {
    *out += fmt::format("<option value=\"{}\">{}</option>", k, E(report.known_themes[k].name));
  }
  *out +=
      "<option value=\"-1\">none</option></select></label><button type=\"button\" "
      "id=\"documents-prev\">Previous</button><button type=\"button\" "
      "id=\"documents-next\">Next</button><span id=\"documents-info\" "
      "aria-live=\"polite\"></span></div>";
  *out +=
      "<div class=\"scroll\"><table id=\"documents-table\"><caption class=\"sr-only\">The "
      "documents, their theme and best known theme</caption><thead><tr>"
      "<th data-column=\"0\"><button type=\"button\">Document</button></th>"
      "<th data-column=\"2\"><button type=\"button\">Date</button></th>"
      "<th data-column=\"3\"><button type=\"button\">Theme</button></th>";
  if (mix) *out += "<th>Theme mix</th>";
  *out +=
      "<th data-column=\"4\" class=\"num\"><button type=\"button\">Cosine</button></th>"
      "<th data-column=\"5\"><button type=\"button\">Best known theme</button></th>"
      "</tr></thead><tbody>";
  const std::size_t rows = std::min(kStaticRows, report.documents.size());
  for (std::size_t i = 0; i < rows; ++i) AppendDocumentRow(report, i, mix, out);
  *out += "</tbody></table></div>";
  if (rows < report.documents.size()) {
    *out += fmt::format(
        "<p class=\"js-hidden muted\">The first {} of {} documents; with "
        "JavaScript the table finds, sorts and pages them all; every document is "
        "also in the JSON report and in documents.csv (--tables).</p>",
        rows, Grouped(report.documents.size()));
  }
  AppendDocumentData(report, mix, out);
  *out += "</section>";
}

// ---- How it was made. ----

void AppendAbout(const Report& report, std::string* out) {
  *out +=
      "<section id=\"about\" aria-labelledby=\"about-h\"><h2 id=\"about-h\">How this report "
      "was made</h2>";
  const CorpusStats& c = report.corpus;
  *out += fmt::format(
      "<p>{} file(s) read, {} skipped; {} line(s) or record(s) skipped inside the "
      "files read; {} bytes.</p>",
      c.files_read, c.files_skipped, c.records_skipped, Grouped(c.bytes));
  // What a reader needs to say which input and which build made the report (the commit is in
  // the JSON report).
  if (!report.input.fingerprint.empty()) {
    *out += fmt::format("<p>Input fingerprint ({}, every document read): <code>{}</code>.</p>",
                        Plural(report.input.documents, "document"), E(report.input.fingerprint));
  }
  const ToolBuild& b = report.tool_build;
  if (!b.icu.empty()) {
    *out += fmt::format("<p>Built with ICU {} (Unicode {}), Snowball {}.</p>", E(b.icu),
                        E(b.unicode), b.snowball.empty() ? "(unknown version)" : E(b.snowball));
  }
  if (!report.warnings.empty()) {
    *out += fmt::format("<h3>{} warning(s)</h3><ul>", report.warnings.size());
    for (const std::string& w : report.warnings) *out += "<li>" + E(w) + "</li>";
    *out += "</ul>";
  }
  *out += "<h3>Parameters</h3><dl class=\"params\">";
  for (const ReportParameter& p : report.parameters) {
    const std::string value = std::visit(
        [](const auto& v) -> std::string {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return "(none)";
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            return v.empty() ? "(none)" : fmt::format("{}", fmt::join(v, ", "));
          } else if constexpr (std::is_same_v<T, std::string>) {
            return v.empty() ? "(none)" : v;
          } else if constexpr (std::is_same_v<T, bool>) {
            return v ? "true" : "false";
          } else {
            return fmt::format("{}", v);
          }
        },
        p.value);
    *out += fmt::format("<div><dt>--{}</dt><dd>{}</dd></div>", E(p.name), E(value));
  }
  *out += "</dl>";
  if (!report.timings.empty()) {
    std::string stages;
    double total = 0;
    for (const StageTiming& t : report.timings) {
      stages += fmt::format("{}{} {:.3f} s", stages.empty() ? "" : ", ", E(t.stage), t.seconds);
      total += t.seconds;
    }
    *out += fmt::format("<p>Time: {:.3f} s ({}).</p>", total, stages);
  }
  *out += "</section>";
}

}  // namespace

std::string RenderHtml(const Report& report) {
  std::string out;
  out.reserve(200000 + report.documents.size() * 120);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"trendscan " + E(report.tool_version) + "\">\n";
  out += fmt::format("<title>trendscan · {} themes in {}</title>\n", report.themes.size(),
                     Plural(report.corpus.documents, "document"));
  // No request may leave the page: the policy forbids every fetch the file itself does not hold.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<style>";
  out += internal::PageStyle();
  out += "</style>\n</head>\n<body>\n";
  out += internal::SharedDefinitions();
  AppendHeader(report, &out);
  out += "<main>\n";
  AppendOverview(report, &out);
  out += "\n";
  AppendTree(report, &out);
  AppendMap(report, &out);
  out += "\n";
  AppendThemes(report, &out);
  out += "\n";
  AppendConcordance(report, &out);
  out += "\n";
  AppendTimeline(report, &out);
  out += "\n";
  AppendCrosstabs(report, &out);
  AppendKnownThemes(report, &out);
  out += "\n";
  AppendDocuments(report, &out);
  out += "\n";
  AppendAbout(report, &out);
  out += "\n</main>\n<footer><p>Made by trendscan " + E(report.tool_version) +
         ". Every figure of this page is also in the CSV tables (--tables), and all but the map "
         "and the concordance in the JSON report (--format json).</p></footer>\n<script>";
  out += internal::PageScript();
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace trendscan
