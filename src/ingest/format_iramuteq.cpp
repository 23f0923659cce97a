// The IRaMuTeQ/ALCESTE corpus format: texts opened by "**** *var_value ..." lines.
#include <algorithm>

#include "ingest/format_util.hpp"
#include "trendscan/ingest/dates.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

bool IsDateVariable(std::string_view name) {
  return name == "annee" || name == "année" || name == "an" || name == "year" || name == "date" ||
         name == "jour";
}

// "2009_12_07" -> "2009-12-07": variable values cannot hold spaces, and some corpora write
// dates with underscores.
std::string Underscores(std::string v) {
  for (char& c : v) {
    if (c == '_') c = '-';
  }
  return v;
}

struct Text {
  Document doc;
  std::size_t line = 0;  // of the "****" line
  std::string thematics;
  std::string bad_date;  // the first date variable ParseDate did not read, when none was
};

// The text a "**** *var_value ..." line (number `line_number`) opens: each variable becomes
// metadata, the first date variable the date, and the variables together the title.
Text OpenText(std::string_view line, std::size_t line_number, std::size_t text_offset) {
  Text t;
  t.line = line_number;
  t.doc.text_offset = text_offset;
  std::string variables;
  std::string_view rest = line.substr(4);
  while (!rest.empty()) {
    rest = internal::Trim(rest);
    const std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
    const std::string_view word = rest.substr(0, end);
    rest.remove_prefix(end);
    if (word.size() < 2 || word[0] != '*') continue;
    variables += (variables.empty() ? "" : " ") + std::string(word);
    const std::size_t us = word.find('_');
    const std::string name(word.substr(1, us == std::string_view::npos ? word.npos : us - 1));
    const std::string value(us == std::string_view::npos ? "" : word.substr(us + 1));
    if (name.empty()) continue;
    const std::string lower = internal::AsciiLower(name);
    if (IsDateVariable(lower) && t.doc.date.empty() && !value.empty()) {
      t.doc.date = ParseDate(Underscores(value));
      if (t.doc.date.empty() && t.bad_date.empty()) t.bad_date = std::string(word);
    }
    t.doc.metadata.emplace_back(name, value);
  }
  if (!t.doc.date.empty()) t.bad_date.clear();  // a later date variable was read
  t.doc.title = variables;
  return t;
}

// The non-blank lines before the first "****" line, which belong to no text (0: none).
struct Preamble {
  std::size_t first = 0;
  std::size_t last = 0;
};

// The texts, line by line: a "****" line opens one, a "-*thematic" line names a part of it,
// any other line is its text.
std::vector<Text> ReadTexts(std::string_view text, Preamble* preamble) {
  std::vector<Text> texts;
  std::size_t line_number = 0;
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    if (IsIramuteqOpener(line) || internal::Trim(line) == "****") {
      const std::size_t next =
          static_cast<std::size_t>(line.data() - text.data()) + line.size() + 1;
      texts.push_back(OpenText(line, line_number, std::min(next, text.size())));
      continue;
    }
    if (texts.empty()) {
      if (!internal::Trim(line).empty()) {
        if (preamble->first == 0) preamble->first = line_number;
        preamble->last = line_number;
      }
      continue;
    }
    Text& t = texts.back();
    const std::string_view trimmed = internal::Trim(line);
    if (trimmed.substr(0, 2) == "-*") {
      const std::string name(internal::Trim(trimmed.substr(2)));
      if (!name.empty()) t.thematics += (t.thematics.empty() ? "" : ", ") + name;
      t.doc.text += '\n';  // keeps paragraphs apart where the thematic line was
      continue;
    }
    t.doc.text.append(line.data(), line.size());
    t.doc.text += '\n';
  }
  return texts;
}

// The texts as documents (numbered from 1 in the file), the empty ones skipped with a warning.
void AddDocuments(std::vector<Text>* texts, const std::string& id, const std::string& source,
                  ParsedInput* out) {
  const SharedString path(source);  // one copy for every text of the file
  for (std::size_t n = 0; n < texts->size(); ++n) {
    Text& t = (*texts)[n];
    if (internal::Trim(t.doc.text).empty()) {
      out->warnings.push_back({source, internal::Where(source, t.line) + "text " +
                                           std::to_string(n + 1) + " is empty; skipped"});
      ++out->records_skipped;
      continue;
    }
    if (!t.bad_date.empty()) {
      out->warnings.push_back(
          {source, internal::Where(source, t.line) + "date '" + internal::Truncate(t.bad_date, 40) +
                       "' not understood (" + std::string(internal::kDatesRead) +
                       "); the text has no date"});
    }
    t.doc.id = id + "#" + std::to_string(n + 1);
    t.doc.source_path = path;
    if (!t.thematics.empty()) t.doc.metadata.emplace_back("thematics", t.thematics);
    if (t.doc.title.empty())
      t.doc.title = internal::FileStem(source) + " #" + std::to_string(n + 1);
    out->documents.push_back(std::move(t.doc));
  }
}

}  // namespace

ParsedInput ParseIramuteq(std::string_view text, const std::string& id, const std::string& source) {
  ParsedInput out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Preamble preamble;
  std::vector<Text> texts = ReadTexts(text, &preamble);
  if (preamble.first != 0) {
    out.warnings.push_back(
        {source, "'" + source + "' lines " + std::to_string(preamble.first) + "-" +
                     std::to_string(preamble.last) +
                     ": text before the first '****' line belongs to no text; skipped"});
    ++out.records_skipped;
  }
  AddDocuments(&texts, id, source, &out);
  if (out.documents.empty()) {
    out.skip_reason = texts.empty() ? "no '****' line" : "every text in it is empty";
  }
  return out;
}

}  // namespace trendscan
