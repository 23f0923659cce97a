// Analyze: the pipeline as a short driver over its phases, in the order of the diagram in the
// README (segment, count terms, TF-IDF, cluster, describe), each phase a function with its
// inputs and outputs named.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pipeline/date_range.hpp"
#include "pipeline/parameters.hpp"
#include "pipeline/text_release.hpp"
#include "trendscan/cluster/metrics.hpp"
#include "trendscan/pipeline.hpp"
#include "util/parallel.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

using Clock = std::chrono::steady_clock;

// Announces each stage (progress) and records how long it took (the report's timings).
class StageClock {
 public:
  StageClock(const ProgressFn& progress, Report* report) : progress_(progress), report_(report) {}
  void Start(const char* stage) {
    if (progress_) progress_(stage);
    stage_ = stage;
    start_ = Clock::now();
  }
  void Stop() {
    report_->timings.push_back(
        {stage_, std::chrono::duration<double>(Clock::now() - start_).count()});
  }
  const ProgressFn& progress() const { return progress_; }

 private:
  const ProgressFn& progress_;
  Report* report_;
  const char* stage_ = "";
  Clock::time_point start_;
};

// "documents", "paragraphs" or "segments", for messages.
std::string UnitsName(const SegmenterOptions& units) {
  return std::string(UnitKindName(units.kind)) + "s";
}

std::vector<Unit> SegmentCorpus(const Corpus& corpus, const SegmenterOptions& options) {
  std::vector<std::string_view> bodies;
  bodies.reserve(corpus.documents.size());
  for (const Document& d : corpus.documents) bodies.emplace_back(d.text);
  return SegmentTexts(bodies, options);
}

Status CheckUnitsForK(const ClusterOptions& options, const SegmenterOptions& units,
                      std::size_t n_units) {
  if (!options.k_selection.automatic && options.kmeans.k > static_cast<int>(n_units)) {
    return Status::InvalidArgument("--k " + std::to_string(options.kmeans.k) +
                                   " is larger than the number of " + UnitsName(units) + " (" +
                                   std::to_string(n_units) + ")");
  }
  return Status::Ok();
}

// Counts the terms of every unit; a released document's text goes once its last unit is read.
Result<TermCounts> CountUnitTerms(const Corpus& corpus, const std::vector<Unit>& units,
                                  const TermOptions& options, int threads,
                                  internal::TextReleaser* releaser) {
  std::vector<std::string_view> texts;
  texts.reserve(units.size());
  for (const Unit& u : units) {
    texts.push_back(
        std::string_view(corpus.documents[u.document].text).substr(u.begin, u.end - u.begin));
  }
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountTerms(texts, options, threads, releaser->OnUnitDone()));
#ifdef __GLIBC__
  // The freed texts were many small blocks that glibc keeps for reuse; the matrix built next is
  // one large block it maps anew. Hand the freed pages back so they do not count twice.
  if (releaser->released() != nullptr) malloc_trim(0);
#endif
  return counts;
}

// The rows that are clustered: units with at least one kept term (an empty row has no
// direction; such units are reported, not clustered), and the matrix of those rows only (no
// copy when every row has a term).
struct ClusteredRows {
  std::vector<Eigen::Index> rows;
  SparseRows compacted;
  const SparseRows* matrix = nullptr;
};

void SelectClusteredRows(const SparseRows& tfidf, ClusteredRows* out) {
  for (Eigen::Index i = 0; i < tfidf.rows(); ++i) {
    if (tfidf.outerIndexPtr()[i + 1] > tfidf.outerIndexPtr()[i]) out->rows.push_back(i);
  }
  out->matrix = &tfidf;
  if (out->rows.size() == static_cast<std::size_t>(tfidf.rows())) return;
  out->compacted.resize(static_cast<Eigen::Index>(out->rows.size()), tfidf.cols());
  std::vector<Eigen::Triplet<float>> triplets;
  for (std::size_t r = 0; r < out->rows.size(); ++r) {
    for (SparseRows::InnerIterator it(tfidf, out->rows[r]); it; ++it) {
      triplets.emplace_back(static_cast<int>(r), static_cast<int>(it.index()), it.value());
    }
  }
  out->compacted.setFromTriplets(triplets.begin(), triplets.end());
  out->matrix = &out->compacted;
}

CorpusStats CountCorpus(const Corpus& corpus, const std::vector<Unit>& units,
                        const TermCounts& counts, const TfidfMatrix& tfidf,
                        const std::vector<Eigen::Index>& rows) {
  CorpusStats stats;
  stats.documents = corpus.documents.size();
  stats.files_read = corpus.files_read;
  stats.files_skipped = corpus.files_skipped;
  stats.records_skipped = corpus.records_skipped;
  stats.bytes = corpus.bytes_read;
  stats.tokens = counts.tokens;
  stats.kept_tokens = counts.kept_tokens;
  stats.distinct_terms = counts.vocabulary.size();
  stats.vocabulary = tfidf.vocabulary.size();
  stats.units = units.size();
  stats.clustered_units = rows.size();
  std::vector<bool> has_term(corpus.documents.size(), false);
  for (Eigen::Index r : rows) has_term[units[static_cast<std::size_t>(r)].document] = true;
  stats.clustered_documents =
      static_cast<std::size_t>(std::count(has_term.begin(), has_term.end(), true));
  return stats;
}

Status CheckRowsForK(const ClusterOptions& options, const SegmenterOptions& units,
                     std::size_t n_rows, std::size_t n_units) {
  if (options.k_selection.automatic && n_rows < 3) {
    return Status::InvalidArgument("--k auto needs at least 3 " + UnitsName(units) +
                                   " with a kept term (found " + std::to_string(n_rows) + ")");
  }
  if (!options.k_selection.automatic && options.kmeans.k > static_cast<int>(n_rows)) {
    return Status::InvalidArgument("--k " + std::to_string(options.kmeans.k) +
                                   " is larger than the number of " + UnitsName(units) +
                                   " with at least one kept term (" + std::to_string(n_rows) +
                                   " of " + std::to_string(n_units) + ")");
  }
  return Status::Ok();
}

void SummarizeRun(const ClusterOptions& options, Report* report) {
  ClusteringSummary& c = report->clustering;
  c.restarts = options.kmeans.restarts;
  c.algorithm = options.kmeans.algorithm == ClusterAlgorithm::kBisecting
                    ? "bisecting-spherical-kmeans"
                    : "spherical-kmeans";
  c.k_criterion = options.k_selection.automatic ? "cosine-silhouette" : "fixed";
}

const std::string* FindLabel(const std::map<std::string, std::string>& labels,
                             const Document& doc) {
  auto it = labels.find(doc.id);
  if (it == labels.end()) {
    it = labels.find(std::filesystem::path(doc.source_path).filename().string());
  }
  return it == labels.end() ? nullptr : &it->second;
}

// NMI and ARI of the documents' themes against the reference labels.
void MeasureQuality(const Corpus& corpus, const QualityOptions& options, Report* report) {
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    if (const std::string* label = FindLabel(options.labels, corpus.documents[d])) {
      report->documents[d].label = *label;
    }
  }
  if (options.labels.empty()) return;
  std::map<std::string, int> label_ids;
  std::vector<int> truth;
  std::vector<int> predicted;
  for (const DocumentEntry& e : report->documents) {
    if (e.label.empty() || e.theme == 0) continue;
    auto [it, inserted] = label_ids.try_emplace(e.label, static_cast<int>(label_ids.size()));
    truth.push_back(it->second);
    predicted.push_back(e.theme - 1);
  }
  Quality q;
  q.labelled_documents = truth.size();
  q.labels = label_ids.size();
  q.nmi = NormalizedMutualInformation(truth, predicted);
  q.ari = AdjustedRandIndex(truth, predicted);
  report->quality = q;
  if (truth.empty()) report->warnings.push_back("no document matched the reference labels");
}

void CarryWarnings(const Corpus& corpus, const CorpusStats& stats, Report* report) {
  for (const IngestWarning& w : corpus.warnings) report->warnings.push_back(w.message);
  if (stats.clustered_documents < corpus.documents.size()) {
    report->warnings.push_back(std::to_string(corpus.documents.size() - stats.clustered_documents) +
                               " document(s) have no kept term and are not in any theme");
  }
}

// The pipeline. `owned` is the corpus itself when the caller gave it away (Analyze(Corpus&&)):
// then each document's text is released as soon as it is tokenised.
Result<Report> AnalyzeCorpus(const Corpus& input, Corpus* owned, const AnalyzeOptions& options,
                             const ProgressFn& progress) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateOptions(options));
  const int threads = internal::ResolveThreads(options.threads);
  // --since/--until: from here on, `corpus` holds only the documents dated in range.
  Corpus in_range;
  DateRangeExclusions excluded;
  TRENDSCAN_ASSIGN_OR_RETURN(const Corpus* restricted,
                             internal::RestrictToDateRange(input, options.over_time.timeline,
                                                           &in_range, &excluded, owned));
  const Corpus& corpus = *restricted;
  if (corpus.documents.empty()) return Status::EmptyInput("no documents to analyse");

  Report report;
  report.tool_version = TRENDSCAN_VERSION;
  report.parameters = internal::DescribeParameters(options);
  report.unit = std::string(UnitKindName(options.units.kind));
  StageClock clock(progress, &report);

  clock.Start("segment");
  const std::vector<Unit> units = SegmentCorpus(corpus, options.units);
  TRENDSCAN_RETURN_IF_ERROR(CheckUnitsForK(options.cluster, options.units, units.size()));
  clock.Stop();

  clock.Start("tokenize+stem");
  // The texts that may be released: the caller's when given away, or our own range copy.
  internal::TextReleaser releaser(restricted == &in_range ? &in_range : owned, units);
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountUnitTerms(corpus, units, options.terms, threads, &releaser));
  clock.Stop();

  clock.Start("vectorize");
  TRENDSCAN_ASSIGN_OR_RETURN(TfidfMatrix tfidf, BuildTfidf(counts, options.tfidf, threads));
  ClusteredRows clustered;
  SelectClusteredRows(tfidf.matrix, &clustered);
  clock.Stop();
  report.corpus = CountCorpus(corpus, units, counts, tfidf, clustered.rows);
  TRENDSCAN_RETURN_IF_ERROR(
      CheckRowsForK(options.cluster, options.units, clustered.rows.size(), units.size()));

  clock.Start("cluster");
  TRENDSCAN_ASSIGN_OR_RETURN(ClusterResult result, ClusterRows(*clustered.matrix, options.cluster,
                                                               threads, clock.progress()));
  report.k_selection = std::move(result.candidates);
  clock.Stop();

  clock.Start("describe");
  const ClusteredUnits described{
      corpus, units, counts, tfidf, clustered.rows, result.clustering, releaser.released()};
  TRENDSCAN_RETURN_IF_ERROR(
      DescribeThemes(described, options.themes, options.terms, threads, &report));
  releaser.QuotePassages(
      corpus, units, static_cast<std::size_t>(std::max(1, options.themes.passage_chars)), &report);
  SummarizeRun(options.cluster, &report);
  MeasureQuality(corpus, options.quality, &report);
  CarryWarnings(corpus, report.corpus, &report);
  DescribeOverTime(corpus, options.over_time, excluded, &report);
  clock.Stop();
  return report;
}

}  // namespace

Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
  return AnalyzeCorpus(corpus, nullptr, options, progress);
}

Result<Report> Analyze(Corpus&& corpus, const AnalyzeOptions& options, const ProgressFn& progress) {
  return AnalyzeCorpus(corpus, &corpus, options, progress);
}

Result<std::map<std::string, std::string>> ParseLabels(std::string_view text,
                                                       std::string_view source) {
  std::map<std::string, std::string> labels;
  std::size_t line_number = 0;
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    line = internal::Trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::size_t sep = line.find('\t');
    if (sep == std::string_view::npos) sep = line.find_last_of(' ');
    if (sep == std::string_view::npos || internal::Trim(line.substr(sep + 1)).empty()) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_number) +
                                     ": expected 'document<TAB>label'");
    }
    labels[std::string(internal::Trim(line.substr(0, sep)))] =
        std::string(internal::Trim(line.substr(sep + 1)));
  }
  return labels;
}

}  // namespace trendscan
