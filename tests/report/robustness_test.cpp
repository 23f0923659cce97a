// Issue 13: the renderers on hostile reports (huge metadata, control characters, file names
// that are not UTF-8).
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

Report OneDocument(DocumentEntry d) {
  Report r;
  r.tool_version = "9.9.9";
  r.clustering.algorithm = "spherical-kmeans";
  r.corpus.documents = 1;
  r.documents.push_back(std::move(d));
  return r;
}

TEST_CASE("issue 13: JSON rendering is linear in a document's metadata keys") {
  // 2 CSV records of 40,000 columns took 7.3 s: each key was looked for among those before it.
  DocumentEntry d;
  d.id = "wide.csv#1";
  d.path = "wide.csv";
  d.title = "wide";
  constexpr int kKeys = 100000;
  for (int i = 0; i < kKeys; ++i) d.metadata.emplace_back("column" + std::to_string(i), "v");
  d.metadata.emplace_back("column7", "last");  // a key seen again keeps its last value, in place
  const Report report = OneDocument(std::move(d));
  const auto start = std::chrono::steady_clock::now();
  const std::string json = RenderJson(report, false, 1);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5.0);                                  // about 0.05 s; quadratic, about 30 s
  const nlohmann::json j = nlohmann::json::parse(json);  // (ordered_json would be quadratic)
  const auto& meta = j["documents"][0]["metadata"];
  REQUIRE(meta.size() == kKeys);
  CHECK(meta["column7"] == "last");
  CHECK(json.find("\"column7\": \"last\"") < json.find("\"column8\": \"v\""));
}

}  // namespace
}  // namespace trendscan
