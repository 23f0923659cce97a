// trendscan's command line: parse, dispatch to a subcommand, map errors to exit codes. The only
// place that prints to the user or decides the exit status.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "cli/analyze_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/cli_util.hpp"
#include "cli/docs_command.hpp"
#include "cli/help.hpp"
#include "trendscan/distributed/mpi_job.hpp"
#include "util/spare_pages.hpp"

namespace {

// Edit distance (insertions, deletions, substitutions, and swaps of neighbours).
std::size_t Distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// When the first argument should name a command and does not: what to tell the user.
std::optional<std::string> UnknownCommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string word = argv[1];
  std::string best;
  std::size_t best_distance = 3;  // at most two edits away
  std::string names;
  for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; })) {
    std::vector<std::string> all = {c->get_name()};
    for (const std::string& alias : c->get_aliases()) all.push_back(alias);
    for (const std::string& name : all) {
      if (name == word) return std::nullopt;
      const std::size_t d = Distance(word, name);
      if (d < best_distance) {
        best_distance = d;
        best = c->get_name();
      }
    }
    if (!c->get_group().empty()) {
      names += (names.empty() ? "" : ", ") + c->get_name();
      for (const std::string& alias : c->get_aliases()) names += " (or " + alias + ")";
    }
  }
  if (!best.empty()) return "unknown command '" + word + "': did you mean '" + best + "'?";
  std::error_code ec;
  if (std::filesystem::exists(word, ec)) {
    return "'" + word + "' is not a command; to find its themes: trendscan analyze " + word;
  }
  return "unknown command '" + word + "'; the commands are " + names;
}

}  // namespace

namespace {

int Unexpected(const std::string& what) {
  trendscan::cli::PrintError("stopped by an unexpected failure: " + what +
                             " (the system may be short of memory or threads; if not, please "
                             "report it with the command line)");
  return trendscan::cli::kExitInputError;
}

}  // namespace

int main(int argc, char** argv) {
  trendscan::internal::MapLargeBlocksApart();
  // Before any thread starts: an interrupted run leaves no temporary report behind.
  trendscan::cli::InstallInterruptCleanup();
  // Under mpirun every rank runs the same command line: only rank 0 speaks (--help, errors).
  if (trendscan::LaunchedRank() != 0) {
    std::cout.setstate(std::ios::badbit);
    std::cerr.setstate(std::ios::badbit);
  }
  CLI::App app(
      "trendscan finds the themes of a corpus of essays, blog posts and articles (French "
      "first): which documents belong where, the words and passages that define each theme, "
      "which known trend it is, and how it rises or fades over time.");
  app.name("trendscan");
  // Before the subcommands, which inherit it.
  app.formatter(trendscan::cli::MakeHelpFormatter());
  app.set_version_flag("--version", trendscan::cli::VersionText,
                       "Print the version, the build's commit and the ICU, Unicode and Snowball "
                       "versions");
  app.set_help_flag("-h,--help", "Print this help");
  app.require_subcommand(1);
  trendscan::cli::AnalyzeCommand analyze(app);
  trendscan::cli::BenchCommand bench(app);
  trendscan::cli::DocsCommands docs(app);
  app.get_subcommand("analyze")->alias("analyse");  // the French and British spelling
  trendscan::cli::GroupOptions(&app);
  for (CLI::App* c : app.get_subcommands([](CLI::App*) { return true; })) {
    c->set_help_flag("-h,--help", "Print this help");
    trendscan::cli::GroupOptions(c);
  }

  if (argc < 2) {
    std::cerr << app.help();
    return trendscan::cli::kExitUsage;
  }
  if (const auto unknown = UnknownCommand(app, argc, argv)) {
    trendscan::cli::PrintError(*unknown);
    std::cerr << "Run 'trendscan --help' for the commands.\n";
    return trendscan::cli::kExitUsage;
  }
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
    if (docs.selected()) return docs.Run();
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
