// Which trendscan is this: its version, the commit it was built from, and the versions of the
// libraries that shape its results (ICU breaks words and normalises text, Snowball stems). What
// `trendscan --version` prints and every report carries (Report::tool_build).
#ifndef TRENDSCAN_VERSION_HPP_
#define TRENDSCAN_VERSION_HPP_

#include <string>

#include "trendscan/describe/report.hpp"

namespace trendscan {

// trendscan's own version ("0.1.0", the CMake project version).
std::string ToolVersion();

// The build: commit (empty outside a git checkout), the ICU library in use and its Unicode
// version (asked of ICU at run time, so they are those of the library actually loaded), and the
// Snowball libstemmer version the build found (empty when it could not tell: libstemmer has no
// version call, so CMake asks the package manager, or -DTRENDSCAN_SNOWBALL_VERSION= sets it).
// Never fails.
ToolBuild CurrentToolBuild();

}  // namespace trendscan

#endif  // TRENDSCAN_VERSION_HPP_
