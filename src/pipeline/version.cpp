#include "trendscan/version.hpp"

#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "pipeline/build_commit.hpp"

namespace trendscan {
namespace {

// "72.1": ICU's u_versionToString gives "72.1" for 72.1.0.0 (trailing zeros dropped).
std::string VersionString(const UVersionInfo version) {
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

}  // namespace

std::string ToolVersion() { return TRENDSCAN_VERSION; }

ToolBuild CurrentToolBuild() {
  ToolBuild build;
  build.commit = std::string(internal::BuildCommit());
  UVersionInfo version;
  u_getVersion(version);
  build.icu = VersionString(version);
  u_getUnicodeVersion(version);
  build.unicode = VersionString(version);
  build.snowball = TRENDSCAN_SNOWBALL_VERSION;
  return build;
}

}  // namespace trendscan
