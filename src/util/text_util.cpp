#include "util/text_util.hpp"

#include "util/utf8.hpp"

namespace trendscan::internal {

std::string_view NextLine(std::string_view text, std::size_t* pos) {
  std::size_t nl = text.find('\n', *pos);
  if (nl == std::string_view::npos) nl = text.size();
  std::string_view line = text.substr(*pos, nl - *pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  *pos = nl + 1;
  return line;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) lines.push_back(NextLine(text, &pos));
  return lines;
}

std::string_view Trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  const std::size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const std::size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

std::string Truncate(std::string_view text, std::size_t max_chars) {
  const std::string_view kept = Utf8Prefix(text, max_chars);
  if (kept.size() == text.size()) return std::string(text);
  return std::string(kept) + "…";
}

}  // namespace trendscan::internal
