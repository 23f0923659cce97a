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

// What a terminal would act on: C0 controls other than the newline, DEL, C1 controls (as
// UTF-8 or as raw bytes), and anything that is not UTF-8.
std::string FirstControl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return "byte " + std::to_string(c);
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return "C1 " + std::to_string(next);
    }
  }
  return "";
}

Report Hostile() {
  DocumentEntry d;
  d.id = "a\x1b]0;owned\x07\nfake line.txt";
  d.path = "dir/caf\xE9 \x1b[2J.txt";  // not UTF-8, and an escape
  d.title =
      "\x1b[2JTitre\r\nsur deux lignes\xC2\x9B"
      "31m";
  d.date = "2009-01-02";
  d.theme = 1;
  d.similarity = 0.5;
  d.metadata = {{"auteur\x1b[1m", "Claire\nDupont"}};
  Report r = OneDocument(d);
  Theme t;
  t.id = 1;
  t.label = "blog\x1b[5m";
  t.size = 1;
  t.share = 1;
  t.central_documents = {{0, 0.5}};
  t.passages = {Passage{0, 0, 0.5, "Un passage \x1b[31men rouge\x7F et \xC2\x85 NEL", false}};
  r.themes.push_back(t);
  UnitEntry u;
  u.document = 0;
  u.theme = 1;
  r.units.push_back(u);
  r.corpus.files_skipped = 1;
  r.warnings = {"skipping 'b\nfake.txt': empty file", "'\x1b[2J.txt' is not UTF-8"};
  return r;
}

TEST_CASE("issue 13: the text report shows control characters as \\xNN, one line per field") {
  const std::string text = RenderText(Hostile());

  CHECK(FirstControl(text) == "");
  // Shown, so the bytes can be read back, and each name stays on its line.
  CHECK(text.find("a\\x1B]0;owned\\x07\\x0Afake line.txt") != std::string::npos);
  CHECK(text.find("\\x1B[2JTitre\\x0D\\x0Asur deux lignes\\xC2\\x9B31m") != std::string::npos);
  CHECK(text.find("skipping 'b\\x0Afake.txt': empty file") != std::string::npos);
  CHECK(text.find("Un passage \\x1B[31men rouge\\x7F et \\xC2\\x85 NEL") != std::string::npos);
  CHECK(text.find("\nfake") == std::string::npos);
}

TEST_CASE("issue 13: JSON escapes control characters and keeps a path's bytes recoverable") {
  const std::string json = RenderJson(Hostile(), false, 1);
  CHECK(FirstControl(json) == "");
  const nlohmann::json j = nlohmann::json::parse(json);
  const auto& d = j["documents"][0];
  CHECK(d["id"] == "a\x1b]0;owned\x07\nfake line.txt");   // JSON escapes are lossless
  CHECK(d["path"] == "dir/caf\xEF\xBF\xBD \x1b[2J.txt");  // not UTF-8: U+FFFD here, and
  CHECK(d["path_bytes"] == "dir/caf%E9%20%1B[2J.txt");    // the exact bytes here
  CHECK(d["metadata"]["auteur\x1b[1m"] == "Claire\nDupont");
  CHECK(j["warnings"][0] == "skipping 'b\nfake.txt': empty file");
  // A path that is UTF-8 has no path_bytes.
  DocumentEntry plain;
  plain.id = plain.path = "dir/été.txt";
  const nlohmann::json k = nlohmann::json::parse(RenderJson(OneDocument(plain), false, 1));
  CHECK_FALSE(k["documents"][0].contains("path_bytes"));
}

}  // namespace
}  // namespace trendscan
