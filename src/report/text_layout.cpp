#include "report/text_layout.hpp"

#include <algorithm>

#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan::internal {

std::vector<std::string> WrapLine(std::string_view line, std::size_t width) {
  if (width == 0 || CountCodePoints(line) <= width) return {std::string(line)};
  const std::size_t lead = std::min(line.find_first_not_of(' '), line.size());
  const std::size_t hang = std::min(lead + 2, width / 2);
  std::vector<std::string> out;
  std::string_view rest = line;
  bool first = true;
  while (!rest.empty()) {
    const std::string indent = first ? std::string() : std::string(hang, ' ');
    const std::size_t room = width - indent.size();
    if (CountCodePoints(rest) <= room) {
      out.push_back(indent + std::string(rest));
      break;
    }
    const std::size_t cut = Utf8Prefix(rest, room).size();
    // The last space that leaves the piece within the room, past the first line's indent; the
    // end of a " · " item rather than a word, when that keeps more than half the room.
    std::size_t at = rest.rfind(' ', cut);
    const std::size_t floor = first ? lead : 0;
    const std::size_t item = cut >= 3 ? rest.rfind(" · ", cut - 3) : std::string_view::npos;
    if (item != std::string_view::npos && item > floor &&
        CountCodePoints(rest.substr(0, item)) > room / 2) {
      at = item + 3;  // the "·" ends the line; it is one code point of two bytes
    }
    std::size_t next;
    if (at == std::string_view::npos || at <= floor) {
      at = std::max<std::size_t>(cut, Utf8Prefix(rest, 1).size());  // a word longer than the room
      next = at;
    } else {
      next = at;
      while (at > floor && rest[at - 1] == ' ') --at;
    }
    out.push_back(indent + std::string(rest.substr(0, at)));
    rest.remove_prefix(next);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    first = false;
  }
  return out;
}

std::string LayOutText(std::string_view text, std::size_t width, bool color) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::string_view line : SplitLines(text)) {
    const bool emphasis = !line.empty() && line.front() == kEmphasis;
    if (emphasis) line.remove_prefix(1);
    for (const std::string& piece : WrapLine(line, width)) {
      if (emphasis && color) {
        out += "\x1b[1m" + piece + "\x1b[0m\n";
      } else {
        out += piece + '\n';
      }
    }
  }
  return out;
}

}  // namespace trendscan::internal
