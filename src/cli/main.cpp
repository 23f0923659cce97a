// trendscan's command line: parse, dispatch to a subcommand, map errors to exit codes. The only
// place that prints to the user or decides the exit status.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "cli/analyze_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/cli_util.hpp"

namespace {

int Unexpected(const std::string& what) {
  trendscan::cli::PrintError("stopped by an unexpected failure: " + what +
                             " (the system may be short of memory or threads; if not, please "
                             "report it with the command line)");
  return trendscan::cli::kExitInputError;
}

}  // namespace

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
    const char* help = analyze.selected() ? "trendscan analyze --help"
                       : bench.selected() ? "trendscan bench --help"
                                          : "trendscan --help";
    std::cerr << "Run '" << help << "' for usage.\n";
    return trendscan::cli::kExitUsage;
  } catch (const std::exception& e) {
    return Unexpected(e.what());
  }
  // Errors travel as Status values; an exception reaching here is a resource the system
  // refused (memory, a thread) or a bug. Either way: a message and exit 1, never an abort.
  try {
    if (analyze.selected()) return analyze.Run();
    if (bench.selected()) return bench.Run();
  } catch (const std::bad_alloc&) {
    trendscan::cli::PrintError(
        "out of memory: try a smaller corpus, fewer --threads or a lower --max-file-mb");
    return trendscan::cli::kExitInputError;
  } catch (const std::exception& e) {
    return Unexpected(e.what());
  } catch (...) {
    return Unexpected("an unknown exception");
  }
  return trendscan::cli::kExitUsage;
}
