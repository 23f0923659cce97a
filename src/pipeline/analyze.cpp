#include "trendscan/pipeline.hpp"

#include <algorithm>
#include <cstring>
#include <atomic>
#include <functional>
#include <chrono>
#include <filesystem>
#include <map>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <numeric>

#include "describe/over_time.hpp"
#include "util/string_table.hpp"
#include "util/text_util.hpp"
#include "describe/themes.hpp"
#include "trendscan/cluster/metrics.hpp"

namespace trendscan {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<ReportParameter> DescribeParameters(const AnalyzeOptions& o) {
  std::vector<ReportParameter> p;
  if (o.auto_k) {
    p.push_back({"k", std::string("auto")});
    p.push_back({"k-min", static_cast<std::int64_t>(o.k_min)});
    p.push_back({"k-max", static_cast<std::int64_t>(o.k_max)});
  } else {
    p.push_back({"k", static_cast<std::int64_t>(o.kmeans.k)});
  }
  p.push_back({"algorithm", std::string(o.kmeans.algorithm == ClusterAlgorithm::kBisecting
                                            ? "bisecting"
                                            : "kmeans")});
  p.push_back({"seed", static_cast<std::int64_t>(o.kmeans.seed)});
  p.push_back({"lsa", static_cast<std::int64_t>(o.lsa_components)});
  p.push_back({"restarts", static_cast<std::int64_t>(o.kmeans.restarts)});
  p.push_back({"max-iterations", static_cast<std::int64_t>(o.kmeans.max_iterations)});
  p.push_back({"lang", std::string(LanguageCode(o.normalizer.language))});
  p.push_back({"stem", o.normalizer.stem});
  p.push_back({"stopwords", o.stopwords_source});
  p.push_back({"min-df", o.tfidf.min_df});
  p.push_back({"max-df", o.tfidf.max_df});
  p.push_back({"sublinear-tf", o.tfidf.sublinear_tf});
  p.push_back({"keep-numbers", o.tokenizer.keep_numbers});
  p.push_back({"keep-urls", o.tokenizer.keep_urls});
  p.push_back({"keep-tags", o.tokenizer.keep_tags});
  p.push_back({"min-length", static_cast<std::int64_t>(o.tokenizer.min_length)});
  p.push_back({"top-terms", static_cast<std::int64_t>(o.top_terms)});
  p.push_back({"central-documents", static_cast<std::int64_t>(o.central_documents)});
  p.push_back({"unit", std::string(UnitKindName(o.units.kind))});
  p.push_back({"segment-words", static_cast<std::int64_t>(o.units.segment_words)});
  p.push_back({"passages", static_cast<std::int64_t>(o.passages)});
  p.push_back({"passage-chars", static_cast<std::int64_t>(o.passage_chars)});
  p.push_back({"min-term-frequency", static_cast<std::int64_t>(o.min_term_frequency)});
  p.push_back({"themes", o.themes_source});
  p.push_back({"known-theme-threshold", o.known_theme_threshold});
  return p;
}

const std::string* FindLabel(const std::map<std::string, std::string>& labels,
                             const Document& doc) {
  auto it = labels.find(doc.id);
  if (it == labels.end()) {
    it = labels.find(std::filesystem::path(doc.source_path).filename().string());
  }
  return it == labels.end() ? nullptr : &it->second;
}

// A fingerprint of a released text, to check that its file read again gives the same text: four
// independent multiply-xor lanes over 8-byte words (fast: it runs over the whole corpus), then
// the tail and the length.
std::uint64_t Fingerprint(std::string_view text) {
  constexpr std::uint64_t kMul = 0xFF51AFD7ED558CCDULL;
  std::uint64_t lane[4] = {1, 2, 3, 4};
  std::size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {
    for (int l = 0; l < 4; ++l) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i + 8 * l, 8);
      lane[l] = (lane[l] ^ w) * kMul;
      lane[l] ^= lane[l] >> 31;
    }
  }
  std::uint64_t h = internal::StringTable::Hash(text.substr(i)) ^ text.size();
  for (std::uint64_t x : lane) h = (h ^ x) * kMul ^ ((h ^ x) >> 29);
  return h;
}

// Texts released after tokenising (Analyze(Corpus&&)): which, and a fingerprint of each, to
// check that the file read again for a passage still gives the same text.
struct ReleasedTexts {
  std::vector<char> released;  // per document
  std::vector<std::uint64_t> hash;
  std::vector<std::size_t> size;
};

// Quotes the passages chosen from released documents by reading their files again, each file
// once. A passage whose file no longer gives the same text is dropped, with a warning.
void QuoteReleasedPassages(const Corpus& corpus, const std::vector<Unit>& units,
                           const ReleasedTexts& texts, const AnalyzeOptions& options,
                           Report* report) {
  std::map<std::string, std::vector<Passage*>> by_file;
  for (Theme& theme : report->themes) {
    for (Passage& p : theme.passages) {
      if (texts.released[p.document]) by_file[corpus.documents[p.document].source_path].push_back(&p);
    }
  }
  std::vector<std::string> failures;
  for (auto& [path, passages] : by_file) {
    Result<std::vector<Document>> docs = RereadFile(path, corpus.read_with);
    for (Passage* p : passages) {
      const Document& doc = corpus.documents[p->document];
      const Document* again =
          docs.ok() && doc.record < docs->size() ? &(*docs)[doc.record] : nullptr;
      if (again == nullptr || again->text.size() != texts.size[p->document] ||
          Fingerprint(again->text) != texts.hash[p->document]) {
        failures.push_back(doc.id);
        continue;
      }
      const Unit& unit = units[p->unit];
      p->text = internal::Quote(
          std::string_view(again->text).substr(unit.begin, unit.end - unit.begin),
          static_cast<std::size_t>(std::max(1, options.passage_chars)), &p->truncated);
    }
  }
  if (failures.empty()) return;
  for (Theme& theme : report->themes) {
    theme.passages.erase(std::remove_if(theme.passages.begin(), theme.passages.end(),
                                        [&](const Passage& p) {
                                          return texts.released[p.document] && p.text.empty();
                                        }),
                         theme.passages.end());
  }
  report->warnings.push_back(std::to_string(failures.size()) +
                             " passage(s) not quoted: the file changed or vanished while it was "
                             "analysed (first: '" + failures.front() + "')");
}

// The pipeline. `owned` is the corpus itself when the caller gave it away (Analyze(Corpus&&)):
// then each document's text is released as soon as it is tokenised.
Result<Report> AnalyzeCorpus(const Corpus& input, Corpus* owned, const AnalyzeOptions& options,
                             const ProgressFn& progress) {
  auto stage = [&](std::string_view name) {
    if (progress) progress(name);
  };
  // --since/--until: from here on, `corpus` holds only the documents dated in range.
  Corpus in_range;
  internal::RangeExclusions excluded;
  TRENDSCAN_ASSIGN_OR_RETURN(const Corpus* restricted,
                             internal::RestrictToDateRange(input, options, &in_range, &excluded,
                                                           owned));
  const Corpus& corpus = *restricted;
  // The corpus whose texts may be released: the caller's when given away, or our own copy of
  // the documents in the --since/--until range.
  Corpus* releasable = restricted == &in_range ? &in_range : owned;
  if (options.top_terms < 1) return Status::InvalidArgument("--top-terms must be at least 1");
  if (options.central_documents < 0) {
    return Status::InvalidArgument("--central-documents must not be negative");
  }
  if (options.passages < 0) return Status::InvalidArgument("--passages must not be negative");
  if (options.units.segment_words < 1) {
    return Status::InvalidArgument("--segment-words must be at least 1");
  }
  if (corpus.documents.empty()) return Status::EmptyInput("no documents to analyse");

  Report report;
  report.tool_version = TRENDSCAN_VERSION;
  report.parameters = DescribeParameters(options);
  report.unit = std::string(UnitKindName(options.units.kind));

  stage("segment");
  auto start = Clock::now();
  std::vector<std::string_view> bodies;
  bodies.reserve(corpus.documents.size());
  for (const Document& d : corpus.documents) bodies.emplace_back(d.text);
  const std::vector<Unit> units = SegmentTexts(bodies, options.units);
  const std::string unit_name = std::string(UnitKindName(options.units.kind)) + "s";
  if (!options.auto_k && options.kmeans.k > static_cast<int>(units.size())) {
    return Status::InvalidArgument("--k " + std::to_string(options.kmeans.k) +
                                   " is larger than the number of " + unit_name + " (" +
                                   std::to_string(units.size()) + ")");
  }
  report.timings.push_back({"segment", SecondsSince(start)});

  stage("tokenize+stem");
  start = Clock::now();
  std::vector<std::string_view> texts;
  texts.reserve(units.size());
  for (const Unit& u : units) {
    texts.push_back(bodies[u.document].substr(u.begin, u.end - u.begin));
  }
  // Releasing: a document's text goes once its last unit is tokenised, so peak memory holds
  // the text or the counts of each document, not both. Passages are quoted from the files.
  ReleasedTexts released;
  std::vector<std::atomic<std::uint32_t>> units_left(releasable ? corpus.documents.size() : 0);
  std::function<void(std::size_t)> done;
  if (releasable != nullptr) {
    released.released.assign(corpus.documents.size(), 0);
    released.hash.assign(corpus.documents.size(), 0);
    released.size.assign(corpus.documents.size(), 0);
    for (const Unit& u : units) units_left[u.document].fetch_add(1, std::memory_order_relaxed);
    done = [&](std::size_t u) {
      const std::size_t d = units[u].document;
      if (units_left[d].fetch_sub(1, std::memory_order_acq_rel) != 1) return;
      Document& doc = releasable->documents[d];
      if (!doc.rereadable) return;
      released.hash[d] = Fingerprint(doc.text);
      released.size[d] = doc.text.size();
      released.released[d] = 1;
      std::string().swap(doc.text);
    };
  }
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountTerms(texts, options.tokenizer, options.normalizer,
                                        options.stopwords, options.threads, done));
  bodies.clear();
  texts.clear();
#ifdef __GLIBC__
  // The freed texts were many small blocks that glibc keeps for reuse; the matrix built next is
  // one large block it maps anew. Hand the freed pages back so they do not count twice.
  if (releasable != nullptr) malloc_trim(0);
#endif
  report.timings.push_back({"tokenize+stem", SecondsSince(start)});

  stage("vectorize");
  start = Clock::now();
  TRENDSCAN_ASSIGN_OR_RETURN(TfidfMatrix tfidf,
                             BuildTfidf(counts, options.tfidf, options.threads));
  // Units without any kept term have no direction: they are reported, not clustered.
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < tfidf.matrix.rows(); ++i) {
    if (tfidf.matrix.outerIndexPtr()[i + 1] > tfidf.matrix.outerIndexPtr()[i]) rows.push_back(i);
  }
  SparseRows compacted;  // only when some rows are empty: no copy of the matrix otherwise
  const SparseRows* clustered = &tfidf.matrix;
  if (rows.size() != static_cast<std::size_t>(tfidf.matrix.rows())) {
    compacted.resize(static_cast<Eigen::Index>(rows.size()), tfidf.matrix.cols());
    std::vector<Eigen::Triplet<float>> triplets;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (SparseRows::InnerIterator it(tfidf.matrix, rows[r]); it; ++it) {
        triplets.emplace_back(static_cast<int>(r), static_cast<int>(it.index()), it.value());
      }
    }
    compacted.setFromTriplets(triplets.begin(), triplets.end());
    clustered = &compacted;
  }
  report.timings.push_back({"vectorize", SecondsSince(start)});

  CorpusStats& stats = report.corpus;
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
  {
    std::vector<bool> has_term(corpus.documents.size(), false);
    for (Eigen::Index r : rows) has_term[units[static_cast<std::size_t>(r)].document] = true;
    stats.clustered_documents = static_cast<std::size_t>(std::count(has_term.begin(), has_term.end(), true));
  }
  if (options.auto_k && (options.k_min < 2 || options.k_max < options.k_min)) {
    return Status::InvalidArgument("--k auto needs 2 <= --k-min <= --k-max");
  }
  if (options.auto_k && rows.size() < 3) {
    return Status::InvalidArgument("--k auto needs at least 3 " + unit_name +
                                   " with a kept term (found " + std::to_string(rows.size()) + ")");
  }
  if (!options.auto_k && options.kmeans.k > static_cast<int>(rows.size())) {
    return Status::InvalidArgument(
        "--k " + std::to_string(options.kmeans.k) + " is larger than the number of " + unit_name +
        " with at least one kept term (" + std::to_string(rows.size()) + " of " +
        std::to_string(units.size()) + ")");
  }

  stage("cluster");
  start = Clock::now();
  KMeansOptions kmeans = options.kmeans;
  kmeans.threads = options.threads;
  SparseRows projected;
  const SparseRows* space = clustered;
  if (options.lsa_components > 0) {
    stage("lsa");
    LsaOptions lsa;
    lsa.components = options.lsa_components;
    lsa.seed = options.kmeans.seed;
    lsa.threads = options.threads;
    TRENDSCAN_ASSIGN_OR_RETURN(projected, LsaProject(*clustered, lsa));
    space = &projected;
  }
  Clustering clustering;
  if (!options.auto_k) {
    TRENDSCAN_ASSIGN_OR_RETURN(clustering, Cluster(*space, kmeans));
  } else {
    // --k auto: cluster for every k in range and keep the best mean cosine silhouette (ties go
    // to the smaller k). Every candidate's figure is reported so a researcher can judge.
    const int k_max = std::min(options.k_max, static_cast<int>(rows.size()) - 1);
    double best = -2;
    for (int k = std::min(options.k_min, k_max); k <= k_max; ++k) {
      if (progress) progress("cluster k=" + std::to_string(k));
      kmeans.k = k;
      TRENDSCAN_ASSIGN_OR_RETURN(Clustering candidate, Cluster(*space, kmeans));
      const double silhouette = CosineSilhouette(*space, candidate.assignment, k, options.threads);
      report.k_selection.push_back({k, silhouette, candidate.objective});
      if (silhouette > best) {
        best = silhouette;
        clustering = std::move(candidate);
      }
    }
    kmeans.k = static_cast<int>(clustering.sizes.size());
  }
  // Themes are described by terms: with LSA, centroids and similarities go back to term space.
  if (space != clustered) ExpressInSpace(*clustered, &clustering);
  report.timings.push_back({"cluster", SecondsSince(start)});

  stage("describe");
  start = Clock::now();
  internal::ThemeInputs inputs;
  inputs.corpus = &corpus;
  inputs.units = &units;
  inputs.counts = &counts;
  inputs.tfidf = &tfidf;
  inputs.rows = &rows;
  inputs.clustering = &clustering;
  inputs.options = &options;
  if (releasable != nullptr) inputs.released = &released.released;
  TRENDSCAN_RETURN_IF_ERROR(internal::DescribeThemes(inputs, &report));
  if (releasable != nullptr) QuoteReleasedPassages(corpus, units, released, options, &report);
  report.clustering.restarts = kmeans.restarts;
  report.clustering.algorithm = kmeans.algorithm == ClusterAlgorithm::kBisecting
                                    ? "bisecting-spherical-kmeans"
                                    : "spherical-kmeans";
  report.clustering.k_criterion = options.auto_k ? "cosine-silhouette" : "fixed";
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    if (const std::string* label = FindLabel(options.labels, corpus.documents[d])) {
      report.documents[d].label = *label;
    }
  }

  if (!options.labels.empty()) {
    std::map<std::string, int> label_ids;
    std::vector<int> truth;
    std::vector<int> predicted;
    for (const DocumentEntry& e : report.documents) {
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
    report.quality = q;
    if (truth.empty()) report.warnings.push_back("no document matched the reference labels");
  }
  for (const IngestWarning& w : corpus.warnings) report.warnings.push_back(w.message);
  if (stats.clustered_documents < corpus.documents.size()) {
    report.warnings.push_back(std::to_string(corpus.documents.size() - stats.clustered_documents) +
                              " document(s) have no kept term and are not in any theme");
  }
  internal::DescribeOverTime(corpus, options, excluded, &report);
  report.timings.push_back({"describe", SecondsSince(start)});
  return report;
}

}  // namespace

Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
  return AnalyzeCorpus(corpus, nullptr, options, progress);
}

Result<Report> Analyze(Corpus&& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
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
