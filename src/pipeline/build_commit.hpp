// The git commit of the build (generated from build_commit.cpp.in at build time).
#ifndef TRENDSCAN_SRC_PIPELINE_BUILD_COMMIT_HPP_
#define TRENDSCAN_SRC_PIPELINE_BUILD_COMMIT_HPP_

#include <string_view>

namespace trendscan::internal {

// `git describe --tags --always --dirty` of the checkout built ("a1b2c3d4e5f6", with "-dirty"
// when it had changes not committed); empty when not built from a git checkout.
std::string_view BuildCommit();

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_PIPELINE_BUILD_COMMIT_HPP_
