// The streaming JSON writer: same layout as nlohmann's dump(2), escaping, numbers.
#include "report/json_writer.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

using trendscan::internal::JsonWriter;
using Json = nlohmann::ordered_json;

namespace {

std::string Write(const Json& value) {
  std::string out;
  JsonWriter w(&out);
  w.Value(value);
  return out;
}

}  // namespace

TEST_CASE("a tree written by the writer reads and looks as nlohmann's dump(2)") {
  const Json tree = Json::parse(R"({
    "name": "trendscan", "count": 3, "negative": -7, "ok": true, "none": null,
    "empty_list": [], "empty_object": {}, "list": [1, [2, 3], {"a": "b"}],
    "nested": {"deeper": {"deepest": ["x"]}}, "half": 0.5, "tiny": 1e-07
  })");
  const std::string written = Write(tree);
  CHECK(written == tree.dump(2));
  CHECK(Json::parse(written) == tree);
}

TEST_CASE("strings are escaped, and invalid UTF-8 becomes U+FFFD") {
  CHECK(Write(Json("il a dit \"oui\"\\")) == R"("il a dit \"oui\"\\")");
  CHECK(Write(Json("a\nb\tc\rd\be\ff")) == R"("a\nb\tc\rd\be\ff")");
  CHECK(Write(Json(std::string("x\x01y\x1Fz", 5))) == "\"x\\u0001y\\u001fz\"");
  // Accents, typographic quotes and emoji pass through as UTF-8.
  CHECK(Write(Json("l’été à Montréal 🎉")) == "\"l’été à Montréal 🎉\"");
  std::string out;
  JsonWriter w(&out);
  w.String("caf\xE9 \xC3 \xED\xA0\x80!");  // Latin-1 é, a cut sequence, a surrogate
  CHECK(out == "\"caf\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD!\"");
  CHECK(Json::accept(out));
}

TEST_CASE("numbers: whole doubles keep .0, shortest round trip, no NaN or infinity in JSON") {
  auto number = [](double v) {
    std::string out;
    JsonWriter w(&out);
    w.Double(v);
    return out;
  };
  CHECK(number(2.0) == "2.0");
  CHECK(number(-0.25) == "-0.25");
  CHECK(number(0.1) == "0.1");
  CHECK(std::stod(number(1.0 / 3.0)) == 1.0 / 3.0);
  CHECK(number(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(number(std::numeric_limits<double>::infinity()) == "null");
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Uint(18446744073709551615ull);
  w.Int(-9223372036854775807ll - 1);
  w.EndArray();
  CHECK(out == "[\n  18446744073709551615,\n  -9223372036854775808\n]");
}

TEST_CASE("fields, null shorthands and keys in the order written") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("b", 1);
  w.Field("a", "x");
  w.StringOrNull("date", "");
  w.StringOrNull("title", "t");
  w.IdOrNull("theme", 0);
  w.IdOrNull("other", 4);
  w.EndObject();
  CHECK(out ==
        "{\n  \"b\": 1,\n  \"a\": \"x\",\n  \"date\": null,\n  \"title\": \"t\",\n"
        "  \"theme\": null,\n  \"other\": 4\n}");
}
