// Helpers for tests that need files: a temporary directory removed at the end of the test.
#ifndef TRENDSCAN_TESTS_TEST_UTIL_HPP_
#define TRENDSCAN_TESTS_TEST_UTIL_HPP_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace trendscan::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "trendscan-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to path()/relative, creating parent directories.
  std::filesystem::path Write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace trendscan::testing

#endif  // TRENDSCAN_TESTS_TEST_UTIL_HPP_
