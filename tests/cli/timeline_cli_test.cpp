// End-to-end tests of the timeline, --period, --by and --since/--until: the trendscan binary on
// corpora whose theme shares over time are known by construction.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::Has;
using testing::ReadAll;
using testing::Run;
using testing::TempDir;
using testing::Trendscan;

const std::vector<std::string> kGarden = {
    "potager", "tomates", "semis",      "arrosoir",  "compost",  "radis",     "graines",
    "bêche",   "serre",   "courgettes", "fraisiers", "paillage", "récolte",   "bouture",
    "laitue",  "binette", "haricots",   "jardinier", "verger",   "plantation"};
const std::vector<std::string> kPolitics = {
    "élection",   "député",      "scrutin",    "ministre",        "parlement",
    "sénat",      "électeurs",   "réforme",    "gouvernement",    "majorité",
    "opposition", "candidat",    "suffrage",   "assemblée",       "mairie",
    "coalition",  "législature", "référendum", "circonscription", "motion"};
const std::vector<std::string> kFootball = {
    "football",  "match",     "stade",      "entraîneur", "ballon",    "équipe",  "championnat",
    "gardien",   "arbitre",   "supporters", "maillot",    "vestiaire", "tribune", "penalty",
    "attaquant", "défenseur", "buteur",     "pelouse",    "coupe",     "victoire"};

// A folder of Markdown essays, 10 a year from 2008 to 2013: gardening ("a-") grows from 1 to 6 a
// year, politics ("b-") fades from 6 to 1, football ("c-") holds at 3; each theme has its own
// author. Plus two undated football essays.
struct TrendCorpus {
  TempDir dir;
  TrendCorpus() {
    std::uint32_t state = 12345;
    auto next = [&state]() {
      state = state * 1664525u + 1013904223u;
      return state >> 8;
    };
    auto essay = [&](const std::vector<std::string>& words, const std::string& date,
                     const std::string& author) {
      std::string text = "---\ntitle: essai\n";
      if (!date.empty()) text += "date: " + date + "\n";
      text += "author: " + author + "\n---\n\n";
      for (int i = 0; i < 40; ++i)
        text += words[next() % words.size()] + (i % 10 == 9 ? ".\n" : " ");
      return text;
    };
    int n = 0;
    for (int y = 0; y < 6; ++y) {
      const int counts[3] = {1 + y, 6 - y, 3};
      const std::vector<std::string>* vocab[3] = {&kGarden, &kPolitics, &kFootball};
      const char* prefix[3] = {"a-", "b-", "c-"};
      const char* author[3] = {"Alice", "Bruno", "Chloé"};
      int month = 1;
      for (int t = 0; t < 3; ++t) {
        for (int i = 0; i < counts[t]; ++i, ++n, ++month) {
          const std::string date = std::to_string(2008 + y) + "-" + (month < 10 ? "0" : "") +
                                   std::to_string(month) + "-15";
          dir.Write(prefix[t] + std::to_string(n) + ".md", essay(*vocab[t], date, author[t]));
        }
      }
    }
    dir.Write("c-undated-1.md", essay(kFootball, "", "Chloé"));
    dir.Write("c-undated-2.md", essay(kFootball, "", "Chloé"));
  }
  std::string path() const { return dir.path().string(); }
};

// The theme id that holds the documents whose id starts with `prefix` (all of them, or 0).
int ThemeOf(const nlohmann::json& report, const std::string& prefix) {
  int theme = -1;
  for (const auto& d : report["documents"]) {
    if (d["id"].get<std::string>().rfind(prefix, 0) != 0) continue;
    const int t = d["theme"].get<int>();
    if (theme != -1 && theme != t) return 0;
    theme = t;
  }
  return theme;
}

const nlohmann::json& SeriesOf(const nlohmann::json& report, int theme) {
  for (const auto& s : report["timeline"]["series"]) {
    if (s["theme"] == theme) return s;
  }
  FAIL("no series for theme " << theme);
  return report;
}

TEST_CASE("a growing theme is reported emerging, a fading one declining, with the figures") {
  const TrendCorpus corpus;
  const Run r = Trendscan({"analyze", corpus.path(), "--k", "3", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 4);
  const int garden = ThemeOf(j, "a-");
  const int politics = ThemeOf(j, "b-");
  const int football = ThemeOf(j, "c-");
  REQUIRE(garden > 0);
  REQUIRE(politics > 0);
  REQUIRE(football > 0);
  const nlohmann::json& t = j["timeline"];
  CHECK(t["available"] == true);
  CHECK(t["period"] == "year");
  CHECK(t["period_requested"] == "auto");
  CHECK(t["documents"]["analysed"] == 62);
  CHECK(t["documents"]["undated"] == 2);
  CHECK(t["documents"]["in_timeline"] == 60);
  REQUIRE(t["periods"].size() == 6);
  CHECK(t["periods"][0]["label"] == "2008");
  CHECK(t["periods"][0]["documents"] == 10);
  CHECK(t["periods"][0]["sparse"] == false);
  const nlohmann::json& g = SeriesOf(j, garden);
  CHECK(g["counts"] == nlohmann::json({1, 2, 3, 4, 5, 6}));
  CHECK(g["shares"][5].get<double>() == doctest::Approx(0.6));
  CHECK(g["trend"]["flag"] == "emerging");
  CHECK(g["trend"]["slope_share_per_period"].get<double>() == doctest::Approx(0.1));
  CHECK(g["trend"]["slope_share_per_period_ci"][0].get<double>() > 0);
  CHECK(g["trend"]["mann_kendall"]["p_value"].get<double>() < 0.05);
  const nlohmann::json& p = SeriesOf(j, politics);
  CHECK(p["trend"]["flag"] == "declining");
  CHECK(p["trend"]["change_share"].get<double>() == doctest::Approx(-0.5));
  CHECK(SeriesOf(j, football)["trend"]["flag"] == "stable");
  bool warned = false;
  for (const auto& w : j["warnings"]) warned |= Has(w.get<std::string>(), "2 document(s) without");
  CHECK(warned);

  const Run text = Trendscan({"analyze", corpus.path(), "--k", "3"});
  REQUIRE(text.exit_code == 0);
  CHECK(Has(text.out, "Timeline by year, 2008 to 2013: 60 of 62 documents in 6 periods"));
  CHECK(Has(text.out, "not in the timeline: 2 undated"));
  CHECK(Has(text.out, "emerging: Theme " + std::to_string(garden)));
  CHECK(Has(text.out, "declining: Theme " + std::to_string(politics)));
  CHECK(Has(text.out, "+50.0 points over the span"));
  CHECK(Has(text.out, "▂▃▅▆▇█"));  // garden: k/6 of its peak share is bar round(7k/6) of ▁..█
}

TEST_CASE("--period quarter and week: labels, sparse periods marked, no flag without data") {
  const TrendCorpus corpus;
  const Run r = Trendscan(
      {"analyze", corpus.path(), "--k", "3", "--format", "json", "--period", "quarter", "-q"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& t = j["timeline"];
  CHECK(t["period"] == "quarter");
  CHECK(t["period_requested"] == "quarter");
  CHECK(t["periods"][0]["label"] == "2008-Q1");
  CHECK(t["periods"][0]["start"] == "2008-01-01");
  CHECK(t["periods"][0]["end"] == "2008-03-31");
  CHECK(t["periods"][0]["sparse"] == true);  // 3 documents < 5
  // With every quarter sparse there is no trend to claim.
  for (const auto& s : t["series"]) CHECK(s["trend"]["flag"] == "insufficient");
  CHECK(j["parameters"]["period"] == "quarter");

  const Run week = Trendscan({"analyze", corpus.path(), "--k", "3", "--period", "week", "-q"});
  REQUIRE(week.exit_code == 0);
  CHECK(Has(week.out, "Timeline by week, 2008-W03 to 2013-W42"));
  CHECK(Has(week.out, "sparse period(s) (fewer than 5 documents) are not used for trends"));
  CHECK(Has(week.out, "insufficient"));

  const Run few = Trendscan({"analyze", corpus.path(), "--k", "3", "--period", "quarter",
                             "--min-period-documents", "1", "--format", "json", "-q"});
  REQUIRE(few.exit_code == 0);
  CHECK(nlohmann::json::parse(few.out)["timeline"]["periods"][0]["sparse"] == false);
  CHECK(Trendscan({"analyze", corpus.path(), "--period", "decade"}).exit_code == 2);
  CHECK(Trendscan({"analyze", corpus.path(), "--min-period-documents", "0"}).exit_code == 2);
}

TEST_CASE("--by author: each theme's share per author and its signed chi-squared") {
  const TrendCorpus corpus;
  const Run r = Trendscan({"analyze", corpus.path(), "--k", "3", "--format", "json", "--by",
                           "author", "--by", "genre", "-q"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["crosstabs"].size() == 2);
  const nlohmann::json& c = j["crosstabs"][0];
  CHECK(c["variable"] == "author");
  CHECK(c["units"] == 62);
  CHECK(c["missing"] == 0);
  REQUIRE(c["values"].size() == 3);
  CHECK(c["values"][0]["value"] == "Alice");
  CHECK(c["values"][0]["units"] == 21);
  const int garden = ThemeOf(j, "a-");
  for (const auto& row : c["themes"]) {
    const double chi2_alice = row["cells"][0]["chi2"].get<double>();
    if (row["theme"] == garden) {
      CHECK(row["cells"][0]["share"].get<double>() == doctest::Approx(1.0));
      CHECK(row["cells"][0]["count"] == 21);
      // [[21, 0], [0, 41]]: chi2 = N = 62.
      CHECK(chi2_alice == doctest::Approx(62.0));
      CHECK(row["cells"][0]["p_value"].get<double>() < 1e-10);
    } else {
      CHECK(chi2_alice < 0);
    }
  }
  CHECK(j["crosstabs"][1]["values"].empty());
  CHECK(j["parameters"]["by"] == nlohmann::json::array({"author", "genre"}));
  bool warned = false;
  for (const auto& w : j["warnings"]) {
    warned |= Has(w.get<std::string>(),
                  "--by genre: no document has this variable (variables "
                  "found: author)");
  }
  CHECK(warned);

  const Run text = Trendscan({"analyze", corpus.path(), "--k", "3", "--by", "author", "-q"});
  REQUIRE(text.exit_code == 0);
  CHECK(Has(text.out, "Themes by author: 62 documents with a value, 0 without, 3 distinct"));
  CHECK(Has(text.out, "Alice (21): "));
  CHECK(Has(text.out, "T" + std::to_string(garden) + " 100% (+62.0)"));
}

TEST_CASE("--since/--until restrict the analysis to dated documents in range and count the rest") {
  const TrendCorpus corpus;
  const Run r = Trendscan({"analyze", corpus.path(), "--k", "3", "--format", "json", "--since",
                           "2010", "--until", "2011-12", "-q"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["corpus"]["documents"] == 20);
  const nlohmann::json& t = j["timeline"];
  CHECK(t["since"] == "2010");
  CHECK(t["until"] == "2011-12");
  CHECK(t["documents"]["excluded_outside_range"] == 40);
  CHECK(t["documents"]["excluded_undated"] == 2);
  CHECK(t["documents"]["undated"] == 0);
  REQUIRE(t["periods"].size() == 2);
  CHECK(t["periods"][0]["label"] == "2010");
  CHECK(t["periods"][1]["label"] == "2011");
  CHECK(j["parameters"]["since"] == "2010");
  for (const auto& d : j["documents"]) {
    const std::string date = d["date"].get<std::string>();
    CHECK((date.rfind("2010", 0) == 0 || date.rfind("2011", 0) == 0));
  }
  bool warned = false;
  for (const auto& w : j["warnings"])
    warned |= Has(w.get<std::string>(), "2 undated document(s) left out");
  CHECK(warned);

  const Run bad = Trendscan({"analyze", corpus.path(), "--since", "yesterday"});
  CHECK(bad.exit_code == 2);
  CHECK(Has(bad.err, "--since: 'yesterday' is not a date"));
  CHECK(Trendscan({"analyze", corpus.path(), "--since", "2012", "--until", "2011"}).exit_code == 2);
  const Run none = Trendscan({"analyze", corpus.path(), "--since", "2020"});
  CHECK(none.exit_code == 1);
  CHECK(Has(none.err, "no document is dated within --since 2020 (60 dated outside, 2 undated)"));
}

TEST_CASE("undated input: the report says there is no timeline, and why") {
  TempDir dir;
  const std::string body =
      "Le potager donne des tomates et des radis, le compost nourrit la serre du jardinier.\n";
  dir.Write("un.txt", body);
  dir.Write("deux.txt", "Le ministre et le député parlent du scrutin devant les électeurs.\n");
  dir.Write("trois.txt", body);
  const Run text = Trendscan(
      {"analyze", dir.path().string(), "--k", "2", "--min-df", "1", "--max-df", "1.0", "-q"});
  REQUIRE(text.exit_code == 0);
  CHECK(Has(text.out, "No timeline: none of the 3 documents has a date."));
  CHECK(Has(text.out, "front matter `date: YYYY-MM-DD`"));
  const Run json = Trendscan({"analyze", dir.path().string(), "--k", "2", "--min-df", "1",
                              "--max-df", "1.0", "--format", "json", "-q"});
  REQUIRE(json.exit_code == 0);
  const nlohmann::json t = nlohmann::json::parse(json.out)["timeline"];
  CHECK(t["available"] == false);
  CHECK(t["reason"] == "none of the 3 documents has a date");
  CHECK(t["documents"]["undated"] == 3);
  CHECK(t["periods"].empty());
  CHECK(t["series"].empty());

  // Only years, and a month timeline asked for: no timeline, for that reason.
  TempDir years;
  years.Write("a.md", "---\ndate: 2009\n---\n" + body);
  years.Write("b.md", "---\ndate: 2010\n---\n" + body);
  const Run monthly = Trendscan({"analyze", years.path().string(), "--k", "1", "--min-df", "1",
                                 "--max-df", "1.0", "--period", "month", "-q", "--width", "0"});
  REQUIRE(monthly.exit_code == 0);
  CHECK(Has(monthly.out,
            "No timeline: the 2 dated document(s) give only a year, too coarse for "
            "--period month."));
}

TEST_CASE("the timeline and --by are the same for any thread count") {
  const TrendCorpus corpus;
  auto json = [&](const char* threads) {
    const Run r = Trendscan({"analyze", corpus.path(), "--k", "3", "--format", "json", "--by",
                             "author", "--threads", threads, "-q"});
    REQUIRE(r.exit_code == 0);
    nlohmann::json j = nlohmann::json::parse(r.out);
    j.erase("timings");
    return j.dump();
  };
  const std::string one = json("1");
  CHECK(one == json("2"));
  CHECK(one == json("4"));
  CHECK(Has(one, "\"series\""));
}

}  // namespace
}  // namespace trendscan
