#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/sections.hpp"
#include "trendscan/report/render.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

using internal::AppendLine;

// A field shown on one line of the report (a file name, a title, a warning): newlines and every
// other control character shown as \xNN.
std::string OneLine(std::string_view s) { return internal::ForTerminal(s, true); }

// 12345 -> "12,345": thousands are easier to read in a summary.
std::string Grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string PValue(double p) {
  if (p < 1e-16) return "p < 1e-16";
  return fmt::format("p = {:.2g}", p);
}

// Pads with spaces to `width` code points (fmt counts bytes, which misaligns accented words).
std::string Pad(const std::string& s, std::size_t width) {
  const std::size_t chars = internal::CountCodePoints(s);
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

std::string Plural(std::size_t n, const std::string& word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void AppendSummary(const Report& report, std::string* out) {
  const CorpusStats& c = report.corpus;
  AppendLine(out,
             fmt::format("trendscan {} · {} documents · {} tokens ({} after stop words) · "
                         "{} terms kept of {}",
                         report.tool_version, Grouped(c.documents), Grouped(c.tokens),
                         Grouped(c.kept_tokens), Grouped(c.vocabulary), Grouped(c.distinct_terms)));
  const ClusteringSummary& s = report.clustering;
  AppendLine(out, fmt::format("{} themes by {}{} (best of {} restarts: {} rounds + {} refinement "
                              "passes; mean cosine to centroid {:.3f})",
                              s.k, s.algorithm,
                              s.guided ? fmt::format(", {} guided by known themes", s.seeded) : "",
                              s.restarts, s.iterations, s.refinement_passes, s.mean_similarity));
  for (const std::string& note : report.notes) AppendLine(out, "Note: " + note);
}

// Only with --k auto.
void AppendKSelection(const std::vector<KCandidate>& candidates, std::string* out) {
  if (candidates.empty()) return;
  std::string figures;
  for (const KCandidate& c : candidates) {
    figures += fmt::format("{}k={} {:.3f}", figures.empty() ? "" : ", ", c.k, c.silhouette);
  }
  AppendLine(out, fmt::format("k chosen by cosine silhouette (higher is better): {}", figures));
}

// Only with --algorithm bisecting: depth-first, children in order, drawn with box characters.
void AppendTree(const std::vector<TreeNode>& tree, const std::string& unit, std::string* out) {
  if (tree.empty()) return;
  AppendLine(out, "");
  AppendLine(out, "Theme tree (each split chosen to raise the objective most):");
  std::vector<std::pair<int, std::string>> stack = {{0, ""}};
  while (!stack.empty()) {
    auto [id, prefix] = stack.back();
    stack.pop_back();
    const TreeNode& n = tree[static_cast<std::size_t>(id)];
    const std::string what =
        n.theme > 0 ? fmt::format("Theme {} · {}", n.theme, n.label) : fmt::format("{}", n.label);
    AppendLine(out, fmt::format("  {}{} ({})", prefix, what, Plural(n.size, unit)));
    std::string child_prefix = prefix;
    for (const char* from : {"├─ ", "└─ "}) {
      const std::size_t at = child_prefix.rfind(from);
      if (at != std::string::npos && at + std::string(from).size() == child_prefix.size()) {
        child_prefix = child_prefix.substr(0, at) + (std::string(from) == "├─ " ? "│  " : "   ");
      }
    }
    for (std::size_t c = n.children.size(); c-- > 0;) {
      stack.push_back({n.children[c], child_prefix + (c + 1 == n.children.size() ? "└─ " : "├─ ")});
    }
  }
}

// Only when the units are not whole documents.
void AppendUnits(const Report& report, std::string* out) {
  const std::string& unit = report.unit;
  if (unit == "document") return;
  const CorpusStats& c = report.corpus;
  AppendLine(out, fmt::format("Units: {} cut from the documents, {} of them in a theme ({} of "
                              "fewer than {} words left out)",
                              Plural(c.units, unit), Grouped(c.clustered_units), unit,
                              report.min_unit_words));
}

std::string KnownMatchText(const KnownThemeMatch& known, const Report& report) {
  const std::string items = report.themes_found_on == "document" ? "documents" : report.unit + "s";
  if (known.known_theme < 0) return "new theme: none of its " + items + " is about a known theme";
  const KnownThemeEntry& k = report.known_themes[static_cast<std::size_t>(known.known_theme)];
  if (known.is_new) {
    return fmt::format("new theme; {} of its {} {} about {}, fewer than half", known.items_about,
                       known.items, items, k.id);
  }
  std::string text = fmt::format("known theme {}: {} of its {} {} about it, {:.0f}% of its words",
                                 k.id, known.items_about, known.items, items, 100.0 * known.score);
  if (known.split_of > 0) text += fmt::format("; split from theme {}", known.split_of);
  return text;
}

void AppendThemeHeading(const Theme& t, const Report& report, std::string* out) {
  AppendLine(out,
             fmt::format("Theme {} · {}  ({})", t.id, t.label, KnownMatchText(t.known, report)));
  if (report.unit == "document") {
    AppendLine(out, fmt::format("  {} documents ({:.1f}%)", t.size, 100.0 * t.share));
  } else {
    AppendLine(out,
               fmt::format("  {} ({:.1f}%), the dominant theme of {}", Plural(t.size, report.unit),
                           100.0 * t.share, Plural(t.documents, "document")));
  }
}

// Top words, characteristic terms with their statistics, and the anti-profile.
void AppendThemeTerms(const Theme& t, std::string* out) {
  std::string words;
  for (const TermScore& ts : t.top_terms) {
    words += (words.empty() ? "" : ", ") + ts.word;
  }
  AppendLine(out, "  words: " + words);
  if (!t.characteristic_terms.empty()) {
    AppendLine(out,
               "  characteristic terms (occurrences in the theme / outside, signed "
               "chi-squared, 1 df):");
    for (const TermStatistic& ts : t.characteristic_terms) {
      AppendLine(out, fmt::format("    {} {:>6} / {:<6} χ² {:+9.1f}   {}", Pad(ts.word, 18),
                                  ts.in_theme, ts.outside, ts.chi2, PValue(ts.p_value)));
    }
  }
  if (!t.anti_profile.empty()) {
    std::string anti;
    for (const TermStatistic& ts : t.anti_profile) {
      anti += fmt::format("{}{} ({:+.1f})", anti.empty() ? "" : ", ", ts.word, ts.chi2);
    }
    AppendLine(out, "  anti-profile (least used here): " + anti);
  }
}

void AppendPassages(const std::vector<Passage>& passages, const Report& report, std::string* out) {
  if (passages.empty()) return;
  AppendLine(out, "  passages (cosine to the theme; [document, byte offsets in the source file]):");
  for (const Passage& p : passages) {
    const UnitEntry& u = report.units[p.unit];
    AppendLine(out, fmt::format("    {:.2f}  [{}, bytes {}-{}]", p.similarity,
                                OneLine(report.documents[p.document].id), u.begin, u.end));
    AppendLine(out, "          « " + p.text + " »");
  }
}

void AppendCentralDocuments(const std::vector<CentralDocument>& central,
                            const std::vector<DocumentEntry>& documents, std::string* out) {
  if (central.empty()) return;
  AppendLine(out, "  central documents:");
  for (const CentralDocument& cd : central) {
    const DocumentEntry& d = documents[cd.document];
    std::string when = d.date.empty() ? "" : d.date + "  ";
    AppendLine(out, fmt::format("    {:.2f}  {}{}  [{}]", cd.similarity, when,
                                OneLine(internal::Truncate(d.title, 70)), OneLine(d.id)));
  }
}

void AppendTheme(const Theme& t, const Report& report, std::string* out) {
  AppendLine(out, "");
  AppendThemeHeading(t, report, out);
  AppendThemeTerms(t, out);
  AppendPassages(t.passages, report, out);
  AppendCentralDocuments(t.central_documents, report.documents, out);
}

void AppendKnownThemes(const Report& report, std::string* out) {
  if (report.known_themes.empty()) return;
  AppendLine(out, "");
  AppendLine(out, fmt::format("Known themes ({}; a text is about one when at least {:.1f}% of its "
                              "words, and {}, are its lexicon's):",
                              OneLine(report.known_themes_source),
                              100.0 * report.known_theme_rule.min_share,
                              report.known_theme_rule.min_occurrences));
  for (const KnownThemeEntry& k : report.known_themes) {
    std::string themes;
    for (int id : k.themes) themes += fmt::format("{}{}", themes.empty() ? "" : ", ", id);
    AppendLine(
        out, fmt::format("  {} · {}: {}{} · {} about it · {} of its {} terms in the corpus", k.id,
                         k.name, k.present ? "present" : "absent",
                         themes.empty() ? "" : ", theme " + themes, Plural(k.documents, "document"),
                         k.terms_in_corpus, k.lexicon_terms));
  }
}

// "theme 2", or with smaller units and more than one theme "themes 2 60%, 1 40%".
std::string ThemeMixText(const DocumentEntry& d, const std::string& unit) {
  std::string mix;
  if (unit == "document" || d.theme_mix.size() <= 1) {
    mix = d.theme == 0 ? "no theme" : fmt::format("theme {}", d.theme);
  }
  if (unit != "document" && d.theme_mix.size() > 1) {
    for (const ThemeShare& m : d.theme_mix) {
      mix += fmt::format("{}{} {:.0f}%", mix.empty() ? "themes " : ", ", m.theme, 100.0 * m.share);
    }
  }
  return mix;
}

std::string KnownThemeText(const DocumentEntry& d,
                           const std::vector<KnownThemeEntry>& known_themes) {
  if (d.known_theme < 0) return "no known theme";
  const auto k = static_cast<std::size_t>(d.known_theme);
  return fmt::format("{} {:.2f}", known_themes[k].id, d.known_scores[k]);
}

void AppendDocuments(const Report& report, std::string* out) {
  if (report.documents.empty()) return;
  AppendLine(out, "");
  AppendLine(out, report.unit == "document"
                      ? "Documents (theme; best known theme and its share of the words):"
                      : fmt::format("Documents (theme mix: share of the document's {}s in each "
                                    "theme; best known theme and its share of the words):",
                                    report.unit));
  for (const DocumentEntry& d : report.documents) {
    AppendLine(out, fmt::format("  {} · {} · {}", OneLine(d.id), ThemeMixText(d, report.unit),
                                KnownThemeText(d, report.known_themes)));
  }
}

// Only with --labels.
void AppendQuality(const std::optional<Quality>& quality, std::string* out) {
  if (!quality) return;
  const Quality& q = *quality;
  AppendLine(out, "");
  AppendLine(out, fmt::format("Agreement with the reference labels ({} documents, {} labels): "
                              "NMI {:.3f}, ARI {:.3f}",
                              q.labelled_documents, q.labels, q.nmi, q.ari));
}

// Only when some inputs or records were skipped.
void AppendSkippedInput(const CorpusStats& c, std::string* out) {
  if (c.files_skipped == 0 && c.records_skipped == 0) return;
  AppendLine(out, "");
  AppendLine(out, fmt::format("Input: {} file(s) read, {} skipped; {} line(s)/record(s) skipped "
                              "inside the files read",
                              c.files_read, c.files_skipped, c.records_skipped));
}

// The first ten; the JSON report has them all.
void AppendWarnings(const std::vector<std::string>& warnings, std::string* out) {
  if (warnings.empty()) return;
  AppendLine(out, "");
  AppendLine(out, fmt::format("{} warning(s):", warnings.size()));
  const std::size_t shown = std::min<std::size_t>(warnings.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) AppendLine(out, "  " + OneLine(warnings[i]));
  if (shown < warnings.size()) {
    AppendLine(
        out, fmt::format("  … and {} more (all are in the JSON report)", warnings.size() - shown));
  }
}

void AppendTimings(const std::vector<StageTiming>& timings, std::string* out) {
  if (timings.empty()) return;
  std::string stages;
  double total = 0;
  for (const StageTiming& t : timings) {
    stages += fmt::format("{}{} {:.3f} s", stages.empty() ? "" : ", ", t.stage, t.seconds);
    total += t.seconds;
  }
  AppendLine(out, "");
  AppendLine(out, fmt::format("Time: {:.3f} s ({})", total, stages));
}

}  // namespace

// Each section leaves itself out when the report has nothing for it.
std::string RenderText(const Report& report) {
  std::string out;
  AppendSummary(report, &out);
  AppendKSelection(report.k_selection, &out);
  AppendTree(report.tree, report.unit, &out);
  AppendUnits(report, &out);
  for (const Theme& t : report.themes) AppendTheme(t, report, &out);
  AppendKnownThemes(report, &out);
  AppendDocuments(report, &out);
  out += internal::RenderTimelineText(report.timeline);
  out += internal::RenderCrosstabsText(report.crosstabs);
  AppendQuality(report.quality, &out);
  AppendSkippedInput(report.corpus, &out);
  AppendWarnings(report.warnings, &out);
  AppendTimings(report.timings, &out);
  // Whatever a field holds (a passage, a label, a note), no control character reaches the
  // terminal: the one-line fields above are escaped already, the rest here.
  return internal::ForTerminal(out, false);
}

}  // namespace trendscan
