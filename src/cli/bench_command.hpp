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
#include "trendscan/pipeline.hpp"

namespace trendscan::cli {

class BenchCommand {
 public:
  explicit BenchCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int Run();

 private:
  // The whole run; the results go into *results.
  Status Execute(nlohmann::ordered_json* results, std::string* rendered);
  // The corpus to measure on, and its labels into options_.
  Result<Corpus> LoadBenchCorpus(nlohmann::ordered_json* results);
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
