// The facade: a corpus and options in, a report out. It runs every stage in order (segment into
// units, count terms, TF-IDF, cluster, describe) and is what the CLI's `analyze` calls.
#ifndef TRENDSCAN_PIPELINE_HPP_
#define TRENDSCAN_PIPELINE_HPP_

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "trendscan/cluster/cluster.hpp"
#include "trendscan/describe/over_time.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/describe/themes.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/status.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/text/terms.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

// Measuring the themes against reference labels (--labels).
struct QualityOptions {
  // Reference labels, keyed by document id or file name, to measure NMI and ARI. Empty: none.
  std::map<std::string, std::string> labels;
};

// One options struct per stage, each given only to its stage.
struct AnalyzeOptions {
  // What is clustered: documents, paragraphs or ~40-word segments. Default document (see
  // README, "Choosing the unit": it gave the best themes on every corpus we measured).
  SegmenterOptions units;
  TermOptions terms;          // language, tokenizer, stop words, stemmer
  TfidfOptions tfidf;         // document-frequency bounds, tf weighting
  ClusterOptions cluster;     // algorithm, k or its range, restarts, seed, LSA
  ThemeReportOptions themes;  // words, passages, central documents, known trend themes
  OverTimeOptions over_time;  // timeline, --since/--until, --by
  QualityOptions quality;     // --labels
  // Worker threads for every stage (0 = all cores), resolved once by Analyze; the report does
  // not depend on it.
  int threads = 0;
  // From this many documents whose texts were all released (read from files), their ids,
  // titles and metadata are kept apart from the report's entries, in a temporary file past
  // 16 MB (Report::identities, trendscan/describe/identities.hpp): 300 bytes a post out of
  // memory. 0: always. The report is the same either way.
  std::size_t identities_apart_from = 100000;
  // Reading and counting from files (MpiJob::LoadAndCount in a job of one, `trendscan analyze`):
  // a corpus whose texts pass this many bytes is read and counted in batches of about this size
  // (LoadCorpusInBatches), each batch's texts freed before the next is read, and the batches'
  // counts merged as the shares of several ranks are (trendscan/distributed/merge.hpp): peak
  // memory then holds one batch of texts, not all. 0: the whole corpus is read first. The
  // report is the same either way (--batch-mb).
  std::uint64_t batch_bytes = std::uint64_t{256} << 20;
};

// Every check of the options that needs no corpus, in the order a user reads the options: a
// bad value fails here, before any file is read or tokenised. Fails with kInvalidArgument
// naming the option.
Status ValidateOptions(const AnalyzeOptions& options);

// Called at the start of each stage with its name, for progress display.
using ProgressFn = std::function<void(std::string_view stage)>;

// Runs the pipeline. Fails with kInvalidArgument for inconsistent options (ValidateOptions, and
// then k larger than the number of units with text, min-df above max-df on this corpus) and
// kEmptyInput when no term is left or no document lies in the --since/--until range. With a
// range, only the documents dated within it are analysed (a copy of them is made); undated ones
// are then left out too, and both are counted in the report's timeline.
Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// The same report from a corpus given away: each document's text is freed as soon as it is
// tokenised (when Document::rereadable), and the few texts quoted as passages are read again
// from their files (RereadFile), so that peak memory holds the counts and the TF-IDF matrix but
// not the whole text. A passage whose file changed meanwhile is left out, with a warning.
// Afterwards `corpus` keeps its counters and warnings; its documents' identities have moved into
// the report, and the documents themselves are gone when every text was released (else they
// are left with their texts only).
Result<Report> Analyze(Corpus&& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// Parses a labels file: one "document<TAB>label" a line (or separated by spaces), `#` comments.
// The document is matched against ids first, then file names. Fails (kInvalidArgument) on a
// line without a label, naming `source` and the line number.
Result<std::map<std::string, std::string>> ParseLabels(std::string_view text,
                                                       std::string_view source);

}  // namespace trendscan

#endif  // TRENDSCAN_PIPELINE_HPP_
