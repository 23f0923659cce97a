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

std::string ForTerminal(std::string_view text, bool one_line) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  auto escape = [&out](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool kept = c >= 0x20 ? c != 0x7F : !one_line && (c == '\n' || c == '\t');
      if (kept) {
        out += static_cast<char>(c);
      } else {
        escape(c);
      }
      ++i;
      continue;
    }
    const Utf8Char u = DecodeUtf8(text, i);
    if (u.length == 0) {
      escape(c);
      ++i;
      continue;
    }
    if (u.code_point <= 0x9F) {  // a C1 control, two bytes
      escape(c);
      escape(static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text.substr(i, static_cast<std::size_t>(u.length)));
    }
    i += static_cast<std::size_t>(u.length);
  }
  return out;
}

}  // namespace trendscan::internal
