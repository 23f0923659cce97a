// Plain text and Markdown (front matter), the shared format helpers, and format dispatch.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "ingest/format_util.hpp"
#include "trendscan/ingest/dates.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace internal {

constexpr std::size_t kMaxTitleChars = 120;

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string FileStem(const std::string& path) {
  if (path == "-") return "(standard input)";
  return std::filesystem::path(path).stem().string();
}

void SetDefaultTitle(Document* doc, const std::string& fallback) {
  if (!doc->title.empty()) return;
  for (std::string_view line : SplitLines(doc->text)) {
    line = Trim(line);
    if (line.empty()) continue;
    while (!line.empty() && line.front() == '#') line.remove_prefix(1);
    line = Trim(line);
    if (!line.empty() && line.size() <= kMaxTitleChars * 4 &&
        Truncate(line, kMaxTitleChars).size() == line.size()) {
      doc->title = std::string(line);
    }
    break;
  }
  if (doc->title.empty()) doc->title = fallback;
}

std::string Where(const std::string& source, std::size_t line) {
  if (line == 0) return "'" + source + "': ";
  return "'" + source + "' line " + std::to_string(line) + ": ";
}

std::string TakeDate(Document* doc, const std::string& key, const std::string& value,
                     const std::string& where) {
  if (Trim(value).empty()) return "";
  std::string iso = ParseDate(value);
  if (!iso.empty()) {
    if (doc->date.empty()) doc->date = std::move(iso);
    return "";
  }
  doc->metadata.emplace_back(key, value);
  return where + "date '" + Truncate(value, 40) + "' not understood (" + std::string(kDatesRead) +
         "); the document has no date";
}

}  // namespace internal

namespace {

std::string Unquote(std::string_view v) {
  v = internal::Trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

// "[a, b, 'c']" -> "a, b, c"; anything else unquoted.
std::string FlowList(std::string_view v) {
  v = internal::Trim(v);
  if (v.size() < 2 || v.front() != '[' || v.back() != ']') return Unquote(v);
  std::string out;
  std::string_view rest = v.substr(1, v.size() - 2);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string item = Unquote(rest.substr(0, comma));
    if (!item.empty()) out += (out.empty() ? "" : ", ") + item;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

// ---- Plain-text headers: the lines a saved blog post or essay starts with. ----

// The most lines a header may have; what follows a longer first block is body text.
constexpr std::size_t kMaxHeaderLines = 5;

enum class HeaderLine { kOther, kTitle, kDate, kByline, kField };

struct HeaderField {
  HeaderLine kind = HeaderLine::kOther;
  std::string key;    // metadata key for kByline and kField
  std::string value;  // title, date text, or field value
};

// "Key: value" with a short key of letters (one or two words), else nullopt.
std::optional<std::pair<std::string, std::string>> KeyValue(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 24) return std::nullopt;
  const std::string_view key = internal::Trim(line.substr(0, colon));
  int spaces = 0;
  for (char c : key) {
    if (c == ' ') ++spaces;
    if (c == ' ' || static_cast<unsigned char>(c) >= 0x80 ||
        std::isalpha(static_cast<unsigned char>(c)))
      continue;
    return std::nullopt;
  }
  const std::string_view value = internal::Trim(line.substr(colon + 1));
  if (key.empty() || spaces > 1 || value.empty()) return std::nullopt;
  return std::make_pair(internal::AsciiLower(key), std::string(value));
}

// `line` without a leading word of `prefixes` (compared in ASCII lower case), or nullopt.
std::optional<std::string_view> AfterPrefix(std::string_view line,
                                            std::initializer_list<std::string_view> prefixes) {
  const std::string lower = internal::AsciiLower(line);
  for (std::string_view p : prefixes) {
    if (lower.size() > p.size() && lower.compare(0, p.size(), p) == 0) {
      return internal::Trim(line.substr(p.size()));
    }
  }
  return std::nullopt;
}

// What one line of a header block says.
HeaderField ClassifyHeaderLine(std::string_view line) {
  line = internal::Trim(line);
  if (auto kv = KeyValue(line)) {
    const std::string& key = kv->first;
    if (key == "titre" || key == "title") return {HeaderLine::kTitle, "", kv->second};
    if (key == "date" || key == "publié le" || key == "publie le" || key == "posted on") {
      return {HeaderLine::kDate, "", kv->second};
    }
    if (key == "auteur" || key == "author" || key == "par" || key == "by") {
      return {HeaderLine::kByline, "author", kv->second};
    }
    return {HeaderLine::kField, key, kv->second};
  }
  if (auto rest = AfterPrefix(line, {"publié le ", "publie le ", "posté le ", "poste le ",
                                     "posted on ", "published on ", "published "})) {
    return {HeaderLine::kDate, "", std::string(*rest)};
  }
  if (!ParseDateLine(line).empty()) return {HeaderLine::kDate, "", std::string(line)};
  if (auto rest = AfterPrefix(line, {"par ", "by "})) {
    return {HeaderLine::kByline, "author", std::string(*rest)};
  }
  return {HeaderLine::kOther, "", std::string(line)};
}

// A first line short enough to be a title and not shaped like a sentence of the body.
bool LooksLikeTitle(std::string_view line) {
  line = internal::Trim(line);
  if (line.empty() || internal::Truncate(line, internal::kMaxTitleChars).size() != line.size())
    return false;
  const char last = line.back();
  return last != '.' && last != ',' && last != ';';
}

// Reads the header of a plain text: the block of lines before the first blank line, when it has
// at most kMaxHeaderLines lines and at least one of them is a date (`Date: ...`, `Publié le ...`,
// or a line that is a date, such as `07 déc. 2009`) or a `Titre:` / `Title:` line. Its lines then
// give the title (`Titre:`, else a short first line), the date (the first date line), the author
// (`Par ...`, `By ...`, `Auteur:`) and metadata (`Key: value`), and the body starts after it.
// Returns the offset of the body in `text` (0 when there is no such header): a date is never
// taken from the body.
std::size_t ReadTextHeader(std::string_view text, Document* doc, std::string* warning) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    const std::string_view line = internal::NextLine(text, &next);
    if (internal::Trim(line).empty()) break;
    if (lines.size() == kMaxHeaderLines) return 0;
    lines.push_back(line);
    pos = next;
  }
  if (pos >= text.size()) return 0;  // the whole text would be its header
  std::vector<HeaderField> fields;
  bool recognised = false;
  for (std::string_view line : lines) {
    fields.push_back(ClassifyHeaderLine(line));
    recognised = recognised || fields.back().kind == HeaderLine::kDate ||
                 fields.back().kind == HeaderLine::kTitle;
  }
  if (!recognised) return 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    HeaderField& f = fields[i];
    switch (f.kind) {
      case HeaderLine::kTitle:
        doc->title = f.value;
        break;
      case HeaderLine::kDate:
        if (doc->date.empty() && warning->empty()) {
          *warning =
              internal::TakeDate(doc, "date", f.value, internal::Where(doc->source_path, i + 1));
        }
        break;
      case HeaderLine::kByline:
      case HeaderLine::kField:
        doc->metadata.emplace_back(f.key, f.value);
        break;
      case HeaderLine::kOther:
        if (i == 0 && LooksLikeTitle(f.value) && doc->title.empty()) doc->title = f.value;
        break;
    }
  }
  // The body starts at the first non-blank line after the header.
  while (pos < text.size()) {
    std::size_t next = pos;
    if (!internal::Trim(internal::NextLine(text, &next)).empty()) break;
    pos = next;
  }
  return std::min(pos, text.size());
}

// The document plus the warning for a date not understood ("" if none).
std::pair<Document, std::string> ParseWithFrontMatter(std::string_view content, std::string id,
                                                      std::string source_path) {
  Document doc;
  std::string warning;
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
      const std::string_view trimmed = internal::Trim(line);
      // A YAML block list item ("  - politique") continues the key before it.
      if (trimmed.size() >= 2 && trimmed[0] == '-' && trimmed[1] == ' ' && !fields.empty()) {
        std::string& value = fields.back().second;
        value += (value.empty() ? "" : ", ") + Unquote(trimmed.substr(2));
        continue;
      }
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string key = internal::AsciiLower(internal::Trim(line.substr(0, colon)));
      if (!key.empty()) fields.emplace_back(std::move(key), FlowList(line.substr(colon + 1)));
    }
    if (!closed) {
      // Said, not dropped silently: the keys are not used and the lines stay in the text.
      warning = internal::Where(doc.source_path, 1) +
                "a front matter opens here ('---') but no '---' line closes it: the whole file "
                "is read as text (close it, or remove the first line)";
    }
    if (closed) {
      body += std::min(pos, rest.size());
      for (auto& [key, value] : fields) {
        if (key == "title") {
          doc.title = value;
        } else if (key == "date") {
          warning = internal::TakeDate(&doc, key, value, internal::Where(doc.source_path, 0));
        } else {
          doc.metadata.emplace_back(key, value);
        }
      }
    }
  }
  if (body == 0 || (body == 3 && content.substr(0, 3) == "\xEF\xBB\xBF")) {
    body += ReadTextHeader(content.substr(body), &doc, &warning);
  }
  doc.text_offset = body;
  doc.text = std::string(content.substr(body));
  internal::SetDefaultTitle(&doc, internal::FileStem(doc.source_path));
  return {std::move(doc), std::move(warning)};
}

}  // namespace

Document ParseDocument(std::string_view content, std::string id, std::string source_path) {
  return ParseWithFrontMatter(content, std::move(id), std::move(source_path)).first;
}

std::string_view FormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kText:
      return "text";
    case InputFormat::kMarkdown:
      return "markdown";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kJsonLines:
      return "jsonl";
    case InputFormat::kCsv:
      return "csv";
    case InputFormat::kIramuteq:
      return "iramuteq";
  }
  return "text";
}

InputFormat FormatFromExtension(std::string_view path) {
  const std::string ext = internal::AsciiLower(std::filesystem::path(path).extension().string());
  if (ext == ".md" || ext == ".markdown") return InputFormat::kMarkdown;
  if (ext == ".html" || ext == ".htm") return InputFormat::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonLines;
  if (ext == ".csv") return InputFormat::kCsv;
  return InputFormat::kText;
}

bool IsIramuteqOpener(std::string_view line) {
  if (line.substr(0, 4) != "****" || line.size() < 6 || (line[4] != ' ' && line[4] != '\t')) {
    return false;
  }
  std::string_view rest = internal::Trim(line.substr(4));
  if (rest.empty()) return false;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
    const std::string_view word = rest.substr(0, end);
    if (word.size() < 2 || word[0] != '*' || word[1] == '*') return false;
    rest = internal::Trim(rest.substr(end));
  }
  return true;
}

IramuteqEvidence FindIramuteqOpener(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  IramuteqEvidence found;
  std::size_t line_number = 0;
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    if (found.first_line == 0 && !internal::Trim(line).empty()) found.first_line = line_number;
    if (IsIramuteqOpener(line)) {
      found.opener_line = line_number;
      break;
    }
  }
  return found;
}

bool LooksLikeIramuteq(std::string_view text) { return FindIramuteqOpener(text).opener_line != 0; }

ParsedInput ParseTextFile(std::string_view text, const std::string& id, const std::string& source) {
  ParsedInput out;
  auto [doc, warning] = ParseWithFrontMatter(text, id, source);
  if (!warning.empty()) out.warnings.push_back({source, warning});
  if (internal::Trim(doc.text).empty()) {
    out.skip_reason = text.size() == doc.text.size() ? "no text" : "no text after the front matter";
  } else {
    out.documents.push_back(std::move(doc));
  }
  return out;
}

ParsedInput ParseInput(InputFormat format, std::string_view text, const std::string& id,
                       const std::string& source, std::string_view text_column) {
  switch (format) {
    case InputFormat::kHtml:
      return ParseHtml(text, id, source);
    case InputFormat::kJsonLines:
      return ParseJsonLines(text, id, source);
    case InputFormat::kCsv:
      return ParseCsv(text, id, source, text_column);
    case InputFormat::kIramuteq:
      return ParseIramuteq(text, id, source);
    case InputFormat::kText:
    case InputFormat::kMarkdown:
      break;
  }
  return ParseTextFile(text, id, source);
}

}  // namespace trendscan
