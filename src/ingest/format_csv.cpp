// CSV as RFC 4180 writes it, plus what spreadsheets export in France (';' as delimiter).
#include <algorithm>

#include "ingest/format_util.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;       // line the record starts on
  std::size_t offset = 0;     // byte offset where it starts
  bool unterminated = false;  // the file ended inside a quoted field
};

// The delimiter the header line uses most (outside quotes): ',', ';' or tab; ',' on a tie.
char SniffDelimiter(std::string_view text) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

class Reader {
 public:
  Reader(std::string_view text, char delimiter) : s_(text), delimiter_(delimiter) {}

  // The next record, or false at the end of the text.
  bool Next(Record* r) {
    if (pos_ >= s_.size()) return false;
    r->fields.clear();
    r->line = line_;
    r->offset = pos_;
    r->unterminated = false;
    std::string field;
    bool quoted = false;      // inside a quoted field
    bool was_quoted = false;  // the current field started with a quote
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < s_.size() && s_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
        continue;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == delimiter_) {
        r->fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
        ++line_;
        r->fields.push_back(std::move(field));
        return true;
      } else {
        field += c;  // stray quotes inside an unquoted field are kept as text
      }
    }
    r->unterminated = quoted;
    r->fields.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view s_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool IsBlankRecord(const Record& r) {
  return std::all_of(r.fields.begin(), r.fields.end(),
                     [](const std::string& f) { return internal::Trim(f).empty(); });
}

}  // namespace

ParsedInput ParseCsv(std::string_view text, const std::string& id, const std::string& source,
                     std::string_view text_column) {
  ParsedInput out;
  const SharedString path(source);  // one copy for every record of the file
  Reader reader(text, SniffDelimiter(text));
  Record header;
  while (reader.Next(&header) && IsBlankRecord(header)) {
  }
  if (header.fields.empty() || IsBlankRecord(header)) {
    out.skip_reason = "no CSV header";
    return out;
  }
  std::vector<std::string> names;
  for (const std::string& f : header.fields)
    names.push_back(internal::AsciiLower(internal::Trim(f)));
  const std::string wanted = internal::AsciiLower(internal::Trim(text_column));
  const auto text_it = std::find(names.begin(), names.end(), wanted);
  if (text_it == names.end()) {
    std::string list;
    for (const std::string& f : header.fields)
      list += (list.empty() ? "" : ", ") + std::string(internal::Trim(f));
    out.skip_reason = "no column named '" + std::string(text_column) +
                      "' in the header (columns: " + internal::Truncate(list, 200) +
                      "; choose one with --text-column)";
    return out;
  }
  const std::size_t text_index = static_cast<std::size_t>(text_it - names.begin());
  Record r;
  std::size_t number = 0;
  while (reader.Next(&r)) {
    if (IsBlankRecord(r) && !r.unterminated) continue;
    ++number;
    const std::string where = internal::Where(source, r.line) + "record " + std::to_string(number);
    if (r.unterminated) {
      out.warnings.push_back({source, where + ": a quoted field is never closed; record skipped"});
      ++out.records_skipped;
      continue;
    }
    if (r.fields.size() != names.size()) {
      out.warnings.push_back({source, where + " has " + std::to_string(r.fields.size()) +
                                          " field(s) where the header has " +
                                          std::to_string(names.size()) + "; record skipped"});
      ++out.records_skipped;
      continue;
    }
    if (internal::Trim(r.fields[text_index]).empty()) {
      out.warnings.push_back(
          {source, where + ": empty '" + std::string(text_column) + "' field; record skipped"});
      ++out.records_skipped;
      continue;
    }
    Document doc;
    doc.id = id + "#" + std::to_string(number);
    doc.source_path = path;
    doc.text_offset = r.offset;
    doc.text = std::move(r.fields[text_index]);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i == text_index) continue;
      const std::string value(internal::Trim(r.fields[i]));
      if (value.empty()) continue;
      if (names[i] == "title") {
        doc.title = value;
      } else if (names[i] == "date") {
        const std::string w = internal::TakeDate(&doc, "date", value, where + ": ");
        if (!w.empty()) out.warnings.push_back({source, w});
      } else {
        doc.metadata.emplace_back(names[i], value);
      }
    }
    internal::SetDefaultTitle(&doc, internal::FileStem(source) + " #" + std::to_string(number));
    out.documents.push_back(std::move(doc));
  }
  if (out.documents.empty()) {
    out.skip_reason = number == 0 ? "no record after the header"
                                  : "none of its " + std::to_string(number) + " records is usable";
  }
  return out;
}

}  // namespace trendscan
