#include "cli/bench_command.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "cli/cli_util.hpp"
#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/pipeline/counted.hpp"
#include "trendscan/report/render.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan::cli {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Peak resident memory of this process so far, in bytes (Linux reports kilobytes).
double PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

// Writes the matrix in Matrix Market coordinate format (1-based), for running other tools'
// k-means on exactly the same input.
Status ExportMatrix(const SparseRows& m, const std::string& path) {
  std::ostringstream out;
  out << "%%MatrixMarket matrix coordinate real general\n"
      << m.rows() << ' ' << m.cols() << ' ' << m.nonZeros() << '\n'
      << std::setprecision(9);
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (SparseRows::InnerIterator it(m, r); it; ++it) {
      out << r + 1 << ' ' << it.index() + 1 << ' ' << it.value() << '\n';
    }
  }
  return WriteFileAtomically(path, out.str());
}

// The figures of one pipeline run: stage times, throughput, clustering, memory, quality.
void RecordRun(const Report& report, double read_seconds, bool timed_read, double bytes, Json* j) {
  double total = read_seconds;
  Json stages = Json::object();
  if (timed_read) stages["read"] = read_seconds;
  for (const StageTiming& t : report.timings) {
    stages[t.stage] = t.seconds;
    total += t.seconds;
  }
  const double mb = bytes / 1e6;
  const double peak = PeakRssBytes();
  (*j)["corpus"] = {{"documents", report.corpus.documents},
                    {"megabytes", mb},
                    {"tokens", report.corpus.tokens},
                    {"vocabulary", report.corpus.vocabulary}};
  (*j)["seconds"] = stages;
  (*j)["total_seconds"] = total;
  (*j)["throughput"] = {
      {"megabytes_per_second", mb / total},
      {"documents_per_second", static_cast<double>(report.corpus.documents) / total}};
  (*j)["clustering"] = {{"iterations", report.clustering.iterations},
                        {"refinement_passes", report.clustering.refinement_passes},
                        {"objective", report.clustering.objective}};
  (*j)["peak_memory"] = {{"bytes", peak}, {"ratio_to_input", peak / bytes}};
  if (report.quality) {
    (*j)["quality"] = {{"nmi", report.quality->nmi}, {"ari", report.quality->ari}};
  }
}

// The results for people, from the same figures as the JSON.
std::string RenderBenchText(const Json& j, int rounds) {
  const double mb = j["corpus"]["megabytes"].get<double>();
  const double total = j["total_seconds"].get<double>();
  const double docs = j["corpus"]["documents"].get<double>();
  std::string out = fmt::format(
      "trendscan bench · {} documents · {:.1f} MB · {} tokens · k {} · {} · {} restarts\n",
      j["corpus"]["documents"].get<std::size_t>(), mb, j["corpus"]["tokens"].get<std::uint64_t>(),
      j["parameters"]["k"].get<int>(), j["parameters"]["algorithm"].get<std::string>(),
      j["parameters"]["restarts"].get<int>());
  if (j["parameters"]["ranks"].get<int>() > 1) {
    out += fmt::format("  read and counted by {} MPI ranks; peak memory is rank 0's\n",
                       j["parameters"]["ranks"].get<int>());
  }
  for (const auto& [stage, seconds] : j["seconds"].items()) {
    out += fmt::format("  {:<14} {:8.3f} s\n", stage, seconds.get<double>());
  }
  out += fmt::format("  {:<14} {:8.3f} s   {:.1f} MB/s, {:.0f} documents/s\n", "total", total,
                     mb / total, docs / total);
  out += fmt::format("  clustering     {} rounds + {} refinement passes\n",
                     j["clustering"]["iterations"].get<int>(),
                     j["clustering"]["refinement_passes"].get<int>());
  if (j.contains("rounds")) {
    out += fmt::format("  k-means round  {:.2f} ms (seeding + {} fixed rounds, averaged)\n",
                       j["rounds"]["milliseconds_per_round"].get<double>(), rounds);
  }
  out += fmt::format("  json report    {:.1f} MB\n", j["json_report_megabytes"].get<double>());
  out += fmt::format("  peak memory    {:.1f} MB ({:.2f}x the input text)\n",
                     j["peak_memory"]["bytes"].get<double>() / 1e6,
                     j["peak_memory"]["ratio_to_input"].get<double>());
  if (j.contains("quality")) {
    out += fmt::format("  quality        NMI {:.3f}, ARI {:.3f}\n",
                       j["quality"]["nmi"].get<double>(), j["quality"]["ari"].get<double>());
  }
  return out;
}

}  // namespace

BenchCommand::BenchCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "bench",
      "Benchmark the pipeline: per-stage time, throughput, peak memory and NMI/ARI on a labelled "
      "synthetic corpus generated in memory, or on PATH (labels = first-level subfolders).");
  CLI::App* c = command_;
  c->add_option("path", path_, "Folder to read instead of generating (PATH/<label>/<doc>.txt)")
      ->type_name("PATH");
  c->option_defaults()->always_capture_default();
  c->add_option("--docs", synthetic_.documents, "Synthetic documents to generate")
      ->check(WholeNumber(1, 100000000));
  c->add_option("--topics", synthetic_.topics, "Synthetic topics (the labels)")
      ->check(WholeNumber(1, 1000));
  c->add_option("--words", synthetic_.words, "Mean words per synthetic document")
      ->check(WholeNumber(1, 1000000));
  c->add_option("--mix", synthetic_.mix, "Share of background words shared by all topics")
      ->check(Fraction());
  c->add_option("--corpus-seed", synthetic_.seed, "Seed of the synthetic corpus")
      ->check(WholeNumber(0, 9223372036854775807LL));
  c->add_option("-k,--k", k_, "Number of themes (0 = the number of labels)")
      ->check(WholeNumber(0, 100000));
  shared_ = std::make_unique<PipelineFlags>(command_, &options_);
  c->add_option(
       "--rounds", rounds_,
       "Fixed k-means rounds timed on the final matrix for the per-round figure (0 = skip)")
      ->check(WholeNumber(0, 10000));
  c->add_option("--export-matrix", export_matrix_,
                "Also write the TF-IDF matrix (Matrix Market) for other tools' k-means")
      ->type_name("FILE");
  c->add_option("--format", format_, "Output format")->check(CLI::IsMember({"text", "json"}));
  c->add_option("-o,--output", output_, "Write the results to this file, - for stdout")
      ->type_name("FILE");
}

int BenchCommand::Run() {
  // Under mpirun or srun every rank runs this: each reads its share of PATH, rank 0 measures.
  Result<std::unique_ptr<MpiJob>> job = MpiJob::Join();
  if (!job.ok()) {
    PrintError(job.status().message());
    return ExitCodeFor(job.status());
  }
  Json results;
  std::string rendered;
  Status status = Execute(**job, &results, &rendered);
  if (status.ok() && (*job)->rank() == 0) status = WriteFileAtomically(output_, rendered);
  int exit_code = kExitOk;
  if (!status.ok()) {
    if ((*job)->rank() == 0) PrintError(status.message());
    exit_code = ExitCodeFor(status);
  }
  return (*job)->Finish(exit_code);
}

Corpus BenchCommand::GenerateBenchCorpus(Json* j) {
  const auto start = Clock::now();
  SyntheticCorpus synthetic = GenerateSyntheticCorpus(synthetic_);
  std::map<std::string, std::string>& labels = options_.quality.labels;
  for (std::size_t d = 0; d < synthetic.labels.size(); ++d) {
    labels[synthetic.corpus.documents[d].id.str()] = synthetic.labels[d];
  }
  (*j)["input"] = {{"kind", "synthetic"},
                   {"documents", synthetic_.documents},
                   {"topics", synthetic_.topics},
                   {"words", synthetic_.words},
                   {"mix", synthetic_.mix},
                   {"corpus_seed", synthetic_.seed},
                   {"generate_seconds", Seconds(start)}};
  return std::move(synthetic.corpus);
}

Result<Report> BenchCommand::AnalyzeFolder(MpiJob& job, Json* j, double* read_seconds,
                                           double* bytes) {
  // Counting does not depend on k, which is chosen from the labels once they are all known.
  options_.cluster.kmeans.k = std::max(2, k_);
  TRENDSCAN_ASSIGN_OR_RETURN(GatheredCorpus gathered,
                             job.LoadAndCount({path_}, IngestOptions{}, options_, nullptr, {}));
  if (job.rank() != 0) return Report();
  std::map<std::string, std::string>& labels = options_.quality.labels;
  // The ids are in the identities kept apart when counting kept them so (large folders).
  const IdentityStore* apart = gathered.counted.counted.identities.get();
  const std::vector<Document>& documents = gathered.counted.corpus.documents;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::string id(apart != nullptr ? apart->Get(d).id : std::string_view(documents[d].id));
    const std::size_t slash = id.find('/');
    if (slash != std::string::npos) labels[id] = id.substr(0, slash);
  }
  (*j)["input"] = {{"kind", "folder"},
                   {"path", path_},
                   {"documents", gathered.counted.corpus.documents.size()},
                   {"ranks", job.size()}};
  TRENDSCAN_RETURN_IF_ERROR(ChooseK());
  *read_seconds = gathered.read_seconds;
  Result<Report> report = AnalyzeCounted(std::move(gathered.counted), options_);
  *bytes = static_cast<double>(gathered.counted.corpus.bytes_read);
  return report;
}

Status BenchCommand::ChooseK() {
  std::set<std::string> distinct;
  for (const auto& [id, label] : options_.quality.labels) distinct.insert(label);
  KMeansOptions& kmeans = options_.cluster.kmeans;
  kmeans.k = k_ > 0 ? k_ : std::max<int>(2, static_cast<int>(distinct.size()));
  return ValidateOptions(options_);
}

Status BenchCommand::Execute(MpiJob& job, Json* j, std::string* rendered) {
  Status ready = shared_->Resolve();
  if (ready.ok() && job.rank() == 0) {
    for (const std::string& w : shared_->warnings()) PrintWarning(w);
    // Where the results go is checked before the work.
    for (const std::string* out : {&output_, &export_matrix_}) {
      if (out->empty() || !ready.ok()) continue;
      Result<OutputTarget> target = ResolveOutput(*out);
      ready = target.ok() ? RefuseOutputAmongInputs(*target, {path_, shared_->stopwords_file()})
                          : target.status();
    }
  }
  if (ready.ok() && job.size() > 1 && path_.empty()) {
    ready = Status::InvalidArgument(
        "under MPI, bench reads a folder (PATH) that every rank sees; the synthetic corpus is "
        "made by one process: write one with benches/gen_corpus.py or benches/gen_posts.py");
  }
  TRENDSCAN_RETURN_IF_ERROR(job.Agree(ready));
  (*j)["tool"] = {{"name", "trendscan"}, {"version", TRENDSCAN_VERSION}};

  Corpus corpus;  // the synthetic corpus, kept for TimeRounds
  Report report;
  double read_seconds = 0;
  double bytes = 0;
  if (path_.empty()) {
    corpus = GenerateBenchCorpus(j);
    TRENDSCAN_RETURN_IF_ERROR(ChooseK());
    bytes = static_cast<double>(corpus.bytes_read);
    TRENDSCAN_ASSIGN_OR_RETURN(report, Analyze(corpus, options_));
  } else {
    // As `analyze` does: texts are freed once tokenised, so the peak measured is analyze's.
    TRENDSCAN_ASSIGN_OR_RETURN(report, AnalyzeFolder(job, j, &read_seconds, &bytes));
    if (job.rank() != 0) return Status::Ok();
  }
  // The JSON report rendered as `analyze` streams it to its file (here to nothing): its time,
  // its size, and its memory in the peak.
  const auto render_start = Clock::now();
  std::uint64_t report_bytes = 0;
  WriteJson(
      report,
      [&](std::string_view piece) {
        report_bytes += piece.size();
        return true;
      },
      /*include_timings=*/true, options_.threads);
  report.timings.push_back({"json report", Seconds(render_start)});
  const KMeansOptions& kmeans = options_.cluster.kmeans;
  (*j)["parameters"] = {{"k", kmeans.k},
                        {"restarts", kmeans.restarts},
                        {"algorithm", report.clustering.algorithm},
                        {"lsa", options_.cluster.lsa_components},
                        {"lang", std::string(LanguageCode(options_.terms.language))},
                        {"stem", options_.terms.normalizer.stem},
                        {"min_df", options_.tfidf.min_df},
                        {"max_df", options_.tfidf.max_df},
                        {"seed", kmeans.seed},
                        {"threads", options_.threads},
                        {"ranks", job.size()}};
  RecordRun(report, read_seconds, !path_.empty(), bytes, j);
  (*j)["json_report_megabytes"] = static_cast<double>(report_bytes) / 1e6;
  if (rounds_ > 0 || !export_matrix_.empty()) {
    TRENDSCAN_RETURN_IF_ERROR(TimeRounds(std::move(corpus), j));
  }
  *rendered = format_ == "json" ? j->dump(2) + "\n" : RenderBenchText(*j, rounds_);
  return Status::Ok();
}

Status BenchCommand::TimeRounds(Corpus corpus, Json* j) {
  // Rebuild the matrix (not timed above) to time plain k-means rounds on it: seeding plus a
  // fixed number of assign + update rounds, no early stop, no refinement.
  if (!path_.empty()) {  // the texts were released: read the folder again (not timed)
    TRENDSCAN_ASSIGN_OR_RETURN(corpus, LoadCorpus({path_}, IngestOptions{}, nullptr));
  }
  std::vector<std::string_view> texts;
  for (const Document& d : corpus.documents) texts.emplace_back(d.text);
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountTerms(texts, options_.terms, options_.threads));
  TRENDSCAN_ASSIGN_OR_RETURN(TfidfMatrix tfidf,
                             BuildTfidf(counts, options_.tfidf, options_.threads));
  if (!export_matrix_.empty()) {
    TRENDSCAN_RETURN_IF_ERROR(ExportMatrix(tfidf.matrix, export_matrix_));
  }
  if (rounds_ == 0) return Status::Ok();
  KMeansOptions plain = options_.cluster.kmeans;
  plain.restarts = 1;
  plain.max_iterations = rounds_;
  plain.refine = false;
  plain.stop_when_stable = false;
  plain.sample_rows = 0;
  const auto start = Clock::now();
  Result<Clustering> c = SphericalKMeans(tfidf.matrix, plain, options_.threads);
  const double seconds = Seconds(start);
  if (c.ok()) {
    (*j)["rounds"] = {{"rounds", c->iterations},
                      {"seconds", seconds},
                      {"milliseconds_per_round", 1000.0 * seconds / c->iterations}};
  }
  return Status::Ok();
}

}  // namespace trendscan::cli
