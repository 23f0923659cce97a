// How the text report fits where it is printed: the terminal's width, and whether emphasis may
// be used (https://no-color.org).
#ifndef TRENDSCAN_SRC_CLI_TERMINAL_HPP_
#define TRENDSCAN_SRC_CLI_TERMINAL_HPP_

#include <cstddef>

namespace trendscan::cli {

// True when standard output is a terminal.
bool StdoutIsTerminal();

// The width of the terminal on standard output, or `fallback` when it is not one (or does not
// say).
std::size_t StdoutWidth(std::size_t fallback);

// True when emphasis (ANSI bold) may be printed: standard output is a terminal, NO_COLOR is
// unset or empty, and TERM is not "dumb".
bool StdoutWantsColor();

}  // namespace trendscan::cli

#endif  // TRENDSCAN_SRC_CLI_TERMINAL_HPP_
