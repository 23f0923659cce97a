// Metadata packed into one string: every field comes back as it went in, in order, whatever
// its bytes and length (lengths of 128 and more take two length bytes).
#include "trendscan/ingest/metadata.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace trendscan {
namespace {

std::vector<std::pair<std::string, std::string>> Fields(const Metadata& m) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : m) out.emplace_back(key, value);
  return out;
}

TEST_CASE("metadata: fields come back in order, repeated keys and empty strings included") {
  Metadata m;
  CHECK(m.empty());
  CHECK(m.size() == 0);
  CHECK(m.begin() == m.end());
  m.emplace_back("author", "Zoé");
  m.emplace_back("", "");
  m.emplace_back("author", "Zoé B.");
  m.emplace_back(std::string("nul\0byte", 8), "v");
  CHECK_FALSE(m.empty());
  REQUIRE(m.size() == 4);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"author", "Zoé"}, {"", ""}, {"author", "Zoé B."}, {std::string("nul\0byte", 8), "v"}};
  CHECK(Fields(m) == expected);
  CHECK(m[2].second == "Zoé B.");
  CHECK(m[3].first.size() == 8);
}

TEST_CASE("metadata: long keys and values (several length bytes) and equality") {
  for (const std::size_t n : {127u, 128u, 129u, 16383u, 16384u, 300000u}) {
    CAPTURE(n);
    const std::string key(n, 'k');
    const std::string value(n + 1, 'v');
    Metadata m{{"before", "1"}, {key, value}, {"after", std::string(n % 7, 'x')}};
    const auto fields = Fields(m);
    REQUIRE(fields.size() == 3);
    CHECK(fields[0] == std::make_pair(std::string("before"), std::string("1")));
    CHECK(fields[1].first == key);
    CHECK(fields[1].second == value);
    CHECK(fields[2] == std::make_pair(std::string("after"), std::string(n % 7, 'x')));
    Metadata copy = m;
    CHECK(copy == m);
    copy.emplace_back("more", "");
    CHECK(copy != m);
  }
  // The same bytes cut differently are different metadata.
  CHECK(Metadata{{"ab", "c"}} != Metadata{{"a", "bc"}});
}

TEST_CASE("metadata: one pointer, copies of their own, growing field by field") {
  CHECK(sizeof(Metadata) == sizeof(void*));
  Metadata m;
  CHECK(m.empty());
  CHECK(m.packed().empty());
  for (int i = 0; i < 1000; ++i) m.emplace_back("k" + std::to_string(i), std::to_string(i * i));
  REQUIRE(m.size() == 1000);
  CHECK(m[999].first == "k999");
  CHECK(m[999].second == "998001");
  Metadata copy = m;
  CHECK(copy == m);
  CHECK(copy.packed().data() != m.packed().data());
  copy.emplace_back("plus", "un");
  CHECK(copy.size() == 1001);
  CHECK(m.size() == 1000);
  const std::string before(m.packed());  // a copy: shrinking moves the bytes
  m.shrink_to_fit();
  CHECK(m.packed() == before);
  CHECK(m[0].first == "k0");
  Metadata moved = std::move(copy);
  CHECK(moved.size() == 1001);
  const Metadata& same = moved;
  moved = same;  // self-assignment keeps the fields
  CHECK(moved.size() == 1001);
  moved.clear();
  CHECK(moved.empty());
  Metadata swapped;
  swapped.swap(m);
  CHECK(m.empty());
  CHECK(swapped.size() == 1000);
}

}  // namespace
}  // namespace trendscan
