// trendscan's command line: parse, dispatch to a subcommand, map errors to exit codes. The only
// place that prints to the user or decides the exit status.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/analyze_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/cli_util.hpp"
#include "trendscan/distributed/mpi_job.hpp"

int main(int argc, char** argv) {
  // Under mpirun every rank runs the same command line: only rank 0 speaks (--help, errors).
  if (trendscan::LaunchedRank() != 0) {
    std::cout.setstate(std::ios::badbit);
    std::cerr.setstate(std::ios::badbit);
  }
  CLI::App app(
      "trendscan: find and follow the themes of a corpus of essays, blog posts and articles "
      "(French first).\nExample: trendscan analyze corpora/sample-fr --k 5");
  app.name("trendscan");
  app.set_version_flag("--version", "trendscan " TRENDSCAN_VERSION);
  app.require_subcommand(1);
  trendscan::cli::AnalyzeCommand analyze(app);
  trendscan::cli::BenchCommand bench(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    trendscan::cli::PrintError(e.what());
    std::cerr << "Run 'trendscan --help' or 'trendscan analyze --help' for usage.\n";
    return trendscan::cli::kExitUsage;
  }
  try {
    if (analyze.selected()) return analyze.Run();
    if (bench.selected()) return bench.Run();
  } catch (const std::bad_alloc&) {
    trendscan::cli::PrintError("out of memory");
    return trendscan::cli::kExitInputError;
  }
  return trendscan::cli::kExitUsage;
}
