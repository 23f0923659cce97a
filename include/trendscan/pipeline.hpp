// The facade: a corpus and options in, a report out. It runs every stage in order (cut units,
// count terms, TF-IDF, cluster, describe) and is what the CLI's `analyze` calls.
#ifndef TRENDSCAN_PIPELINE_HPP_
#define TRENDSCAN_PIPELINE_HPP_

#include <functional>
#include <string>
#include <string_view>
#include <map>

#include "trendscan/ingest/corpus.hpp"
#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/cluster/lsa.hpp"
#include "trendscan/text/normalizer.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/status.hpp"
#include "trendscan/describe/known_themes.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/text/tokenizer.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

struct AnalyzeOptions {
  // What is clustered: documents, paragraphs or ~40-word segments. Default document (see
  // README, "Choosing the unit": it gave the best themes on every corpus we measured).
  SegmenterOptions units;
  TokenizerOptions tokenizer;
  NormalizerOptions normalizer;
  // Words removed before stemming, and where they came from (shown in the report).
  StopwordList stopwords = StopwordList::Builtin(Language::kFrench);
  std::string stopwords_source = "built-in:fr";
  TfidfOptions tfidf;
  KMeansOptions kmeans;
  // Cluster on an LSA projection with this many dimensions (0 = on the TF-IDF rows).
  int lsa_components = 0;
  // Choose k from [k_min, k_max] by the cosine silhouette instead of using kmeans.k.
  bool auto_k = false;
  int k_min = 2;
  int k_max = 10;
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
  // Known trend themes to match the discovered ones against, and where they came from.
  ThemeLexicon themes = BuiltinThemes(Language::kFrench);
  std::string themes_source = "built-in:fr";
  // A discovered theme whose best known-theme cosine is below this is reported as new, and a
  // document whose best score is below it has no known theme. Default 0.07 (see README,
  // "Known trend themes", for the measurements that chose it).
  double known_theme_threshold = 0.07;
  // Worker threads for every stage (0 = all cores); the report does not depend on it.
  int threads = 0;
  // Optional reference labels, keyed by document id or file name, to measure NMI and ARI.
  std::map<std::string, std::string> labels;
  // The timeline's period, thresholds and the --since/--until range (see timeline.hpp).
  TimelineOptions timeline;
  // Metadata variables (front-matter keys) to cross-tabulate the themes by, in order.
  std::vector<std::string> by;
};

// Called at the start of each stage with its name, for progress display.
using ProgressFn = std::function<void(std::string_view stage)>;

// Runs the pipeline. Fails with kInvalidArgument for inconsistent options (k larger than the
// number of units with text, min-df above max-df, segment-words < 1, a --since/--until that
// is not a date) and kEmptyInput when no term is left or no document lies in the
// --since/--until range. With a range, only the documents dated within it are analysed (a
// copy of them is made); undated ones are then left out too, and both are counted in the
// report's timeline.
Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// The same report from a corpus given away: each document's text is freed as soon as it is
// tokenised (when Document::rereadable), and the few texts quoted as passages are read again
// from their files (RereadFile), so that peak memory holds the counts and the TF-IDF matrix but
// not the whole text. A passage whose file changed meanwhile is left out, with a warning.
// Afterwards `corpus` holds the documents without their texts.
Result<Report> Analyze(Corpus&& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// Parses a labels file: one "document<TAB>label" a line (or separated by spaces), `#` comments.
// The document is matched against ids first, then file names. Fails (kInvalidArgument) on a
// line without a label, naming `source` and the line number.
Result<std::map<std::string, std::string>> ParseLabels(std::string_view text,
                                                                 std::string_view source);

}  // namespace trendscan

#endif  // TRENDSCAN_PIPELINE_HPP_
