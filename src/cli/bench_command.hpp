// `trendscan bench`: time the pipeline stage by stage on a labelled synthetic corpus generated in
// memory (or on a folder whose first-level subfolders are the labels), with throughput, peak
// memory and clustering quality.
#ifndef TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_
#define TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/pipeline_flags.hpp"
#include "trendscan/bench/synthetic.hpp"
#include "trendscan/distributed/mpi_job.hpp"
#include "trendscan/pipeline.hpp"

namespace trendscan::cli {

class BenchCommand {
 public:
  explicit BenchCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int Run();

 private:
  // The whole run, as one rank of `job` (a job of one without MPI); the results go into
  // *results and *rendered on rank 0.
  Status Execute(MpiJob& job, nlohmann::ordered_json* results, std::string* rendered);
  // The synthetic corpus, and its labels into options_.
  Corpus GenerateBenchCorpus(nlohmann::ordered_json* results);
  // The folder PATH read and counted (each rank its share under MPI), its labels into options_,
  // and analysed on rank 0 (the other ranks return an empty report).
  Result<Report> AnalyzeFolder(MpiJob& job, nlohmann::ordered_json* results, double* read_seconds,
                               double* bytes);
  // k from --k or the number of labels, then the options checked.
  Status ChooseK();
  // Plain k-means rounds (and the matrix export) on the matrix of `corpus`, read again when its
  // texts were released.
  Status TimeRounds(Corpus corpus, nlohmann::ordered_json* results);

  CLI::App* command_;
  SyntheticOptions synthetic_;
  AnalyzeOptions options_;
  std::unique_ptr<PipelineFlags> shared_;
  std::string path_;
  std::string format_ = "text";
  std::string output_ = "-";
  std::string export_matrix_;
  int k_ = 0;
  int rounds_ = 20;
};

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_
