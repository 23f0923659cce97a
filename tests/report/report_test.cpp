#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "trendscan/report/render.hpp"

namespace trendscan {
namespace {

DocumentEntry Doc(std::string id, std::string path, std::string title, std::string date, int theme,
                  double similarity) {
  DocumentEntry d;
  d.id = std::move(id);
  d.path = std::move(path);
  d.title = std::move(title);
  d.date = std::move(date);
  d.theme = theme;
  d.similarity = similarity;
  return d;
}

Report SmallReport() {
  Report r;
  r.tool_version = "9.9.9";
  r.parameters = {{"k", std::int64_t{2}},
                  {"seed", std::int64_t{42}},
                  {"lang", std::string("fr")},
                  {"stem", true},
                  {"max-df", 0.5}};
  r.corpus.documents = 3;
  r.corpus.tokens = 12345;
  r.clustering.algorithm = "spherical-kmeans";
  r.clustering.k = 2;
  Theme t;
  t.id = 1;
  t.label = "blog · photos · lecteurs";
  t.size = 2;
  t.share = 2.0 / 3.0;
  t.top_terms = {{"blog", "blog", 0.7, 2}, {"photos", "photo", 0.5, 1}};
  t.central_documents = {{1, 0.9}};
  r.themes.push_back(t);
  r.documents = {Doc("a.md", "c/a.md", "Titre A", "2009-01-02", 1, 0.8),
                 Doc("b.md", "c/b.md", "Titre B", "", 1, 0.9),
                 Doc("c.md", "c/c.md", "Titre C", "", 0, 0.0)};
  r.warnings = {"something odd"};
  r.timings = {{"read", 0.5}, {"cluster", 0.25}};
  return r;
}

TEST_CASE("JSON carries the schema version, parameters, themes, documents and timings") {
  const nlohmann::json j = nlohmann::json::parse(RenderJson(SmallReport()));
  CHECK(j["schema_version"] == kReportSchemaVersion);
  CHECK(j["tool"]["version"] == "9.9.9");
  CHECK(j["parameters"]["seed"] == 42);
  CHECK(j["parameters"]["stem"] == true);
  CHECK(j["parameters"]["max_df"] == 0.5);  // snake_case, as every key
  CHECK(j["corpus"]["tokens"] == 12345);
  REQUIRE(j["themes"].size() == 1);
  CHECK(j["themes"][0]["top_terms"][1]["word"] == "photos");
  CHECK(j["themes"][0]["top_terms"][1]["term"] == "photo");
  CHECK(j["themes"][0]["central_documents"][0]["title"] == "Titre B");
  REQUIRE(j["documents"].size() == 3);
  CHECK(j["documents"][0]["date"] == "2009-01-02");
  CHECK(j["documents"][1]["date"].is_null());
  CHECK(j["documents"][2]["theme"].is_null());  // no kept term: in no theme
  CHECK(j["timings"]["cluster"] == 0.25);
  CHECK_FALSE(j.contains("quality"));
}

TEST_CASE("long document and unit arrays written in pieces on several threads read the same") {
  Report r = SmallReport();
  r.documents.clear();
  for (int i = 0; i < 5000; ++i) {
    DocumentEntry d =
        Doc("d" + std::to_string(i) + ".md", "c/d.md", "Titre \"" + std::to_string(i) + "\"",
            i % 3 ? "" : "2010-05-06", i % 4, 0.25 * (i % 5));
    d.metadata = {{"auteur", "N° " + std::to_string(i)}};
    r.documents.push_back(d);
    UnitEntry u;
    u.document = static_cast<std::size_t>(i);
    u.end = static_cast<std::size_t>(i) * 7;
    u.theme = i % 3;
    r.units.push_back(u);
  }
  const std::string serial = RenderJson(r, true, 1);
  CHECK(RenderJson(r, true, 3) == serial);
  const nlohmann::json j = nlohmann::json::parse(serial);
  REQUIRE(j["documents"].size() == 5000);
  CHECK(j["documents"][4097]["id"] == "d4097.md");
  CHECK(j["documents"][2048]["title"] == "Titre \"2048\"");
  CHECK(j["units"][4999]["end"] == 4999 * 7);
  // Pieces join with the same layout as one writer: a comma and a newline between items.
  CHECK(serial.find("},\n    {\n      \"id\": \"d2048.md\"") != std::string::npos);
}

TEST_CASE("JSON without timings leaves only the timings out") {
  const nlohmann::json with = nlohmann::json::parse(RenderJson(SmallReport(), true));
  nlohmann::json without = nlohmann::json::parse(RenderJson(SmallReport(), false));
  CHECK_FALSE(without.contains("timings"));
  without["timings"] = with["timings"];
  CHECK(with == without);
}

TEST_CASE("the text report shows the summary, each theme and its central documents") {
  const std::string text = RenderText(SmallReport());
  CHECK(text.find("12,345 tokens") != std::string::npos);
  CHECK(text.find("Theme 1 · blog · photos · lecteurs") != std::string::npos);
  CHECK(text.find("2 documents (66.7%)") != std::string::npos);
  CHECK(text.find("words: blog, photos") != std::string::npos);
  CHECK(text.find("0.90  Titre B  [b.md]") != std::string::npos);
  CHECK(text.find("something odd") != std::string::npos);
  CHECK(text.find("read 0.500 s") != std::string::npos);
}

TEST_CASE("quality appears in both formats when labels were given") {
  Report r = SmallReport();
  r.quality = Quality{2, 2, 0.5, 0.25};
  const nlohmann::json j = nlohmann::json::parse(RenderJson(r));
  CHECK(j["quality"]["nmi"] == 0.5);
  CHECK(j["documents"][0].contains("label"));
  CHECK(RenderText(r).find("NMI 0.500, ARI 0.250") != std::string::npos);
}

TEST_CASE("the timeline is rendered as given: sparse periods marked, null shares, flags") {
  Report r = SmallReport();
  Timeline& t = r.timeline;
  t.available = true;
  t.period = "year";
  t.period_requested = "year";
  t.min_period_documents = 5;
  t.min_trend_periods = 5;
  t.significance = 0.05;
  t.documents = t.in_timeline = 7;
  t.periods = {{"2009", "2009-01-01", "2009-12-31", 6, 6, false},
               {"2010", "2010-01-01", "2010-12-31", 0, 0, true},
               {"2011", "2011-01-01", "2011-12-31", 1, 1, true}};
  TimelineSeries s;
  s.theme = 1;
  s.label = "blog · photos · lecteurs";
  s.counts = {3, 0, 1};
  s.shares = {0.5, 0, 1};
  s.trend.flag = "insufficient";
  s.trend.periods_used = 1;
  t.series = {s};
  const nlohmann::json j = nlohmann::json::parse(RenderJson(r));
  CHECK(j["timeline"]["periods"][1]["sparse"] == true);
  CHECK(j["timeline"]["series"][0]["shares"][0] == 0.5);
  CHECK(j["timeline"]["series"][0]["shares"][1].is_null());  // no documents: no share
  CHECK_FALSE(j["timeline"]["series"][0]["trend"].contains("slope_share_per_period"));
  CHECK(j["crosstabs"].empty());
  const std::string text = RenderText(r);
  CHECK(text.find("Timeline by year, 2009 to 2011: 7 of 7 documents in 3 periods") !=
        std::string::npos);
  CHECK(text.find("   0*") != std::string::npos);
  CHECK(text.find("50%") != std::string::npos);
  CHECK(text.find("2 sparse period(s)") != std::string::npos);
  CHECK(text.find("▅ █") != std::string::npos);  // half the peak (bar round(3.5)), a gap, the peak
  CHECK(text.find("insufficient") != std::string::npos);
  Report undated = SmallReport();
  undated.timeline.reason = "none of the 3 documents has a date";
  CHECK(RenderText(undated).find("No timeline: none of the 3 documents has a date.") !=
        std::string::npos);
}

}  // namespace
}  // namespace trendscan
