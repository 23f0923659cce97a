// `trendscan analyze`: read a corpus, find its themes, print or write the report.
#ifndef TRENDSCAN_SRC_CLI_ANALYZE_COMMAND_HPP_
#define TRENDSCAN_SRC_CLI_ANALYZE_COMMAND_HPP_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_util.hpp"
#include "cli/pipeline_flags.hpp"
#include "trendscan/distributed/mpi_job.hpp"
#include "trendscan/pipeline.hpp"

namespace trendscan::cli {

class AnalyzeCommand {
 public:
  // Registers the subcommand and its options on `app`; the options bind to AnalyzeOptions, so
  // the defaults shown by --help are the library's own.
  explicit AnalyzeCommand(CLI::App& app);

  // True when the user chose this subcommand.
  bool selected() const { return command_->parsed(); }

  // Runs after parsing; returns the process exit code.
  int Run();

 private:
  void AddUnitAndClusterOptions();
  void AddDescribeOptions();
  void AddInputOutputOptions();
  void AddTimeOptions();
  void AddLayoutOptions();
  // After parsing: the options given as words or files, into options_.
  Status ResolveOptions();
  // The whole run, as one rank of `job` (a job of one without MPI); sets *exit_code when it
  // returns ok. Only rank 0 prints and writes the report.
  Status Execute(MpiJob& job, int* exit_code);
  // Where the report goes, checked before any work: not a folder, not one of the inputs; warns
  // when it lies inside an input folder.
  Status CheckOutput(OutputTarget* output) const;
  // The report in the chosen format (text or HTML; JSON is streamed by WriteReport).
  std::string Render(const Report& report) const;
  // The report to --output: JSON streamed to the file as it is rendered, the rest at once.
  Status WriteReport(const Report& report) const;
  // With --tables, the CSV tables into that folder.
  Status WriteTables(const Report& report) const;

  CLI::App* command_;
  AnalyzeOptions options_;
  std::unique_ptr<PipelineFlags> shared_;
  std::vector<std::string> paths_;
  std::string k_ = "5";
  std::string format_ = "text";
  std::string tables_dir_;
  std::size_t width_ = 80;  // --width (0: no wrapping); the terminal's when not given
  CLI::Option* width_option_ = nullptr;
  bool all_documents_ = false;
  std::string output_ = "-";
  std::string labels_file_;
  std::string themes_file_;
  std::string unit_ = "document";
  IngestOptions ingest_;
  std::uint64_t max_file_mb_ = 64;
  double batch_mb_ = 256;
  bool quiet_ = false;
  bool no_timings_ = false;
  bool free_ = false;
  std::string k_criterion_ = "stability";
  CLI::Option* k_option_ = nullptr;
  CLI::Option* stability_option_ = nullptr;
  std::string period_ = "auto";
};

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_ANALYZE_COMMAND_HPP_
