#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace trendscan::cli {

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::size_t StdoutWidth(std::size_t fallback) {
  if (!StdoutIsTerminal()) return fallback;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return fallback;
  return size.ws_col;
}

bool StdoutWantsColor() {
  if (!StdoutIsTerminal()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

}  // namespace trendscan::cli
