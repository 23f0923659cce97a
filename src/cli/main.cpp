// trendscan's command line: parse, dispatch to a subcommand, map errors to exit codes. The only
// place that prints to the user or decides the exit status.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/analyze_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/cli_util.hpp"

int main(int argc, char** argv) {
  // Before any thread starts: an interrupted run leaves no temporary report behind.
  trendscan::cli::InstallInterruptCleanup();
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
