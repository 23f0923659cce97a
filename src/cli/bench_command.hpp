// `trendscan bench`: time the pipeline stage by stage on a labelled synthetic corpus generated in
// memory (or on a folder whose first-level subfolders are the labels), with throughput, peak
// memory and clustering quality.
#ifndef TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_
#define TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_

#include <CLI/CLI.hpp>

#include <string>

#include "trendscan/pipeline.hpp"
#include "trendscan/bench/synthetic.hpp"

namespace trendscan::cli {

class BenchCommand {
 public:
  explicit BenchCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int Run();

 private:
  CLI::App* command_;
  SyntheticOptions synthetic_;
  AnalyzeOptions options_;
  std::string path_;
  std::string algorithm_ = "kmeans";
  std::string lang_ = "fr";
  bool no_stem_ = false;
  std::string format_ = "text";
  std::string output_ = "-";
  std::string export_matrix_;
  int k_ = 0;
  int rounds_ = 20;
};

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_BENCH_COMMAND_HPP_
