#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/sections.hpp"
#include "report/text_layout.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/report/render.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

using internal::AppendLine;
using internal::Emphasis;
using internal::Grouped;

// A field shown on one line of the report (a file name, a title, a warning): newlines and every
// other control character shown as \xNN.
std::string OneLine(std::string_view s) { return internal::ForTerminal(s, true); }

// The whole report escaped for a terminal, except the emphasis mark that starts a line (the
// layout turns it into bold, or drops it).
std::string ForTerminalKeepingEmphasis(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.front() == internal::kEmphasis) {
      out += internal::kEmphasis;
      line.remove_prefix(1);
    }
    out += internal::ForTerminal(line, false);  // a tab stays
    if (end == std::string_view::npos) break;
    out += '\n';
    text.remove_prefix(end + 1);
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
  AppendLine(out, Emphasis(fmt::format(
                      "trendscan {} · {} documents · {} tokens ({} after stop words) · "
                      "{} terms kept of {}",
                      report.tool_version, Grouped(c.documents), Grouped(c.tokens),
                      Grouped(c.kept_tokens), Grouped(c.vocabulary), Grouped(c.distinct_terms))));
  const ClusteringSummary& s = report.clustering;
  AppendLine(out, fmt::format("{} themes by {}{} (best of {} restarts: {} rounds + {} refinement "
                              "passes; mean cosine to centroid {:.3f})",
                              s.k, s.algorithm,
                              s.guided ? fmt::format(", {} guided by known themes", s.seeded) : "",
                              s.restarts, s.iterations, s.refinement_passes, s.mean_similarity));
  for (const std::string& note : report.notes) AppendLine(out, "Note: " + note);
  if (c.unclassified_documents > 0) {
    AppendLine(out, fmt::format("Unclassified: {} fit no theme well enough (--unclassified-below)",
                                Plural(c.unclassified_documents, "document")));
  }
}

// Only with --k auto.
void AppendKSelection(const Report& report, std::string* out) {
  const std::vector<KCandidate>& candidates = report.k_selection;
  if (candidates.empty()) return;
  const bool by_stability = report.clustering.k_criterion == "stability";
  AppendLine(out, by_stability
                      ? std::string("k chosen by stability: the k whose themes come back in "
                                    "resamples most above chance (margin = stability − chance):")
                      : "k chosen by cosine silhouette (higher is better):");
  // One row a candidate, 68 columns at most: fits a terminal's 80 without wrapping.
  AppendLine(out, "    k  stability  chance  margin  least stable  silhouette");
  for (const KCandidate& c : candidates) {
    AppendLine(out, fmt::format("  {:>3}  {:>9.2f}  {:>6.2f}  {:>+6.2f}  {:>12.2f}  {:>10.3f}{}",
                                c.k, c.stability, c.chance_stability,
                                c.stability - c.chance_stability, c.min_stability, c.silhouette,
                                c.k == report.clustering.k ? "  ← chosen" : ""));
  }
}

// " · stability 0.93", or " · stability 0.41, unstable", or "" when not measured.
std::string StabilityText(const Theme& t) {
  if (t.stability < 0) return "";
  return fmt::format(" · stability {:.2f}{}", t.stability, t.stable ? "" : ", unstable");
}

// Only with --algorithm bisecting: depth-first, children in order, drawn with box characters.
void AppendTree(const std::vector<TreeNode>& tree, const std::string& unit, std::string* out) {
  if (tree.empty()) return;
  AppendLine(out, "");
  AppendLine(out, Emphasis("Theme tree (each split chosen to raise the objective most):"));
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
  AppendLine(out, Emphasis(fmt::format("Theme {} · {}", t.id, t.label)));
  std::string size = fmt::format("{} ({:.1f}%)", Plural(t.size, report.unit), 100.0 * t.share);
  if (report.unit != "document" && t.documents > 0)
    size += ", the dominant theme of " + Plural(t.documents, "document");
  AppendLine(out, "  " + size + StabilityText(t));
  AppendLine(out, "  " + KnownMatchText(t.known, report));
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
               "  characteristic terms (occurrences in the theme / outside, signed χ², 1 df):");
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

// When the units are whole documents a passage is the document itself: it is quoted under its
// central document rather than listed twice.
bool QuotedUnderCentral(const Passage& p, const Theme& t, const Report& report) {
  if (report.unit != "document") return false;
  return std::any_of(t.central_documents.begin(), t.central_documents.end(),
                     [&](const CentralDocument& cd) { return cd.document == p.document; });
}

void AppendPassages(const Theme& t, const Report& report, std::string* out) {
  std::vector<const Passage*> listed;
  for (const Passage& p : t.passages) {
    if (!QuotedUnderCentral(p, t, report)) listed.push_back(&p);
  }
  if (listed.empty()) return;
  AppendLine(out, "  passages (cosine to the theme; document, byte offsets in the source file):");
  for (const Passage* p : listed) {
    const UnitEntry& u = report.units[p->unit];
    AppendLine(out, fmt::format("    {:.2f}  {}, bytes {}-{}", p->similarity,
                                OneLine(IdentityOf(report, p->document).id), u.begin, u.end));
    AppendLine(out, "          « " + p->text + " »");
  }
}

void AppendCentralDocuments(const Theme& t, const Report& report, std::string* out) {
  if (t.central_documents.empty()) return;
  const bool quoted = std::any_of(t.passages.begin(), t.passages.end(), [&](const Passage& p) {
    return QuotedUnderCentral(p, t, report);
  });
  AppendLine(out, quoted ? "  central documents (cosine to the theme; source, byte offsets, text):"
                         : "  central documents (cosine to the theme):");
  for (const CentralDocument& cd : t.central_documents) {
    const DocumentEntry& d = report.documents[cd.document];
    const DocumentIdentity identity = IdentityOf(report, cd.document);
    const std::string when = d.date.empty() ? "" : d.date.str() + "  ";
    const auto passage = std::find_if(t.passages.begin(), t.passages.end(), [&](const Passage& p) {
      return p.document == cd.document && QuotedUnderCentral(p, t, report);
    });
    if (passage == t.passages.end()) {
      AppendLine(
          out, fmt::format("    {:.2f}  {}{}  [{}]", cd.similarity, when,
                           OneLine(internal::Truncate(identity.title, 70)), OneLine(identity.id)));
      continue;
    }
    const UnitEntry& u = report.units[passage->unit];
    AppendLine(out, fmt::format("    {:.2f}  {}{}", cd.similarity, when,
                                OneLine(internal::Truncate(identity.title, 70))));
    AppendLine(out, fmt::format("          {}, bytes {}-{}", OneLine(identity.id), u.begin, u.end));
    AppendLine(out, "          « " + passage->text + " »");
  }
}

void AppendTheme(const Theme& t, const Report& report, std::string* out) {
  AppendLine(out, "");
  AppendThemeHeading(t, report, out);
  AppendThemeTerms(t, out);
  AppendPassages(t, report, out);
  AppendCentralDocuments(t, report, out);
}

void AppendKnownThemes(const Report& report, std::string* out) {
  if (report.known_themes.empty()) return;
  AppendLine(out, "");
  AppendLine(out, Emphasis(fmt::format("Known themes ({}; a text is about one when at least "
                                       "{:.1f}% of its words, and {}, are its lexicon's):",
                                       OneLine(report.known_themes_source),
                                       100.0 * report.known_theme_rule.min_share,
                                       report.known_theme_rule.min_occurrences)));
  for (const KnownThemeEntry& k : report.known_themes) {
    std::string themes;
    for (int id : k.themes) themes += fmt::format("{}{}", themes.empty() ? "" : ", ", id);
    AppendLine(out, fmt::format("  {} · {}: {}{}", k.id, k.name, k.present ? "present" : "absent",
                                themes.empty() ? "" : ", theme " + themes));
    AppendLine(out,
               fmt::format("    {} about it · {} of its {} terms in the corpus",
                           Plural(k.documents, "document"), k.terms_in_corpus, k.lexicon_terms));
  }
}

// "theme 2", or with smaller units and more than one theme "themes 2 60%, 1 40%".
std::string ThemeMixText(const Report& report, std::size_t i) {
  const DocumentEntry& d = report.documents[i];
  const ThemeMix shares = ThemeMixOf(report, i);
  const bool documents = report.unit == "document";
  std::string mix;
  if (documents || shares.size() <= 1) {
    mix = d.theme == 0 ? "no theme" : fmt::format("theme {}", d.theme);
  }
  if (!documents && shares.size() > 1) {
    for (const ThemeShare& m : shares) {
      mix += fmt::format("{}{} {:.0f}%", mix.empty() ? "themes " : ", ", m.theme, 100.0 * m.share);
    }
  }
  return mix;
}

std::string KnownThemeText(const Report& report, std::size_t i) {
  const int known = report.documents[i].known_theme;
  if (known < 0) return "no known theme";
  return fmt::format("{} {:.2f}", report.known_themes[static_cast<std::size_t>(known)].id,
                     KnownThemeScoreOf(report, i));
}

// Every document, one a line.
void AppendDocumentList(const Report& report, std::string* out) {
  AppendLine(out, Emphasis(report.unit == "document"
                               ? "Documents (theme; best known theme and its share of the words):"
                               : fmt::format("Documents (theme mix: share of the document's {}s "
                                             "in each theme; best known theme and its share of "
                                             "the words):",
                                             report.unit)));
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    AppendLine(out, fmt::format("  {} · {} · {}", OneLine(IdentityOf(report, i).id),
                                ThemeMixText(report, i), KnownThemeText(report, i)));
  }
}

// How many documents each theme and known theme holds; the documents themselves are listed
// under their themes (the central ones), in the HTML report and in the tables.
void AppendDocumentSummary(const Report& report, std::string* out) {
  std::vector<std::size_t> per_theme(report.themes.size(), 0);
  std::size_t in_none = 0;
  std::size_t mixed = 0;
  std::size_t about_none = 0;
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    const DocumentEntry& d = report.documents[i];
    if (d.theme > 0 && static_cast<std::size_t>(d.theme) <= per_theme.size()) {
      ++per_theme[static_cast<std::size_t>(d.theme - 1)];
    } else {
      ++in_none;
    }
    mixed += ThemeMixOf(report, i).size() > 1;
    about_none += d.known_theme < 0;
  }
  AppendLine(out, Emphasis(fmt::format("Documents: {}", Grouped(report.documents.size()))));
  std::string by_theme;
  for (std::size_t t = 0; t < per_theme.size(); ++t) {
    by_theme +=
        fmt::format("{}{} in theme {}", by_theme.empty() ? "" : ", ", Grouped(per_theme[t]), t + 1);
  }
  if (in_none > 0) by_theme += fmt::format(", {} in none", Grouped(in_none));
  AppendLine(out, "  " + by_theme);
  if (report.unit != "document") {
    AppendLine(out,
               fmt::format("  {} with {}s in more than one theme", Grouped(mixed), report.unit));
  }
  AppendLine(out, fmt::format("  {} about a known theme, {} about none",
                              Grouped(report.documents.size() - about_none), Grouped(about_none)));
  AppendLine(out,
             "  (each theme lists its most central documents; --all-documents lists every "
             "document here, as do the HTML report and the tables)");
}

void AppendDocuments(const Report& report, bool all, std::string* out) {
  if (report.documents.empty()) return;
  AppendLine(out, "");
  if (all || report.documents.size() <= kListedDocuments) {
    AppendDocumentList(report, out);
  } else {
    AppendDocumentSummary(report, out);
  }
}

// Only with --labels.
void AppendQuality(const std::optional<Quality>& quality, std::string* out) {
  if (!quality) return;
  const Quality& q = *quality;
  AppendLine(out, "");
  AppendLine(out,
             Emphasis(fmt::format("Agreement with the reference labels: NMI {:.3f}, ARI {:.3f}",
                                  q.nmi, q.ari)));
  AppendLine(out, fmt::format("  ({} documents, {} labels)", q.labelled_documents, q.labels));
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
  AppendLine(out, Emphasis(fmt::format("{} warning(s):", warnings.size())));
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

// Each section leaves itself out when the report has nothing for it; the layout wraps every
// line last.
std::string RenderText(const Report& report, const TextOptions& options) {
  std::string out;
  AppendSummary(report, &out);
  AppendKSelection(report, &out);
  // The tree splits what was clustered: documents, or the units themselves.
  AppendTree(report.tree, report.themes_found_on == "document" ? "document" : report.unit, &out);
  AppendUnits(report, &out);
  for (const Theme& t : report.themes) AppendTheme(t, report, &out);
  AppendKnownThemes(report, &out);
  AppendDocuments(report, options.all_documents, &out);
  out += internal::RenderTimelineText(report.timeline, options.width);
  out += internal::RenderCrosstabsText(report.crosstabs);
  AppendQuality(report.quality, &out);
  AppendSkippedInput(report.corpus, &out);
  AppendWarnings(report.warnings, &out);
  AppendTimings(report.timings, &out);
  // Whatever a field holds (a passage, a label, a note), no control character reaches the
  // terminal: the one-line fields above are escaped already, the rest here, line by line so
  // that the layout's own emphasis mark stays.
  return internal::LayOutText(ForTerminalKeepingEmphasis(out), options.width, options.color);
}

}  // namespace trendscan
