// The command-line options that `analyze` and `bench` share, registered once: they bind to the
// stage option structs of AnalyzeOptions, so --help shows the library's own defaults.
#ifndef TRENDSCAN_SRC_CLI_PIPELINE_FLAGS_HPP_
#define TRENDSCAN_SRC_CLI_PIPELINE_FLAGS_HPP_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "trendscan/pipeline.hpp"
#include "trendscan/status.hpp"

namespace trendscan::cli {

// A whole number in [min, max] (max defaults to the largest int, so any value accepted fits the
// int it is stored in), with a message a user can act on.
CLI::Validator WholeNumber(long long min, long long max = 2147483647);
// A finite number >= 0 (or > 0 when !allow_zero): "nan", "inf" and "1e400" are refused.
CLI::Validator Number(bool allow_zero);
// A finite number in [0, 1].
CLI::Validator Fraction();

// --threads above this many per hardware thread is capped.
constexpr int kMaxThreadsPerCore = 4;

class PipelineFlags {
 public:
  // Registers the shared options on `command`, bound to `*options` (which must outlive it).
  PipelineFlags(CLI::App* command, AnalyzeOptions* options);

  // After parsing: turns what was given as words (--lang, --algorithm, --no-stem...) into the
  // options, caps --threads (kMaxThreadsPerCore x the hardware threads, at most 1024: more only
  // costs memory, the report is the same) and reads the --stopwords list. Fails (naming the file)
  // when it cannot be read.
  Status Resolve();

  // What Resolve changed and the user should be told (a capped --threads), for stderr.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // The --stopwords file given ("" for the built-in list).
  const std::string& stopwords_file() const { return stopwords_file_; }

 private:
  AnalyzeOptions* options_;
  CLI::Option* min_df_ = nullptr;
  CLI::Option* max_df_ = nullptr;
  std::string algorithm_ = "kmeans";
  std::string lang_ = "fr";
  std::string stopwords_file_;
  bool no_stem_ = false;
  bool raw_tf_ = false;
  bool drop_tags_ = false;
  std::vector<std::string> warnings_;
};

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_PIPELINE_FLAGS_HPP_
