// Describe, themes: a clustering of units becomes the report's themes (their words, statistics,
// passages and central documents), documents (theme and theme mix), units, known trend themes
// (the match of each theme, each document's scores) and the bisecting tree.
#ifndef TRENDSCAN_DESCRIBE_THEMES_HPP_
#define TRENDSCAN_DESCRIBE_THEMES_HPP_

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/describe/known_themes.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/status.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/text/terms.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

// The known trend themes the discovered ones are matched against.
struct KnownThemeOptions {
  ThemeLexicon lexicon = BuiltinThemes(Language::kFrench);
  std::string source = "built-in:fr";  // shown in the report
  // A theme whose best known-theme cosine is below this is reported as new, and a document
  // whose best score is below it has no known theme. Default 0.07 (see README, "Known trend
  // themes", for the measurements that chose it).
  double threshold = 0.07;
};

struct ThemeReportOptions {
  // Words listed per theme. Default 10.
  int top_terms = 10;
  // Most central documents listed per theme. Default 3.
  int central_documents = 3;
  // Representative passages (units closest to the centroid, one per document) per theme.
  // Default 3.
  int passages = 3;
  // Longest passage quoted, in code points; longer units are cut with "…". Default 320.
  int passage_chars = 320;
  // Characteristic terms: only terms with at least this many occurrences are ranked. Default 3.
  int min_term_frequency = 3;
  KnownThemeOptions known;
};

// Fails (kInvalidArgument) when top_terms < 1, central_documents or passages < 0, or the
// known-theme threshold is negative.
Status ValidateThemeReportOptions(const ThemeReportOptions& options);

// What the earlier stages produced, as DescribeThemes reads it.
struct ClusteredUnits {
  const Corpus& corpus;
  const std::vector<Unit>& units;         // every unit, in document order
  const TermCounts& counts;               // one row per unit, every term
  const TfidfMatrix& tfidf;               // one row per unit, the kept terms
  const std::vector<Eigen::Index>& rows;  // the clustered units (non-empty rows), in order
  const Clustering& clustering;           // of `rows`, in that order
  // Documents whose text was released after tokenising (null: none). Their passages are chosen
  // but left without text, for the caller to quote from the file.
  const std::vector<char>* released = nullptr;
};

// A passage's text: `text` on one line (runs of white space become one space), cut to
// `max_chars` code points with "…"; `truncated` tells whether it was cut.
std::string QuotePassage(std::string_view text, std::size_t max_chars, bool* truncated);

// Fills report->themes, documents, units, known_themes, clustering and tree. `terms` are the
// options the corpus was read with (the lexicon is read with the same). Deterministic: every
// sum runs in a fixed order, whatever `threads`. Fails (kInternal) only when the lexicon cannot
// be tokenized.
Status DescribeThemes(const ClusteredUnits& in, const ThemeReportOptions& options,
                      const TermOptions& terms, int threads, Report* report);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_THEMES_HPP_
