// The words around the options: --help laid out for 80 columns with the options in groups, the
// examples and exit statuses that --help and the man page share, and --version. Everything here
// reads the options from CLI11's own list (the one parsing uses), so --help, the man page and
// the shell completions (docs_command.hpp) cannot drift from the options they describe.
#ifndef TRENDSCAN_SRC_CLI_HELP_HPP_
#define TRENDSCAN_SRC_CLI_HELP_HPP_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trendscan::cli {

// The width --help is laid out for: it fits a standard terminal whatever the one in use.
constexpr std::size_t kHelpWidth = 80;

// What --version prints: the version, the commit built, ICU, Unicode and Snowball versions and
// the JSON schema_version, a line each.
std::string VersionText();

// Puts each option of `command` in its help group (the table in help.cpp, in the order --help
// and the man page show the groups). An option the table does not know goes in "Other
// options", which the tests refuse, so a new option cannot be left out of the groups.
void GroupOptions(CLI::App* command);

// The groups of `command` in display order, each with its options (positionals and hidden
// options left out).
std::vector<std::pair<std::string, std::vector<const CLI::Option*>>> OptionGroups(
    const CLI::App& command);

// One option as people read it.
struct OptionView {
  std::vector<std::string> names;  // "-k", "--k"
  std::string value;               // what follows it: "N|auto", "FILE", "text|json"; "" for a flag
  std::vector<std::string> choices;  // the values a CLI::IsMember check allows, else empty
  std::string description;
  std::string default_value;  // "" when none is worth showing (flags, empty strings)
  bool repeats = false;       // it may be given more than once (--by)
  bool is_path = false;       // its value is a file or folder (FILE, PATH, DIR)
};
OptionView ViewOf(const CLI::Option& option);

// Subcommands shown to users (the hidden help-man and help-completion left out).
std::vector<const CLI::App*> VisibleCommands(const CLI::App& app);

// `text` wrapped at spaces to `width` columns (code points), each line after the first
// indented by `indent` spaces; the first line is not indented (the caller placed it).
std::string Wrap(std::string_view text, std::size_t width, std::size_t indent);

// Shown at the end of --help and in the man page's EXAMPLES.
struct Example {
  std::string_view command;
  std::string_view what;
};
const std::vector<Example>& Examples();

struct ExitStatus {
  int code;
  std::string_view meaning;
};
const std::vector<ExitStatus>& ExitStatuses();
// How a script or batch job should read exit status 3, and a command that does it.
std::string_view BatchAdvice();
std::string_view BatchExample();

// The formatter every command's --help uses (set on the app before subcommands are added, so
// they inherit it).
std::shared_ptr<CLI::FormatterBase> MakeHelpFormatter();

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_HELP_HPP_
