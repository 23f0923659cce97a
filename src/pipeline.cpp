#include "trendscan/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <numeric>

#include "text_util.hpp"
#include "trendscan/metrics.hpp"

namespace trendscan {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<ReportParameter> DescribeParameters(const AnalyzeOptions& o) {
  std::vector<ReportParameter> p;
  p.push_back({"k", static_cast<std::int64_t>(o.kmeans.k)});
  p.push_back({"seed", static_cast<std::int64_t>(o.kmeans.seed)});
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

}  // namespace

Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
  auto stage = [&](std::string_view name) {
    if (progress) progress(name);
  };
  if (options.top_terms < 1) return Status::InvalidArgument("--top-terms must be at least 1");
  if (options.central_documents < 0) {
    return Status::InvalidArgument("--central-documents must not be negative");
  }
  if (corpus.documents.empty()) return Status::EmptyInput("no documents to analyse");
  if (options.kmeans.k > static_cast<int>(corpus.documents.size())) {
    return Status::InvalidArgument("--k " + std::to_string(options.kmeans.k) +
                                   " is larger than the number of documents (" +
                                   std::to_string(corpus.documents.size()) + ")");
  }

  Report report;
  report.tool_version = TRENDSCAN_VERSION;
  report.parameters = DescribeParameters(options);

  stage("tokenize+stem");
  auto start = Clock::now();
  std::vector<std::string_view> texts;
  texts.reserve(corpus.documents.size());
  for (const Document& d : corpus.documents) texts.emplace_back(d.text);
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountTerms(texts, options.tokenizer, options.normalizer,
                                        options.stopwords, options.threads));
  report.timings.push_back({"tokenize+stem", SecondsSince(start)});

  stage("vectorize");
  start = Clock::now();
  TRENDSCAN_ASSIGN_OR_RETURN(TfidfMatrix tfidf, BuildTfidf(counts, options.tfidf));
  // Documents without any kept term have no direction: they are reported, not clustered.
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < tfidf.matrix.rows(); ++i) {
    if (tfidf.matrix.outerIndexPtr()[i + 1] > tfidf.matrix.outerIndexPtr()[i]) rows.push_back(i);
  }
  SparseRowMatrix clustered;
  if (rows.size() == static_cast<std::size_t>(tfidf.matrix.rows())) {
    clustered = tfidf.matrix;
  } else {
    clustered.resize(static_cast<Eigen::Index>(rows.size()), tfidf.matrix.cols());
    std::vector<Eigen::Triplet<float>> triplets;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (SparseRowMatrix::InnerIterator it(tfidf.matrix, rows[r]); it; ++it) {
        triplets.emplace_back(static_cast<int>(r), static_cast<int>(it.index()), it.value());
      }
    }
    clustered.setFromTriplets(triplets.begin(), triplets.end());
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
  stats.clustered_documents = rows.size();
  if (options.kmeans.k > static_cast<int>(rows.size())) {
    return Status::InvalidArgument(
        "--k " + std::to_string(options.kmeans.k) + " is larger than the number of documents " +
        "with at least one kept term (" + std::to_string(rows.size()) + " of " +
        std::to_string(corpus.documents.size()) + ")");
  }

  stage("cluster");
  start = Clock::now();
  KMeansOptions kmeans = options.kmeans;
  kmeans.threads = options.threads;
  TRENDSCAN_ASSIGN_OR_RETURN(Clustering clustering, SphericalKMeans(clustered, kmeans));
  report.timings.push_back({"cluster", SecondsSince(start)});

  stage("describe");
  start = Clock::now();
  const int k = kmeans.k;
  // Themes are numbered by size, largest first; ties keep the core's order.
  std::vector<int> order(static_cast<std::size_t>(k));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return clustering.sizes[static_cast<std::size_t>(a)] > clustering.sizes[static_cast<std::size_t>(b)];
  });
  std::vector<int> theme_of_cluster(static_cast<std::size_t>(k));
  for (int t = 0; t < k; ++t) theme_of_cluster[static_cast<std::size_t>(order[static_cast<std::size_t>(t)])] = t + 1;

  report.documents.resize(corpus.documents.size());
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    DocumentEntry& e = report.documents[d];
    e.id = doc.id;
    e.path = doc.source_path;
    e.title = doc.title;
    e.date = doc.date;
    e.metadata = doc.metadata;
    if (const std::string* label = FindLabel(options.labels, doc)) e.label = *label;
  }
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(k));
  double similarity_sum = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int cluster = clustering.assignment[r];
    DocumentEntry& e = report.documents[static_cast<std::size_t>(rows[r])];
    e.theme = theme_of_cluster[static_cast<std::size_t>(cluster)];
    e.similarity = clustering.similarity[r];
    similarity_sum += clustering.similarity[r];
    members[static_cast<std::size_t>(cluster)].push_back(static_cast<std::size_t>(rows[r]));
  }

  for (int t = 0; t < k; ++t) {
    const int c = order[static_cast<std::size_t>(t)];
    Theme theme;
    theme.id = t + 1;
    theme.size = static_cast<std::size_t>(clustering.sizes[static_cast<std::size_t>(c)]);
    theme.share = rows.empty() ? 0.0 : static_cast<double>(theme.size) / static_cast<double>(rows.size());
    std::vector<int> terms(static_cast<std::size_t>(tfidf.matrix.cols()));
    std::iota(terms.begin(), terms.end(), 0);
    const auto centroid = clustering.centroids.row(c);
    const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(options.top_terms), terms.size());
    std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(top), terms.end(),
                      [&](int a, int b) {
                        if (centroid(a) != centroid(b)) return centroid(a) > centroid(b);
                        return a < b;
                      });
    for (std::size_t i = 0; i < top; ++i) {
      const auto term = static_cast<std::size_t>(terms[i]);
      if (centroid(terms[i]) <= 0) break;
      theme.top_terms.push_back({tfidf.vocabulary.display[term], tfidf.vocabulary.terms[term],
                                 centroid(terms[i]), tfidf.vocabulary.document_frequency[term]});
    }
    for (std::size_t i = 0; i < theme.top_terms.size() && i < 3; ++i) {
      theme.label += (i ? " · " : "") + theme.top_terms[i].word;
    }
    std::vector<std::size_t>& docs = members[static_cast<std::size_t>(c)];
    std::stable_sort(docs.begin(), docs.end(), [&](std::size_t a, std::size_t b) {
      return report.documents[a].similarity > report.documents[b].similarity;
    });
    for (std::size_t i = 0; i < docs.size() && i < static_cast<std::size_t>(options.central_documents); ++i) {
      theme.central_documents.push_back({docs[i], report.documents[docs[i]].similarity});
    }
    report.themes.push_back(std::move(theme));
  }

  ClusteringSummary& summary = report.clustering;
  summary.algorithm = "spherical-kmeans";
  summary.k = k;
  summary.restarts = kmeans.restarts;
  summary.best_restart = clustering.best_restart;
  summary.iterations = clustering.iterations;
  summary.refinement_passes = clustering.refinement_passes;
  summary.objective = clustering.objective;
  summary.mean_similarity = rows.empty() ? 0.0 : similarity_sum / static_cast<double>(rows.size());

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
  if (rows.size() < corpus.documents.size()) {
    report.warnings.push_back(std::to_string(corpus.documents.size() - rows.size()) +
                              " document(s) have no kept term and are not in any theme");
  }
  report.timings.push_back({"describe", SecondsSince(start)});
  return report;
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
