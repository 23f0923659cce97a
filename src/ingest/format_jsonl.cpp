// JSON lines: one object a line. nlohmann-json parses each line without exceptions; a line
// that fails is reported by number and skipped, so one bad line never costs the whole file.
#include <nlohmann/json.hpp>

#include "ingest/format_util.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

using Json = nlohmann::json;

// A scalar as metadata text; arrays of scalars joined with ", "; "" for null, objects and
// nested arrays (left out).
std::string ScalarText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  if (v.is_array()) {
    std::string out;
    for (const Json& item : v) {
      if (item.is_array() || item.is_object()) continue;
      const std::string s = ScalarText(item);
      if (!s.empty()) out += (out.empty() ? "" : ", ") + s;
    }
    return out;
  }
  return "";
}

}  // namespace

ParsedInput ParseJsonLines(std::string_view text, const std::string& id,
                           const std::string& source) {
  ParsedInput out;
  const SharedString path(source);  // one copy for every post of the file
  std::size_t line_number = 0;
  std::size_t lines_with_content = 0;
  auto skip = [&](const std::string& why) {
    out.warnings.push_back({source, internal::Where(source, line_number) + why + "; line skipped"});
    ++out.records_skipped;
  };
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    // Where the line itself starts: a CRLF file's line breaks are two bytes.
    const auto line_offset = static_cast<std::size_t>(line.data() - text.data());
    if (internal::Trim(line).empty()) continue;
    ++lines_with_content;
    const Json j = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      skip("not valid JSON");
      continue;
    }
    if (!j.is_object()) {
      skip("not a JSON object");
      continue;
    }
    const auto text_it = j.find("text");
    if (text_it == j.end() || !text_it->is_string()) {
      skip("no \"text\" string");
      continue;
    }
    Document doc;
    doc.text = text_it->get<std::string>();
    if (internal::Trim(doc.text).empty()) {
      skip("empty \"text\"");
      continue;
    }
    doc.id = id + "#" + std::to_string(line_number);
    doc.source_path = path;
    doc.text_offset = line_offset;
    for (const auto& [key, value] : j.items()) {
      if (key == "text") continue;
      const std::string v = ScalarText(value);
      if (key == "title" && value.is_string()) {
        doc.title = v;
      } else if (key == "date") {
        const std::string w =
            internal::TakeDate(&doc, key, v, internal::Where(source, line_number));
        if (!w.empty()) out.warnings.push_back({source, w});
      } else if (!v.empty()) {
        doc.metadata.emplace_back(key, v);
      }
    }
    internal::SetDefaultTitle(&doc,
                              internal::FileStem(source) + " #" + std::to_string(line_number));
    out.documents.push_back(std::move(doc));
  }
  if (out.documents.empty()) {
    out.skip_reason =
        lines_with_content == 0
            ? "no JSON line in it"
            : "none of its " + std::to_string(lines_with_content) + " lines is usable";
  }
  return out;
}

}  // namespace trendscan
