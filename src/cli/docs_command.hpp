// Hidden commands that write trendscan's documentation from its own option definitions, so
// the man page and the shell completions cannot drift from --help: the build runs them
// (src/cli/CMakeLists.txt) and `cmake --install` installs what they write.
//   trendscan help-man               the man page (roff), trendscan.1
//   trendscan help-completion bash   bash completion (no bash-completion package needed)
//   trendscan help-completion zsh    zsh completion (#compdef), _trendscan
#ifndef TRENDSCAN_SRC_CLI_DOCS_COMMAND_HPP_
#define TRENDSCAN_SRC_CLI_DOCS_COMMAND_HPP_

#include <CLI/CLI.hpp>
#include <string>

namespace trendscan::cli {

class DocsCommands {
 public:
  // Registers the hidden subcommands on `app`; they describe the commands registered on `app`
  // by the time they run.
  explicit DocsCommands(CLI::App& app);

  bool selected() const { return man_->parsed() || completion_->parsed(); }

  // Prints the page or the script on standard output; returns the exit code.
  int Run() const;

 private:
  const CLI::App* app_;
  CLI::App* man_;
  CLI::App* completion_;
  std::string shell_;
};

// The man page of `app`'s commands and options, in roff (man macros).
std::string RenderManPage(const CLI::App& app);
// A bash completion script for `app`: commands, options, option values, files.
std::string RenderBashCompletion(const CLI::App& app);
// A zsh completion function for `app`, with each option's description.
std::string RenderZshCompletion(const CLI::App& app);

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_DOCS_COMMAND_HPP_
