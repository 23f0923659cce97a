#include "cli/help.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "trendscan/describe/report.hpp"
#include "trendscan/version.hpp"

namespace trendscan::cli {
namespace {

// The help groups, in the order they are shown, with their options (by first long name). One
// table for every command: an option name means the same thing in analyze and bench.
struct Group {
  const char* title;
  std::vector<std::string_view> options;
};
const std::vector<Group>& Groups() {
  static const std::vector<Group> kGroups = {
      {"Themes",
       {"k", "k-min", "k-max", "k-criterion", "stability", "free", "themes", "known-theme-share",
        "unclassified-below"}},
      {"Units", {"unit", "segment-words", "min-unit-words"}},
      {"Words and weights",
       {"lang", "stopwords", "no-stem", "keep-numbers", "keep-urls", "drop-tags", "min-df",
        "max-df", "raw-tf", "idf-power"}},
      {"Clustering", {"algorithm", "lsa", "seed", "restarts", "max-iterations"}},
      {"Time and variables", {"period", "min-period-documents", "since", "until", "by"}},
      {"Input", {"text-column", "max-file-mb", "batch-mb"}},
      {"Synthetic corpus", {"docs", "topics", "words", "mix", "corpus-seed"}},
      {"Measures", {"rounds", "export-matrix"}},
      {"Report",
       {"format", "output", "tables", "width", "all-documents", "top-terms", "central-documents",
        "passages", "concordance", "min-term-frequency", "labels", "no-timings"}},
      {"General", {"threads", "quiet", "help", "version"}},
  };
  return kGroups;
}
constexpr const char* kOtherGroup = "Other options";

std::size_t Columns(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsHidden(const CLI::Option* o) { return o->get_group().empty(); }

// "TEXT:{text,json}" (CLI11's type name with an IsMember check) -> {"text", "json"}.
std::vector<std::string> Choices(const std::string& type_name) {
  std::vector<std::string> choices;
  const std::size_t open = type_name.find(":{");
  if (open == std::string::npos) return choices;
  const std::size_t close = type_name.find('}', open);
  std::stringstream list(type_name.substr(open + 2, close - open - 2));
  for (std::string item; std::getline(list, item, ',');) choices.push_back(item);
  return choices;
}

// A row of an option table: the names on the left, the description wrapped on the right.
constexpr std::size_t kIndent = 2;
constexpr std::size_t kDescriptionColumn = 28;
void AppendRow(std::string* out, const std::string& left, const std::string& description) {
  std::string row(kIndent, ' ');
  row += left;
  if (Columns(row) + 2 > kDescriptionColumn) {
    row += '\n';
    row += std::string(kDescriptionColumn, ' ');
  } else {
    row += std::string(kDescriptionColumn - Columns(row), ' ');
  }
  row += Wrap(description, kHelpWidth - kDescriptionColumn, kDescriptionColumn);
  *out += row + "\n";
}

std::string Left(const OptionView& v) {
  std::string left;
  for (const std::string& n : v.names) left += (left.empty() ? "" : ", ") + n;
  if (!v.value.empty()) left += " " + v.value;
  return left;
}

std::string DescriptionWithDefault(const OptionView& v) {
  std::string d = v.description;
  if (!v.default_value.empty()) d += " (default " + v.default_value + ")";
  if (v.repeats && d.find("repeatable") == std::string::npos) d += "; repeatable";
  return d;
}

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const override {
    std::string out;
    const bool top = app->get_parent() == nullptr;
    out += Wrap(Description(app), kHelpWidth, 0) + "\n\n";
    out += Wrap("Usage: " + Usage(app, name), kHelpWidth, 7) + "\n";
    const std::vector<const CLI::App*> commands = VisibleCommands(*app);
    if (!commands.empty()) {
      out += "\nCommands:\n";
      for (const CLI::App* c : commands) {
        std::string names = c->get_name();
        for (const std::string& alias : c->get_aliases()) names += ", " + alias;
        AppendRow(&out, names, c->get_description());
      }
    }
    const auto positionals =
        app->get_options([](const CLI::Option* o) { return o->get_positional() && !IsHidden(o); });
    if (!positionals.empty()) {
      out += "\nArguments:\n";
      for (const CLI::Option* p : positionals)
        AppendRow(&out, Positional(*p), p->get_description());
    }
    for (const auto& [title, options] : OptionGroups(*app)) {
      out += "\n" + title + ":\n";
      for (const CLI::Option* o : options) {
        const OptionView v = ViewOf(*o);
        AppendRow(&out, Left(v), DescriptionWithDefault(v));
      }
    }
    if (top || app->get_name() == "analyze") {
      out += "\nExamples:\n";
      for (const Example& e : Examples()) {
        out += "  " + Wrap(std::string(e.command), kHelpWidth - 2, 4) + "\n";
        out += "      " + Wrap(std::string(e.what), kHelpWidth - 6, 6) + "\n";
      }
    }
    if (!top) {
      out += "\nExit status:\n";
      for (const ExitStatus& s : ExitStatuses()) {
        out += "  " + std::to_string(s.code) + "  " +
               Wrap(std::string(s.meaning), kHelpWidth - 5, 5) + "\n";
      }
      out += "  " + Wrap(std::string(BatchAdvice()), kHelpWidth - 2, 2) + "\n";
      out += "      " + std::string(BatchExample()) + "\n";
    } else {
      out += "\n" +
             Wrap(
                 "Each command's options: trendscan analyze --help, trendscan bench --help. "
                 "Everything, with exit statuses: man trendscan.",
                 kHelpWidth, 0) +
             "\n";
    }
    return out;
  }

 private:
  static std::string Description(const CLI::App* app) {
    if (app->get_parent() == nullptr) return app->get_description();
    return "trendscan " + app->get_name() + ": " + app->get_description();
  }

  static std::string Positional(const CLI::Option& p) {
    std::string name = p.get_type_name();
    name = name.substr(0, name.find(':'));
    if (p.get_expected_max() > 1) name += "...";
    return p.get_required() ? name : "[" + name + "]";
  }

  static std::string Usage(const CLI::App* app, const std::string& name) {
    std::string usage = name.empty() ? app->get_name() : name;
    if (!VisibleCommands(*app).empty()) return usage + " COMMAND [OPTIONS]";
    for (const CLI::Option* p : app->get_options(
             [](const CLI::Option* o) { return o->get_positional() && !IsHidden(o); })) {
      usage += " " + Positional(*p);
    }
    return usage + " [OPTIONS]";
  }
};

}  // namespace

std::string VersionText() {
  const ToolBuild build = CurrentToolBuild();
  std::string text = "trendscan " + ToolVersion() + "\n";
  text += "commit: " +
          (build.commit.empty() ? std::string("unknown (not built from a git checkout)")
                                : build.commit) +
          "\n";
  text += "ICU " + build.icu + " (Unicode " + build.unicode + ")\n";
  text += "Snowball " +
          (build.snowball.empty() ? std::string("(version unknown)") : build.snowball) +
          " (libstemmer)\n";
  text += "JSON report: schema_version " + std::to_string(kReportSchemaVersion);
  return text;
}

void GroupOptions(CLI::App* command) {
  std::map<std::string_view, const char*> group_of;
  for (const Group& g : Groups()) {
    for (std::string_view name : g.options) group_of[name] = g.title;
  }
  for (CLI::Option* o : command->get_options()) {
    if (o->get_positional() || IsHidden(o) || o->get_lnames().empty()) continue;
    auto it = group_of.find(o->get_lnames().front());
    o->group(it == group_of.end() ? kOtherGroup : it->second);
  }
}

std::vector<std::pair<std::string, std::vector<const CLI::Option*>>> OptionGroups(
    const CLI::App& command) {
  std::vector<std::string> order;
  for (const Group& g : Groups()) order.emplace_back(g.title);
  order.emplace_back(kOtherGroup);
  std::vector<std::pair<std::string, std::vector<const CLI::Option*>>> groups;
  for (const std::string& title : order) {
    auto options = command.get_options(
        [&title](const CLI::Option* o) { return !o->get_positional() && o->get_group() == title; });
    if (!options.empty()) groups.emplace_back(title, std::move(options));
  }
  // Any group not in the table (CLI11's default "Options"), last.
  for (const std::string& title : command.get_groups()) {
    if (title.empty() || std::find(order.begin(), order.end(), title) != order.end()) continue;
    auto options = command.get_options(
        [&title](const CLI::Option* o) { return !o->get_positional() && o->get_group() == title; });
    if (!options.empty()) groups.emplace_back(title, std::move(options));
  }
  return groups;
}

OptionView ViewOf(const CLI::Option& option) {
  OptionView v;
  for (const std::string& s : option.get_snames()) v.names.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) v.names.push_back("--" + l);
  v.description = option.get_description();
  if (option.get_type_size() == 0) return v;  // a flag
  const std::string type = option.get_type_name();
  v.choices = Choices(type);
  std::string base = type.substr(0, type.find(':'));
  if (!v.choices.empty()) {
    base.clear();
    for (const std::string& c : v.choices) base += (base.empty() ? "" : "|") + c;
  } else if (base == "INT" || base == "UINT") {
    base = "N";
  } else if (base == "FLOAT") {
    base = "X";
  } else if (base == "TEXT") {
    base = "WORD";
  }
  v.value = base;
  v.is_path = base == "FILE" || base == "PATH" || base == "DIR";
  v.repeats = option.get_expected_max() > 1;
  // A list's default is "[]"; nothing worth showing, as for an empty string.
  if (!v.repeats) v.default_value = option.get_default_str();
  return v;
}

std::vector<const CLI::App*> VisibleCommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); });
}

std::string Wrap(std::string_view text, std::size_t width, std::size_t indent) {
  std::string out;
  std::size_t column = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::size_t w = Columns(word);
    if (column > 0 && column + 1 + w > width) {
      out += "\n" + std::string(indent, ' ');
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
  }
  return out;
}

const std::vector<Example>& Examples() {
  static const std::vector<Example> kExamples = {
      {"trendscan analyze corpus/",
       "the themes of every .txt, .md, .html, .jsonl and .csv file under corpus/"},
      {"trendscan analyse corpus/ --k 8 --format json -o report.json",
       "eight themes, as a JSON report for programs (docs/report.md)"},
      {"trendscan analyze essays/ --unit paragraph --by author",
       "each essay's theme mix paragraph by paragraph, and the themes by author"},
      {"trendscan analyze posts.jsonl --since 2010 --until 2012 --period month",
       "the posts of 2010 to 2012 only, their themes month by month"},
      {"cat post.txt | trendscan analyze", "one text read from standard input"},
      {"mpirun -np 8 trendscan analyze shards/ --format json -o report.json",
       "the same report, each MPI rank reading its share of the files (a build with Open MPI; "
       "docs/distributed.md)"},
  };
  return kExamples;
}

const std::vector<ExitStatus>& ExitStatuses() {
  static const std::vector<ExitStatus> kStatuses = {
      {0,
       "the report is written and every input was used (there may be warnings, such as an "
       "encoding converted)"},
      {1,
       "the input could not be analysed (a path that does not exist, no readable text, no "
       "term left, an output that cannot be written, no room in TMPDIR for a large corpus's "
       "document identities); no report"},
      {2,
       "invalid command line or option value, or a stop-word list, lexicon or labels file "
       "that is missing or malformed; no report"},
      {3,
       "the report is written, but some input was skipped: a file, or a line, record or "
       "text inside one, each named on standard error and in the report's warnings"},
  };
  return kStatuses;
}

std::string_view BatchAdvice() {
  return "In a script or batch job, treat 3 as success with warnings (keep the report, log "
         "standard error) and fail on 1 and 2:";
}

std::string_view BatchExample() { return "trendscan analyze in/ -o report.json || [ $? -eq 3 ]"; }

std::shared_ptr<CLI::FormatterBase> MakeHelpFormatter() {
  return std::make_shared<HelpFormatter>();
}

}  // namespace trendscan::cli
