// Builds the theme, document and unit parts of the report from a clustering of units
// (not part of the public API: Analyze in pipeline.cpp is its only caller).
#ifndef TRENDSCAN_SRC_DESCRIBE_THEMES_HPP_
#define TRENDSCAN_SRC_DESCRIBE_THEMES_HPP_

#include <Eigen/Core>
#include <vector>

#include "trendscan/ingest/corpus.hpp"
#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/pipeline.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan::internal {

struct ThemeInputs {
  const Corpus* corpus = nullptr;
  const std::vector<Unit>* units = nullptr;         // every unit, in document order
  const TermCounts* counts = nullptr;               // per unit, every term
  const TfidfMatrix* tfidf = nullptr;               // units x kept terms
  const std::vector<Eigen::Index>* rows = nullptr;  // the clustered units (non-empty rows)
  const Clustering* clustering = nullptr;           // of `rows`, in that order
  const AnalyzeOptions* options = nullptr;
  // Documents whose text was released after tokenising (null: none). Their passages are chosen
  // but left without text, for the caller to quote from the file (see Analyze(Corpus&&)).
  const std::vector<char>* released = nullptr;
};

// A passage's text: `text` on one line (runs of white space become one space), cut to
// `max_chars` characters with "…"; `truncated` tells whether it was cut.
std::string Quote(std::string_view text, std::size_t max_chars, bool* truncated);

// Fills report->themes, documents, units, known_themes and clustering. Deterministic: every
// sum runs in a fixed order. Fails (kInternal) only when the lexicon cannot be tokenized.
Status DescribeThemes(const ThemeInputs& in, Report* report);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_DESCRIBE_THEMES_HPP_
