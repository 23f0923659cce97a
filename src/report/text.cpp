#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "report/sections.hpp"
#include "util/text_util.hpp"
#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

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
  std::size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

std::string Plural(std::size_t n, const std::string& word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string RenderText(const Report& report) {
  std::string out;
  auto line = [&out](const std::string& s) {
    out += s;
    out += '\n';
  };
  const CorpusStats& c = report.corpus;
  line(fmt::format("trendscan {} · {} documents · {} tokens ({} after stop words) · "
                   "{} terms kept of {}",
                   report.tool_version, Grouped(c.documents), Grouped(c.tokens),
                   Grouped(c.kept_tokens), Grouped(c.vocabulary), Grouped(c.distinct_terms)));
  const ClusteringSummary& s = report.clustering;
  line(fmt::format("{} themes by {} (best of {} restarts: {} rounds + {} refinement passes; "
                   "mean cosine to centroid {:.3f})",
                   s.k, s.algorithm, s.restarts, s.iterations, s.refinement_passes,
                   s.mean_similarity));
  if (!report.k_selection.empty()) {
    std::string figures;
    for (const KCandidate& c : report.k_selection) {
      figures += fmt::format("{}k={} {:.3f}", figures.empty() ? "" : ", ", c.k, c.silhouette);
    }
    line(fmt::format("k chosen by cosine silhouette (higher is better): {}", figures));
  }
  if (!report.tree.empty()) {
    line("");
    line("Theme tree (each split chosen to raise the objective most):");
    // Depth-first, children in order, drawn with box characters.
    std::vector<std::pair<int, std::string>> stack = {{0, ""}};
    while (!stack.empty()) {
      auto [id, prefix] = stack.back();
      stack.pop_back();
      const TreeNode& n = report.tree[static_cast<std::size_t>(id)];
      const std::string what = n.theme > 0 ? fmt::format("Theme {} · {}", n.theme, n.label)
                                           : fmt::format("{}", n.label);
      line(fmt::format("  {}{} ({})", prefix, what, Plural(n.size, report.unit)));
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
  if (report.unit != "document") {
    line(fmt::format("Units: {} ({} with kept terms) cut from the documents; themes are "
                     "groups of {}s, a document's theme is the one most of its {}s belong to",
                     Plural(c.units, report.unit), Grouped(c.clustered_units), report.unit,
                     report.unit));
  }
  for (const Theme& t : report.themes) {
    line("");
    std::string match = "new theme: no known theme is close";
    if (t.known.known_theme >= 0) {
      const KnownThemeEntry& k = report.known_themes[static_cast<std::size_t>(t.known.known_theme)];
      match = t.known.is_new
                  ? fmt::format("new theme; closest known theme {} at {:.2f}, below {:.2f}", k.id,
                                t.known.score, report.known_theme_threshold)
                  : fmt::format("known theme {}, cosine {:.2f}", k.id, t.known.score);
    }
    line(fmt::format("Theme {} · {}  ({})", t.id, t.label, match));
    if (report.unit == "document") {
      line(fmt::format("  {} documents ({:.1f}%)", t.size, 100.0 * t.share));
    } else {
      line(fmt::format("  {} ({:.1f}%), the dominant theme of {}", Plural(t.size, report.unit),
                       100.0 * t.share, Plural(t.documents, "document")));
    }
    std::string words;
    for (const TermScore& ts : t.top_terms) {
      words += (words.empty() ? "" : ", ") + ts.word;
    }
    line("  words: " + words);
    if (!t.characteristic_terms.empty()) {
      line("  characteristic terms (occurrences in the theme / outside, signed chi-squared, 1 df):");
      for (const TermStatistic& ts : t.characteristic_terms) {
        line(fmt::format("    {} {:>6} / {:<6} χ² {:+9.1f}   {}", Pad(ts.word, 18), ts.in_theme,
                         ts.outside, ts.chi2, PValue(ts.p_value)));
      }
    }
    if (!t.anti_profile.empty()) {
      std::string anti;
      for (const TermStatistic& ts : t.anti_profile) {
        anti += fmt::format("{}{} ({:+.1f})", anti.empty() ? "" : ", ", ts.word, ts.chi2);
      }
      line("  anti-profile (least used here): " + anti);
    }
    if (!t.passages.empty()) {
      line("  passages (cosine to the theme; [document, byte offsets in the source file]):");
    }
    for (const Passage& p : t.passages) {
      const UnitEntry& u = report.units[p.unit];
      line(fmt::format("    {:.2f}  [{}, bytes {}-{}]", p.similarity, report.documents[p.document].id,
                       u.begin, u.end));
      line("          « " + p.text + " »");
    }
    if (!t.central_documents.empty()) line("  central documents:");
    for (const CentralDocument& cd : t.central_documents) {
      const DocumentEntry& d = report.documents[cd.document];
      std::string when = d.date.empty() ? "" : d.date + "  ";
      line(fmt::format("    {:.2f}  {}{}  [{}]", cd.similarity, when,
                       internal::Truncate(d.title, 70), d.id));
    }
  }
  if (!report.known_themes.empty()) {
    line("");
    line(fmt::format("Known themes ({}; a theme whose cosine is below {:.2f} is new):",
                     report.known_themes_source, report.known_theme_threshold));
    for (const KnownThemeEntry& k : report.known_themes) {
      std::string themes;
      for (int id : k.themes) themes += fmt::format("{}{}", themes.empty() ? "" : ", ", id);
      line(fmt::format("  {} · {}: {} · best match of {} · {} of its {} terms in the corpus",
                       k.id, k.name, themes.empty() ? "no theme" : "theme " + themes,
                       Plural(k.documents, "document"), k.terms_in_corpus, k.lexicon_terms));
    }
  }
  if (!report.documents.empty()) {
    line("");
    line(report.unit == "document"
             ? "Documents (theme; best known theme and its cosine):"
             : fmt::format("Documents (theme mix: share of the document's {}s in each theme; "
                           "best known theme and its cosine):",
                           report.unit));
    for (const DocumentEntry& d : report.documents) {
      std::string mix;
      if (report.unit == "document" || d.theme_mix.size() <= 1) {
        mix = d.theme == 0 ? "no theme" : fmt::format("theme {}", d.theme);
      }
      if (report.unit != "document" && d.theme_mix.size() > 1) {
        for (const ThemeShare& m : d.theme_mix) {
          mix += fmt::format("{}{} {:.0f}%", mix.empty() ? "themes " : ", ", m.theme, 100.0 * m.share);
        }
      }
      std::string known = "no known theme";
      if (d.known_theme >= 0) {
        known = fmt::format("{} {:.2f}", report.known_themes[static_cast<std::size_t>(d.known_theme)].id,
                            d.known_scores[static_cast<std::size_t>(d.known_theme)]);
      }
      line(fmt::format("  {} · {} · {}", d.id, mix, known));
    }
  }
  out += internal::RenderTimelineText(report.timeline);
  out += internal::RenderCrosstabsText(report.crosstabs);
  if (report.quality) {
    const Quality& q = *report.quality;
    line("");
    line(fmt::format("Agreement with the reference labels ({} documents, {} labels): "
                     "NMI {:.3f}, ARI {:.3f}",
                     q.labelled_documents, q.labels, q.nmi, q.ari));
  }
  if (c.files_skipped > 0 || c.records_skipped > 0) {
    line("");
    line(fmt::format("Input: {} file(s) read, {} skipped; {} line(s)/record(s) skipped inside "
                     "the files read",
                     c.files_read, c.files_skipped, c.records_skipped));
  }
  if (!report.warnings.empty()) {
    line("");
    line(fmt::format("{} warning(s):", report.warnings.size()));
    const std::size_t shown = std::min<std::size_t>(report.warnings.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) line("  " + report.warnings[i]);
    if (shown < report.warnings.size()) {
      line(fmt::format("  … and {} more (all are in the JSON report)", report.warnings.size() - shown));
    }
  }
  if (!report.timings.empty()) {
    std::string timings;
    double total = 0;
    for (const StageTiming& t : report.timings) {
      timings += fmt::format("{}{} {:.3f} s", timings.empty() ? "" : ", ", t.stage, t.seconds);
      total += t.seconds;
    }
    line("");
    line(fmt::format("Time: {:.3f} s ({})", total, timings));
  }
  return out;
}

}  // namespace trendscan
