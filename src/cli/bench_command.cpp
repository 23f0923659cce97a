#include "cli/bench_command.hpp"

#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <iomanip>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan::cli {
namespace {

using Clock = std::chrono::steady_clock;

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
      ->check(CLI::Range(1, 100000000));
  c->add_option("--topics", synthetic_.topics, "Synthetic topics (the labels)")
      ->check(CLI::Range(1, 1000));
  c->add_option("--words", synthetic_.words, "Mean words per synthetic document")
      ->check(CLI::Range(1, 1000000));
  c->add_option("--mix", synthetic_.mix, "Share of background words shared by all topics")
      ->check(CLI::Range(0.0, 1.0));
  c->add_option("--corpus-seed", synthetic_.seed, "Seed of the synthetic corpus");
  c->add_option("-k,--k", k_, "Number of themes (0 = the number of labels)")
      ->check(CLI::Range(0, 100000));
  c->add_option("--seed", options_.kmeans.seed, "Clustering seed");
  c->add_option("--restarts", options_.kmeans.restarts, "k-means restarts")->check(CLI::Range(1, 1000));
  c->add_option("--algorithm", algorithm_, "kmeans or bisecting")
      ->check(CLI::IsMember({"kmeans", "bisecting"}));
  c->add_option("--lsa", options_.lsa_components, "LSA dimensions before clustering (0 = off)")
      ->check(CLI::Range(0, 100000));
  c->add_option("--lang", lang_, "Language: stop words, stemmer, elisions")
      ->check(CLI::IsMember({"fr", "en"}));
  c->add_flag("--no-stem", no_stem_, "Do not stem");
  c->add_option("--min-df", options_.tfidf.min_df, "Minimum document frequency");
  c->add_option("--max-df", options_.tfidf.max_df, "Maximum document frequency");
  c->add_option("--threads", options_.threads, "Worker threads, 0 = all cores")
      ->check(CLI::Range(0, 4096));
  c->add_option("--rounds", rounds_,
                "Fixed k-means rounds timed on the final matrix for the per-round figure (0 = skip)")
      ->check(CLI::Range(0, 10000));
  c->add_option("--export-matrix", export_matrix_,
                "Also write the TF-IDF matrix (Matrix Market) for other tools' k-means")
      ->type_name("FILE");
  c->add_option("--format", format_, "Output format")->check(CLI::IsMember({"text", "json"}));
  c->add_option("-o,--output", output_, "Write the results to this file, - for stdout")
      ->type_name("FILE");
}

int BenchCommand::Run() {
  const Language lang = *ParseLanguage(lang_);
  options_.tokenizer.language = lang;
  options_.normalizer.language = lang;
  options_.normalizer.stem = !no_stem_;
  options_.stopwords = StopwordList::Builtin(lang);
  options_.stopwords_source = "built-in:" + std::string(LanguageCode(lang));
  options_.kmeans.algorithm =
      algorithm_ == "bisecting" ? ClusterAlgorithm::kBisecting : ClusterAlgorithm::kKMeans;
  nlohmann::ordered_json j;
  j["tool"] = {{"name", "trendscan"}, {"version", TRENDSCAN_VERSION}};

  Corpus corpus;
  double read_seconds = 0;
  auto start = Clock::now();
  if (path_.empty()) {
    SyntheticCorpus synthetic = GenerateSyntheticCorpus(synthetic_);
    for (std::size_t d = 0; d < synthetic.labels.size(); ++d) {
      options_.labels[synthetic.corpus.documents[d].id] = synthetic.labels[d];
    }
    corpus = std::move(synthetic.corpus);
    j["input"] = {{"kind", "synthetic"},
                  {"documents", synthetic_.documents},
                  {"topics", synthetic_.topics},
                  {"words", synthetic_.words},
                  {"mix", synthetic_.mix},
                  {"corpus_seed", synthetic_.seed},
                  {"generate_seconds", Seconds(start)}};
  } else {
    Result<Corpus> loaded = LoadCorpus({path_}, IngestOptions{}, nullptr);
    read_seconds = Seconds(start);
    if (!loaded.ok()) {
      PrintError(loaded.status().message());
      return ExitCodeFor(loaded.status());
    }
    corpus = std::move(loaded).value();
    for (const Document& d : corpus.documents) {
      const std::size_t slash = d.id.find('/');
      if (slash != std::string::npos) options_.labels[d.id] = d.id.substr(0, slash);
    }
    j["input"] = {{"kind", "folder"}, {"path", path_}, {"documents", corpus.documents.size()}};
  }
  std::set<std::string> distinct;
  for (const auto& [id, label] : options_.labels) distinct.insert(label);
  options_.kmeans.k = k_ > 0 ? k_ : std::max<int>(2, static_cast<int>(distinct.size()));
  const double mb = static_cast<double>(corpus.bytes_read) / 1e6;

  // As `analyze` does, the corpus is given away: texts read from files are freed once
  // tokenised, so the peak memory measured is analyze's.
  Result<Report> report = Analyze(std::move(corpus), options_);
  if (!report.ok()) {
    PrintError(report.status().message());
    return ExitCodeFor(report.status());
  }
  double pipeline_seconds = read_seconds;
  nlohmann::ordered_json stages = nlohmann::ordered_json::object();
  if (!path_.empty()) stages["read"] = read_seconds;
  for (const StageTiming& t : report->timings) {
    stages[t.stage] = t.seconds;
    pipeline_seconds += t.seconds;
  }
  const double peak = PeakRssBytes();
  j["parameters"] = {{"k", options_.kmeans.k},
                     {"restarts", options_.kmeans.restarts},
                     {"algorithm", report->clustering.algorithm},
                     {"lsa", options_.lsa_components},
                     {"lang", lang_},
                     {"stem", !no_stem_},
                     {"min_df", options_.tfidf.min_df},
                     {"max_df", options_.tfidf.max_df},
                     {"seed", options_.kmeans.seed},
                     {"threads", options_.threads}};
  j["corpus"] = {{"documents", report->corpus.documents},
                 {"megabytes", mb},
                 {"tokens", report->corpus.tokens},
                 {"vocabulary", report->corpus.vocabulary}};
  j["seconds"] = stages;
  j["total_seconds"] = pipeline_seconds;
  j["throughput"] = {{"megabytes_per_second", mb / pipeline_seconds},
                     {"documents_per_second", static_cast<double>(report->corpus.documents) / pipeline_seconds}};
  j["clustering"] = {{"iterations", report->clustering.iterations},
                     {"refinement_passes", report->clustering.refinement_passes},
                     {"objective", report->clustering.objective}};
  j["peak_memory"] = {{"bytes", peak}, {"ratio_to_input", peak / static_cast<double>(corpus.bytes_read)}};
  if (report->quality) j["quality"] = {{"nmi", report->quality->nmi}, {"ari", report->quality->ari}};

  if (rounds_ > 0 || !export_matrix_.empty()) {
    // Rebuild the matrix (not timed above) to time plain k-means rounds on it: seeding plus a
    // fixed number of assign + update rounds, no early stop, no refinement.
    if (!path_.empty()) {  // the texts were released: read the folder again (not timed)
      Result<Corpus> again = LoadCorpus({path_}, IngestOptions{}, nullptr);
      if (!again.ok()) {
        PrintError(again.status().message());
        return ExitCodeFor(again.status());
      }
      corpus = std::move(again).value();
    }
    std::vector<std::string_view> texts;
    for (const Document& d : corpus.documents) texts.emplace_back(d.text);
    Result<TermCounts> counts = CountTerms(texts, options_.tokenizer, options_.normalizer,
                                           options_.stopwords, options_.threads);
    Result<TfidfMatrix> tfidf = counts.ok()
                                    ? BuildTfidf(*counts, options_.tfidf, options_.threads)
                                    : Result<TfidfMatrix>(counts.status());
    if (!tfidf.ok()) {
      PrintError(tfidf.status().message());
      return ExitCodeFor(tfidf.status());
    }
    if (!export_matrix_.empty()) {
      const Status exported = ExportMatrix(tfidf->matrix, export_matrix_);
      if (!exported.ok()) {
        PrintError(exported.message());
        return ExitCodeFor(exported);
      }
    }
    if (rounds_ > 0) {
      KMeansOptions plain = options_.kmeans;
      plain.restarts = 1;
      plain.max_iterations = rounds_;
      plain.refine = false;
      plain.stop_when_stable = false;
      plain.sample_rows = 0;
      plain.threads = options_.threads;
      start = Clock::now();
      Result<Clustering> c = SphericalKMeans(tfidf->matrix, plain);
      const double seconds = Seconds(start);
      if (c.ok()) {
        j["rounds"] = {{"rounds", c->iterations},
                       {"seconds", seconds},
                       {"milliseconds_per_round", 1000.0 * seconds / c->iterations}};
      }
    }
  }

  std::string out;
  if (format_ == "json") {
    out = j.dump(2) + "\n";
  } else {
    out += fmt::format("trendscan bench · {} documents · {:.1f} MB · {} tokens · k {} · {} · {} restarts\n",
                       report->corpus.documents, mb, report->corpus.tokens, options_.kmeans.k,
                       report->clustering.algorithm, options_.kmeans.restarts);
    for (const auto& [stage, seconds] : stages.items()) {
      out += fmt::format("  {:<14} {:8.3f} s\n", stage, seconds.get<double>());
    }
    out += fmt::format("  {:<14} {:8.3f} s   {:.1f} MB/s, {:.0f} documents/s\n", "total",
                       pipeline_seconds, mb / pipeline_seconds,
                       static_cast<double>(report->corpus.documents) / pipeline_seconds);
    out += fmt::format("  clustering     {} rounds + {} refinement passes\n",
                       report->clustering.iterations, report->clustering.refinement_passes);
    if (j.contains("rounds")) {
      out += fmt::format("  k-means round  {:.2f} ms (seeding + {} fixed rounds, averaged)\n",
                         j["rounds"]["milliseconds_per_round"].get<double>(), rounds_);
    }
    out += fmt::format("  peak memory    {:.1f} MB ({:.2f}x the input text)\n", peak / 1e6,
                       peak / static_cast<double>(corpus.bytes_read));
    if (report->quality) {
      out += fmt::format("  quality        NMI {:.3f}, ARI {:.3f}\n", report->quality->nmi,
                         report->quality->ari);
    }
  }
  const Status written = WriteFileAtomically(output_, out);
  if (!written.ok()) {
    PrintError(written.message());
    return ExitCodeFor(written);
  }
  return kExitOk;
}

}  // namespace trendscan::cli
