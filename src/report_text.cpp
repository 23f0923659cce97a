#include <fmt/format.h>

#include <algorithm>

#include "text_util.hpp"
#include "trendscan/report.hpp"

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
  for (const Theme& t : report.themes) {
    line("");
    line(fmt::format("Theme {} · {}", t.id, t.label));
    line(fmt::format("  {} documents ({:.1f}%)", t.size, 100.0 * t.share));
    std::string words;
    for (const TermScore& ts : t.top_terms) {
      words += (words.empty() ? "" : ", ") + ts.word;
    }
    line("  words: " + words);
    if (!t.central_documents.empty()) line("  central documents:");
    for (const CentralDocument& cd : t.central_documents) {
      const DocumentEntry& d = report.documents[cd.document];
      std::string when = d.date.empty() ? "" : d.date + "  ";
      line(fmt::format("    {:.2f}  {}{}  [{}]", cd.similarity, when,
                       internal::Truncate(d.title, 70), d.id));
    }
  }
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
