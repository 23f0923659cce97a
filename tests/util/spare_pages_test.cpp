#include "util/spare_pages.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

using trendscan::internal::ReleaseSparePages;

namespace {

// Resident memory of this process in KB (Linux), 0 where /proc is not there.
std::size_t ResidentKb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      std::size_t kb = 0;
      status >> kb;
      return kb;
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("the pages past a vector's elements are given back, its elements kept") {
  std::vector<std::size_t> v(16 << 20);  // 128 MB, its own mapping
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = i * 7;
  const std::size_t full = ResidentKb();
  v.resize(1000);
  ReleaseSparePages(v);
  const std::size_t after = ResidentKb();
#if defined(__linux__)
  REQUIRE(full > 0);
  CHECK(full - after > 100 * 1024);  // at least 100 of the 128 MB went back
#endif
  for (std::size_t i = 0; i < v.size(); ++i) REQUIRE(v[i] == i * 7);
  // The vector grows again into the pages given back, within its capacity.
  const std::size_t capacity = v.capacity();
  for (std::size_t i = 1000; i < 2000000; ++i) v.push_back(i * 7);
  CHECK(v.capacity() == capacity);
  for (std::size_t i = 0; i < v.size(); ++i) REQUIRE(v[i] == i * 7);
}

TEST_CASE("giving back the pages of an empty or small vector changes nothing") {
  std::vector<int> empty;
  ReleaseSparePages(empty);
  CHECK(empty.empty());
  std::vector<int> small = {1, 2, 3};
  small.reserve(10);
  ReleaseSparePages(small);
  CHECK(small == std::vector<int>{1, 2, 3});
  std::vector<std::string> strings(5000, std::string(40, 'x'));
  strings.resize(3);
  ReleaseSparePages(strings);
  strings.emplace_back("again");
  CHECK(strings.size() == 4);
  CHECK(strings[2] == std::string(40, 'x'));
  CHECK(strings[3] == "again");
}
