#include "trendscan/ingest/compact_string.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>

namespace trendscan {
namespace {

TEST_CASE("a compact string is one pointer and reads as the string it was given") {
  CHECK(sizeof(CompactString) == sizeof(void*));
  const CompactString none;
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(std::string(none.c_str()).empty());
  CHECK(none == "");

  CompactString id = std::string("posts-00001.jsonl#250000");
  CHECK(id.size() == 24);
  CHECK(id == "posts-00001.jsonl#250000");
  CHECK("posts-00001.jsonl#250000" == id);
  CHECK(id != std::string("posts-00001.jsonl#25000"));
  CHECK(std::string_view(id) == "posts-00001.jsonl#250000");
  CHECK(id.c_str()[id.size()] == '\0');
  // Bytes past a NUL are kept: the size is stored, not found.
  const std::string with_nul("a\0b", 3);
  const CompactString held = with_nul;
  CHECK(held.size() == 3);
  CHECK(held == with_nul);
  CHECK(held.str() == with_nul);

  CompactString copy = id;
  CHECK(copy == id);
  CHECK(copy.data() != id.data());  // a copy of its own
  copy = "autre";
  CHECK(id == "posts-00001.jsonl#250000");
  const CompactString& same = copy;
  copy = same;  // self-assignment keeps the value
  CHECK(copy == "autre");
  copy = std::string_view(copy).substr(1);  // from a view of itself
  CHECK(copy == "utre");
  CompactString moved = std::move(copy);
  CHECK(moved == "utre");
  moved = "";
  CHECK(moved.empty());
  CHECK(CompactString("a") < CompactString("b"));
  std::ostringstream out;
  out << id;
  CHECK(out.str() == "posts-00001.jsonl#250000");
  const std::string long_text(100000, 'x');
  CHECK(CompactString(long_text) == long_text);
}

}  // namespace
}  // namespace trendscan
