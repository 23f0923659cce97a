#include "trendscan/corpus.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "text_util.hpp"

namespace fs = std::filesystem;

namespace trendscan {
namespace {

constexpr std::size_t kMaxTitleChars = 120;

bool IsIsoDate(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
  if (s.size() == 10) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  return false;
}

std::string Unquote(std::string_view v) {
  v = internal::Trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

std::string FileStem(const std::string& path) {
  if (path == "-") return "(standard input)";
  return fs::path(path).stem().string();
}

std::string ToLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Reads a whole file; an error message (with errno's text) when it cannot.
Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError("cannot read '" + path.string() + "': " + std::strerror(errno));
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return Status::IoError("cannot read '" + path.string() + "': " + std::strerror(errno));
  }
  return data;
}

class Loader {
 public:
  Loader(const IngestOptions& options, Corpus* corpus) : options_(options), corpus_(corpus) {}

  // Adds one file's document, or a warning when it is unreadable or empty.
  void AddFile(const fs::path& path, std::string id) {
    Result<std::string> data = ReadFile(path);
    if (!data.ok()) {
      Skip(path.string(), data.status().message());
      return;
    }
    AddContent(*data, std::move(id), path.string());
  }

  void AddContent(std::string_view data, std::string id, const std::string& source) {
    corpus_->bytes_read += data.size();
    if (internal::Trim(data).empty()) {
      Skip(source, "skipping '" + source + "': empty file");
      return;
    }
    Document doc = ParseDocument(data, std::move(id), source);
    if (internal::Trim(doc.text).empty()) {
      Skip(source, "skipping '" + source + "': no text after the front matter");
      return;
    }
    if (!internal::IsValidUtf8(doc.text)) {
      corpus_->warnings.push_back(
          {source, "'" + source + "' is not valid UTF-8; invalid bytes are ignored"});
    }
    corpus_->documents.push_back(std::move(doc));
  }

  // Walks `root` recursively in sorted order. Returns the number of matching files seen.
  std::size_t Walk(const fs::path& root, const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Skip(dir.string(), "skipping directory '" + dir.string() + "': " + ec.message());
      return 0;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) {
                return a.path().filename().string() < b.path().filename().string();
              });
    std::size_t seen = 0;
    for (const fs::directory_entry& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      std::error_code type_ec;
      if (entry.is_directory(type_ec)) {
        if (entry.is_symlink(type_ec)) continue;
        seen += Walk(root, entry.path());
        continue;
      }
      if (!Wanted(entry.path())) continue;
      ++seen;
      if (!entry.is_regular_file(type_ec)) {
        Skip(entry.path().string(), "skipping '" + entry.path().string() +
                                        "': not a regular file (broken link?)");
        continue;
      }
      AddFile(entry.path(), entry.path().lexically_relative(root).generic_string());
    }
    return seen;
  }

  void Skip(const std::string& path, std::string message) {
    corpus_->warnings.push_back({path, std::move(message)});
    ++corpus_->files_skipped;
  }

 private:
  bool Wanted(const fs::path& p) const {
    const std::string ext = ToLower(p.extension().string());
    return std::find(options_.extensions.begin(), options_.extensions.end(), ext) !=
           options_.extensions.end();
  }

  const IngestOptions& options_;
  Corpus* corpus_;
};

}  // namespace

Document ParseDocument(std::string_view content, std::string id, std::string source_path) {
  Document doc;
  doc.id = std::move(id);
  doc.source_path = std::move(source_path);
  std::size_t body = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") body = 3;  // UTF-8 byte-order mark

  // Front matter: a first line "---", key: value lines, a closing "---" line.
  std::string_view rest = content.substr(body);
  if (rest.substr(0, 4) == "---\n" || rest.substr(0, 5) == "---\r\n") {
    const std::size_t first_nl = rest.find('\n');
    std::size_t pos = first_nl + 1;
    bool closed = false;
    std::vector<std::pair<std::string, std::string>> fields;
    while (pos <= rest.size()) {
      std::size_t nl = rest.find('\n', pos);
      if (nl == std::string_view::npos) nl = rest.size();
      std::string_view line = rest.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      pos = nl + 1;
      if (line == "---" || line == "...") {
        closed = true;
        break;
      }
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string key = ToLower(std::string(internal::Trim(line.substr(0, colon))));
      if (!key.empty()) fields.emplace_back(std::move(key), Unquote(line.substr(colon + 1)));
    }
    if (closed) {
      body += std::min(pos, rest.size());
      for (auto& [key, value] : fields) {
        if (key == "title") {
          doc.title = value;
        } else if (key == "date" && IsIsoDate(value.substr(0, std::min<std::size_t>(value.size(), 10)))) {
          doc.date = value.substr(0, std::min<std::size_t>(value.size(), 10));
        } else {
          doc.metadata.emplace_back(key, value);
        }
      }
    }
  }
  doc.text_offset = body;
  doc.text = std::string(content.substr(body));

  if (doc.title.empty()) {
    for (std::string_view line : internal::SplitLines(doc.text)) {
      line = internal::Trim(line);
      if (line.empty()) continue;
      while (!line.empty() && line.front() == '#') line.remove_prefix(1);
      line = internal::Trim(line);
      if (!line.empty() && line.size() <= kMaxTitleChars * 4 &&
          internal::Truncate(line, kMaxTitleChars).size() == line.size()) {
        doc.title = std::string(line);
      }
      break;
    }
    if (doc.title.empty()) doc.title = FileStem(doc.source_path);
  }
  return doc;
}

Result<Corpus> LoadCorpus(const std::vector<std::string>& paths, const IngestOptions& options,
                          std::istream* stdin_stream) {
  Corpus corpus;
  Loader loader(options, &corpus);
  bool read_stdin = false;
  for (const std::string& arg : paths) {
    if (arg == "-") {
      if (read_stdin) return Status::InvalidArgument("'-' (standard input) given more than once");
      read_stdin = true;
      if (stdin_stream == nullptr) return Status::InvalidArgument("no standard input to read");
      std::ostringstream buffer;
      buffer << stdin_stream->rdbuf();
      loader.AddContent(buffer.str(), "-", "-");
      continue;
    }
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
      if (fs::is_symlink(fs::symlink_status(path, ec))) {
        return Status::NotFound("'" + arg + "' is a broken symbolic link");
      }
      return Status::NotFound("'" + arg + "' does not exist");
    }
    if (fs::is_directory(st)) {
      const std::size_t before_docs = corpus.documents.size();
      const std::size_t seen = loader.Walk(path, path);
      if (seen == 0) {
        std::string exts;
        for (const std::string& e : options.extensions) exts += (exts.empty() ? "" : ", ") + e;
        return Status::EmptyInput("no " + exts + " files under '" + arg + "'");
      }
      if (corpus.documents.size() == before_docs && paths.size() == 1) {
        return Status::EmptyInput("no readable text under '" + arg + "' (" +
                                  std::to_string(seen) + " file(s) skipped)");
      }
    } else {
      loader.AddFile(path, arg);
    }
  }
  if (corpus.documents.empty()) {
    if (paths.size() == 1 && !corpus.warnings.empty()) {
      return Status::EmptyInput(corpus.warnings.back().message);
    }
    return Status::EmptyInput("no readable text in the given input");
  }
  return corpus;
}

}  // namespace trendscan
