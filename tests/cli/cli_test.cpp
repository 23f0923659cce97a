// End-to-end tests: run the trendscan binary as a user would and check its output, files and
// exit codes.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/cli_test_util.hpp"
#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::Has;
using testing::ReadAll;
using testing::Run;
using testing::TempDir;
using testing::Trendscan;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

// The JSON report up to its timings, which are the only part allowed to differ between runs.
std::string WithoutTimings(const std::string& json) {
  return json.substr(0, json.find("\"timings\""));
}

TEST_CASE("analyze prints a readable report of the sample corpus") {
  const Run r = Trendscan({"analyze", kSample, "--k", "5"});
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, "45 documents"));
  for (const char* t : {"Theme 1 ·", "Theme 5 ·", "words: ", "central documents ("}) {
    CAPTURE(t);
    CHECK(Has(r.out, t));
  }
  // Surface forms, not stems, are shown.
  CHECK(Has(r.out, "participative"));
  CHECK_FALSE(Has(r.out, " particip,"));
  CHECK(r.err.empty());
}

TEST_CASE("the JSON report is complete and parses") {
  const Run r =
      Trendscan({"analyze", kSample, "--format", "json", "--labels", kSample + "/labels.tsv"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 4);
  CHECK(j["parameters"]["seed"] == 42);
  CHECK(j["parameters"]["k"] == 5);
  CHECK(j["parameters"]["lang"] == "fr");
  CHECK(j["corpus"]["documents"] == 45);
  CHECK(j["themes"].size() == 5);
  REQUIRE(j["documents"].size() == 45);
  std::size_t in_themes = 0;
  for (const auto& d : j["documents"]) {
    CHECK(d["path"].get<std::string>().find("corpora/sample-fr/") != std::string::npos);
    CHECK_FALSE(d["title"].get<std::string>().empty());
    CHECK(d["theme"].get<int>() >= 1);
    CHECK(d["similarity"].get<double>() > 0);
    in_themes += 1;
  }
  std::size_t sizes = 0;
  for (const auto& t : j["themes"]) sizes += t["size"].get<std::size_t>();
  CHECK(sizes == in_themes);
  for (const char* stage : {"read", "tokenize_stem", "vectorize", "cluster"}) {
    CAPTURE(stage);
    CHECK(j["timings"].contains(stage));
  }
  // The essays were written for four trends plus one off-theme subject; k = 5 must find them.
  CHECK(j["quality"]["labelled_documents"] == 45);
  CHECK(j["quality"]["nmi"].get<double>() >= 0.75);
}

TEST_CASE("the same input gives byte-identical JSON for any thread count") {
  const Run a = Trendscan({"analyze", kSample, "--format", "json", "--threads", "1"});
  const Run b = Trendscan({"analyze", kSample, "--format", "json", "--threads", "2"});
  const Run c = Trendscan({"analyze", kSample, "--format", "json", "--threads", "5"});
  REQUIRE(a.exit_code == 0);
  CHECK(WithoutTimings(a.out) == WithoutTimings(b.out));
  CHECK(WithoutTimings(a.out) == WithoutTimings(c.out));
  CHECK(WithoutTimings(a.out).size() > 1000);
}

TEST_CASE("-o writes the report atomically and leaves no temporary file") {
  TempDir dir;
  const auto out = dir.path() / "report.json";
  const Run r = Trendscan({"analyze", kSample, "--format", "json", "-o", out.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(ReadAll(out))["schema_version"] == 4);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
  // A failing run leaves an existing report untouched.
  const Run bad = Trendscan({"analyze", (dir.path() / "missing").string(), "-o", out.string()});
  CHECK(bad.exit_code == 1);
  CHECK(nlohmann::json::parse(ReadAll(out))["schema_version"] == 4);
}

TEST_CASE("an unwritable output path is an error naming it") {
  const Run r = Trendscan({"analyze", kSample, "-o", "/nonexistent-dir/report.txt"});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "/nonexistent-dir/report.txt"));
}

TEST_CASE("one document from standard input") {
  const Run r = Trendscan({"analyze", "-", "--k", "1", "--min-df", "1", "--max-df", "1.0"},
                          "Mon blog\nJ'écris sur mon blog des billets sur la démocratie locale.");
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, "1 documents"));
  CHECK(Has(r.out, "blog"));
}

TEST_CASE("bad input: one-line errors naming the path, non-zero exit codes") {
  TempDir dir;
  const std::string missing = (dir.path() / "no-such-folder").string();
  Run r = Trendscan({"analyze", missing});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "trendscan: error: '" + missing + "' does not exist"));

  std::filesystem::create_directories(dir.path() / "empty");
  r = Trendscan({"analyze", (dir.path() / "empty").string()});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "no .txt, .md, .markdown, .html, .htm, .jsonl, .ndjson, .csv files under"));

  dir.Write("blank/a.txt", "\n\n   \n");
  r = Trendscan({"analyze", (dir.path() / "blank").string()});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "no readable text under"));

  r = Trendscan({"analyze", kSample, "--k", "46", "--unit", "document"});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err,
            "--k 46 is larger than the 45 documents with words to cluster: use --k 45 or less"));

  for (const std::vector<std::string>& bad_option : {std::vector<std::string>{"--k", "five"},
                                                     {"--k", "0"},
                                                     {"--min-df", "-1"},
                                                     {"--lang", "de"},
                                                     {"--format", "xml"},
                                                     {"--threads", "-2"},
                                                     {"--no-such-option"},
                                                     {"--unit", "sentence"},
                                                     {"--segment-words", "0"},
                                                     {"--passages", "-1"}}) {
    std::vector<std::string> args = {"analyze", kSample};
    args.insert(args.end(), bad_option.begin(), bad_option.end());
    r = Trendscan(args);
    CAPTURE(bad_option[0]);
    CHECK(r.exit_code == 2);
    CHECK(Has(r.err, "trendscan: error:"));
    CHECK(r.out.empty());
  }

  r = Trendscan({"analyze", kSample, "--batch-mb", "-1"});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "--batch-mb: must be at least 0, got -1"));

  r = Trendscan({"analyze", kSample, "--stopwords", (dir.path() / "nope.txt").string()});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "nope.txt"));
}

TEST_CASE("an unreadable file is skipped with a warning naming it") {
  TempDir dir;
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
    dir.Write(name, "Le blog de la démocratie participative et des citoyens experts.");
  }
  std::filesystem::create_symlink(dir.path() / "gone.txt", dir.path() / "dangling.txt");
  const Run r =
      Trendscan({"analyze", dir.path().string(), "--k", "1", "--min-df", "1", "--max-df", "1"});
  CHECK(r.exit_code == 3);  // the report is written, but an input was skipped
  CHECK(Has(r.err, "trendscan: warning: skipping '"));
  CHECK(Has(r.err, "dangling.txt"));
  CHECK(Has(r.out, "3 documents"));
}

TEST_CASE("--help lists the options with their defaults; --version prints the version") {
  Run r = Trendscan({"analyze", "--help"});
  CHECK(r.exit_code == 0);
  for (const char* opt : {"--k", "--seed", "--lang", "--min-df", "--max-df", "--top-terms",
                          "--stopwords", "--no-stem", "--threads", "--format", "--output"}) {
    CAPTURE(opt);
    CHECK(Has(r.out, opt));
  }
  CHECK(Has(r.out, "(default 42)"));   // the default seed
  CHECK(Has(r.out, "(default 0.5)"));  // the default max-df
  r = Trendscan({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, std::string("trendscan ") + TRENDSCAN_VERSION));
  r = Trendscan({});
  CHECK(r.exit_code == 2);
}

TEST_CASE("options change the analysis: --no-stem, --stopwords, --top-terms, --lang") {
  TempDir dir;
  const auto stop = dir.Write("stop.txt", "# only one word\nblog\n");
  const Run r = Trendscan({"analyze", kSample, "--format", "json", "--no-stem", "--top-terms", "4",
                           "--stopwords", stop.string()});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["parameters"]["stem"] == false);
  CHECK(j["parameters"]["stopwords"] == stop.string());
  for (const auto& t : j["themes"]) {
    CHECK(t["top_terms"].size() <= 4);
    for (const auto& term : t["top_terms"]) {
      CHECK(term["word"] == term["term"]);  // no stemming: the term is the word
      CHECK(term["word"] != "blog");
    }
  }
  const Run en = Trendscan({"analyze", kSample, "--format", "json", "--lang", "en", "--k", "3"});
  REQUIRE(en.exit_code == 0);
  CHECK(nlohmann::json::parse(en.out)["parameters"]["stopwords"] == "built-in:en");
}

const std::string kMultiTheme = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/multi-theme";

// Collapses runs of white space to one space, as passages are quoted.
std::string Flat(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

TEST_CASE("an essay mixing two trends shows both, each in the right paragraph") {
  // Each essay's first paragraph is about one trend, its second about another.
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"a-blog-et-quartier.md", {"medias-personnels", "democratie-participative"}},
      {"b-wikipedia-et-sens.md", {"tous-experts", "quete-de-soi"}},
      {"c-petition-et-oiseaux.md", {"democratie-participative", "tous-experts"}},
      {"d-reconversion-et-videos.md", {"quete-de-soi", "medias-personnels"}}};
  const Run r = Trendscan({"analyze", kMultiTheme, "--unit", "paragraph", "--k", "4", "--min-df",
                           "1", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["unit"] == "paragraph");
  CHECK(j["corpus"]["units"] == 8);
  std::map<int, std::string> known_of_theme;
  for (const auto& t : j["themes"]) {
    REQUIRE_FALSE(t["known_theme"].is_null());
    CHECK(t["new"] == false);
    known_of_theme[t["id"].get<int>()] = t["known_theme"]["id"].get<std::string>();
    CHECK(t["label"] == t["known_theme"]["name"]);  // named from the match
  }
  // Every known theme is found once.
  std::set<std::string> found;
  for (const auto& [id, known] : known_of_theme) found.insert(known);
  CHECK(found.size() == 4);
  std::map<std::string, std::vector<std::string>> paragraphs;  // document id -> known theme
  for (const auto& u : j["units"]) {
    const auto& doc = j["documents"][u["document_index"].get<std::size_t>()];
    CHECK(u["document"] == doc["id"]);
    paragraphs[doc["id"].get<std::string>()].push_back(known_of_theme[u["theme"].get<int>()]);
    CHECK(u["known_theme"] == known_of_theme[u["theme"].get<int>()]);  // unit's own best match
  }
  for (const auto& entry : expected) {
    const std::string& id = entry.first;  // not a structured binding: CAPTURE takes it by reference
    CAPTURE(id);
    CHECK(paragraphs[id] == std::vector<std::string>{entry.second.first, entry.second.second});
  }
  for (const auto& d : j["documents"]) {
    const std::string id = d["id"];
    CAPTURE(id);
    REQUIRE(d["theme_mix"].size() == 2);
    CHECK(d["theme_mix"][0]["share"] == 0.5);
    // The two trends of the essay are its two best known-theme scores.
    std::vector<std::pair<double, std::string>> scores;
    for (const auto& [known, score] : d["known_scores"].items()) scores.push_back({score, known});
    std::sort(scores.rbegin(), scores.rend());
    const std::set<std::string> top = {scores[0].second, scores[1].second};
    CHECK(top == std::set<std::string>{expected.at(id).first, expected.at(id).second});
  }
  // The text report shows the mix per document.
  const Run text =
      Trendscan({"analyze", kMultiTheme, "--unit", "paragraph", "--k", "4", "--min-df", "1"});
  CHECK(Has(text.out, "theme mix"));
  CHECK(Has(text.out, "50%"));
}

TEST_CASE("each sample essay's dominant known theme is the trend it was written for") {
  const Run r =
      Trendscan({"analyze", kSample, "--format", "json", "--labels", kSample + "/labels.tsv"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  int right = 0;
  int on_theme = 0;
  int off_theme_unmatched = 0;
  for (const auto& d : j["documents"]) {
    if (d["label"] == "hors-theme") {
      off_theme_unmatched += d["known_theme"].is_null() ? 1 : 0;
      continue;
    }
    ++on_theme;
    right += d["known_theme"] == d["label"] ? 1 : 0;
  }
  CHECK(on_theme == 36);
  // Measured 36 of 36 and 9 of 9 (README); leave a little room for lexicon edits.
  CHECK(right >= 33);
  CHECK(off_theme_unmatched >= 8);
  // The off-theme cluster is flagged as new, the four others are matched, each once.
  int new_themes = 0;
  std::set<std::string> matched;
  for (const auto& t : j["themes"]) {
    if (t["new"] == true) {
      ++new_themes;
    } else {
      matched.insert(t["known_theme"]["id"].get<std::string>());
    }
  }
  CHECK(new_themes == 1);
  CHECK(matched.size() == 4);
}

TEST_CASE("chi-squared figures in the report match a hand computation") {
  // Theme of a.txt vs theme of b.txt, on occurrences (chat 3/0, chien 1/1, oiseau 0/2; 4 and 3
  // occurrences): chat a=3 b=0 c=1 d=3, chi2 = 7 (3*3 - 0*1)^2 / (3*4*4*3) = 567/144 = 3.9375.
  TempDir dir;
  dir.Write("a.txt", "chat chat chat chien");
  dir.Write("b.txt", "chien oiseau oiseau");
  const Run r = Trendscan({"analyze", dir.path().string(), "--k", "2", "--min-df", "1", "--max-df",
                           "1.0", "--min-term-frequency", "1", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const int theme_a = j["documents"][0]["theme"];
  const auto& t = j["themes"][static_cast<std::size_t>(theme_a - 1)];
  REQUIRE(t["characteristic_terms"].size() == 1);
  const auto& chat = t["characteristic_terms"][0];
  CHECK(chat["word"] == "chat");
  CHECK(chat["in_theme"] == 3);
  CHECK(chat["outside"] == 0);
  CHECK(chat["chi2"].get<double>() == doctest::Approx(3.9375));
  CHECK(chat["p_value"].get<double>() == doctest::Approx(std::erfc(std::sqrt(3.9375 / 2))));
  // oiseau: a=0 b=2 c=4 d=1, chi2 = -(7 * 64 / (2*5*4*3)) = -448/120.
  REQUIRE(t["anti_profile"].size() >= 1);
  CHECK(t["anti_profile"][0]["word"] == "oiseau");
  CHECK(t["anti_profile"][0]["chi2"].get<double>() == doctest::Approx(-448.0 / 120.0));
}

TEST_CASE("segments and passages point back to the bytes of the source file") {
  const Run r = Trendscan({"analyze", kSample, "--unit", "segment", "--segment-words", "30",
                           "--format", "json", "--passages", "2"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["parameters"]["unit"] == "segment");
  CHECK(j["parameters"]["segment_words"] == 30);
  CHECK(j["corpus"]["units"].get<std::size_t>() > 45 * 8);
  CHECK(j["units"].size() == j["corpus"]["units"]);
  std::size_t passages = 0;
  for (const auto& t : j["themes"]) {
    CHECK(t["passages"].size() <= 2);
    for (const auto& p : t["passages"]) {
      const auto& doc = j["documents"][p["document_index"].get<std::size_t>()];
      CHECK(p["document"] == doc["id"]);
      const std::string source = ReadAll(doc["path"].get<std::string>());
      const std::size_t begin = p["begin"];
      const std::size_t end = p["end"];
      REQUIRE(end <= source.size());
      CHECK(begin >= doc["text_offset"].get<std::size_t>());
      const std::string quoted = p["text"];
      CHECK(p["truncated"] == false);  // 30-word segments fit the quote length
      CHECK(Flat(source.substr(begin, end - begin)) == quoted);
      ++passages;
    }
  }
  CHECK(passages >= 8);
  for (const auto& d : j["documents"]) {
    double share = 0;
    for (const auto& m : d["theme_mix"]) share += m["share"].get<double>();
    CHECK(share == doctest::Approx(1.0));
    CHECK(d["units"].get<int>() >= 5);
  }
}

TEST_CASE("the text report shows profiles, anti-profiles, passages and known themes") {
  const Run r = Trendscan({"analyze", kSample});
  REQUIRE(r.exit_code == 0);
  for (const char* s :
       {"characteristic terms (occurrences in the theme / outside", "χ²", "anti-profile",
        "central documents (cosine to the theme; source, byte offsets, text)", "« ",
        "Known themes (built-in:fr", "Médias personnels", "Démocratie participative",
        "Tous experts", "Quête de soi", "new theme", "Documents: 45"}) {
    CAPTURE(s);
    CHECK(Has(r.out, s));
  }
}

TEST_CASE("--themes loads a researcher's lexicon; a bad one is an error naming file:line") {
  TempDir dir;
  const auto lexicon = dir.Write("mine.txt",
                                 "# my two themes\n[cuisine] Cuisine du marché\nconfiture, tomates "
                                 "soupe légumes marché recette potager\n"
                                 "[civique] Vie civique\ncitoyens élus vote démocratie\n");
  const Run r = Trendscan({"analyze", kSample, "--themes", lexicon.string(), "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["parameters"]["themes"] == lexicon.string());
  CHECK(j["known_themes"]["source"] == lexicon.string());
  REQUIRE(j["known_themes"]["themes"].size() == 2);
  bool cooking = false;
  for (const auto& t : j["themes"]) cooking = cooking || t["label"] == "Cuisine du marché";
  CHECK(cooking);
  for (const auto& d : j["documents"]) CHECK(d["known_scores"].size() == 2);

  const auto bad = dir.Write("bad.txt", "[ok] Ok\nmot\n[pas bon] X\nmot\n");
  const Run e = Trendscan({"analyze", kSample, "--themes", bad.string()});
  CHECK(e.exit_code == 2);
  CHECK(Has(e.err, "bad.txt:3:"));
  const Run missing = Trendscan({"analyze", kSample, "--themes", (dir.path() / "no.txt").string()});
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err, "no.txt"));
}

TEST_CASE("paragraph and segment reports are byte-identical for any thread count") {
  for (const char* unit : {"paragraph", "segment"}) {
    CAPTURE(unit);
    const Run a =
        Trendscan({"analyze", kSample, "--format", "json", "--unit", unit, "--threads", "1"});
    const Run b =
        Trendscan({"analyze", kSample, "--format", "json", "--unit", unit, "--threads", "3"});
    REQUIRE(a.exit_code == 0);
    CHECK(WithoutTimings(a.out) == WithoutTimings(b.out));
  }
}

}  // namespace
}  // namespace trendscan

namespace trendscan {
namespace {

TEST_CASE("--algorithm bisecting reports a tree whose leaves are the themes") {
  const Run r = Trendscan({"analyze", kSample, "--algorithm", "bisecting", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["clustering"]["algorithm"] == "bisecting-spherical-kmeans");
  CHECK(j["parameters"]["algorithm"] == "bisecting");
  REQUIRE(j["tree"].size() == 9);  // 5 leaves, 4 splits
  CHECK(j["tree"][0]["parent"].is_null());
  CHECK(j["tree"][0]["size"] == 45);
  std::set<int> leaf_themes;
  for (const auto& node : j["tree"]) {
    if (node["children"].empty()) leaf_themes.insert(node["theme"].get<int>());
    CHECK_FALSE(node["label"].get<std::string>().empty());
  }
  CHECK(leaf_themes == std::set<int>{1, 2, 3, 4, 5});
  const Run text = Trendscan({"analyze", kSample, "--algorithm", "bisecting"});
  CHECK(Has(text.out, "Theme tree"));
  CHECK(Has(text.out, "└─ "));
}

TEST_CASE("--k auto tries every k in range and reports each one's stability and silhouette") {
  const Run r = Trendscan(
      {"analyze", kSample, "--k", "auto", "--k-min", "3", "--k-max", "7", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["parameters"]["k"] == "auto");
  CHECK(j["clustering"]["k_criterion"] == "stability");
  REQUIRE(j["k_selection"].size() == 5);
  // The chosen k has the largest stability above chance.
  double best = -2;
  int best_k = 0;
  for (const auto& c : j["k_selection"]) {
    const double excess = c["stability"].get<double>() - c["chance_stability"].get<double>();
    CHECK(c["stability"].get<double>() >= c["min_stability"].get<double>());
    if (excess > best) {
      best = excess;
      best_k = c["k"].get<int>();
    }
  }
  CHECK(j["clustering"]["k"] == best_k);
  CHECK(j["themes"].size() == static_cast<std::size_t>(best_k));
  const Run text = Trendscan({"analyze", kSample, "--k", "auto", "--k-max", "4"});
  CHECK(Has(text.out, "k chosen by stability"));
  const Run silhouette = Trendscan({"analyze", kSample, "--k", "auto", "--k-min", "3", "--k-max",
                                    "7", "--k-criterion", "silhouette", "--format", "json"});
  const nlohmann::json s = nlohmann::json::parse(silhouette.out);
  CHECK(s["clustering"]["k_criterion"] == "cosine-silhouette");
  best = -2;
  for (const auto& c : s["k_selection"]) {
    if (c["silhouette"].get<double>() > best) {
      best = c["silhouette"].get<double>();
      best_k = c["k"].get<int>();
    }
  }
  CHECK(s["clustering"]["k"] == best_k);
  CHECK(Trendscan({"analyze", kSample, "--k", "auto", "--k-min", "1"}).exit_code == 2);
}

TEST_CASE("bench runs on a small synthetic corpus and reports stages, memory and quality") {
  const Run r =
      Trendscan({"bench", "--docs", "400", "--topics", "4", "--rounds", "3", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["corpus"]["documents"] == 400);
  CHECK(j["parameters"]["k"] == 4);
  for (const char* stage : {"tokenize+stem", "vectorize", "cluster"}) {
    CAPTURE(stage);
    CHECK(j["seconds"][stage].get<double>() >= 0);
  }
  CHECK(j["peak_memory"]["bytes"].get<double>() > 0);
  CHECK(j["rounds"]["rounds"] == 4);  // 3 fixed rounds plus the final assignment
  CHECK(j["quality"]["nmi"].get<double>() > 0.9);
  // The JSON report is rendered as analyze streams it: timed and sized.
  CHECK(j["seconds"]["json report"].get<double>() > 0);
  CHECK(j["json_report_megabytes"].get<double>() > 0.05);  // 400 documents, ~150 bytes each
  CHECK(j["parameters"]["ranks"] == 1);
  const Run text = Trendscan({"bench", "--docs", "200", "--topics", "2", "--rounds", "0"});
  REQUIRE(text.exit_code == 0);
  CHECK(Has(text.out, "peak memory"));
  CHECK(Has(text.out, "json report"));
  CHECK(Has(text.out, "NMI"));
}

TEST_CASE("bench makes short posts when asked for fewer than 30 words") {
  const Run r = Trendscan({"bench", "--docs", "300", "--topics", "3", "--words", "12", "--rounds",
                           "0", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const double per_post = j["corpus"]["tokens"].get<double>() / 300.0;
  CAPTURE(per_post);
  CHECK(per_post > 8);
  CHECK(per_post < 20);  // the old floor made every document at least 30 words
}

TEST_CASE("bench reads a labelled folder and can export its matrix") {
  TempDir dir;
  for (int i = 0; i < 6; ++i) {
    dir.Write("blogs/b" + std::to_string(i) + ".txt",
              "Mon blog, mes billets, mes lecteurs et leurs commentaires.");
    dir.Write("votes/v" + std::to_string(i) + ".txt",
              "Le vote des citoyens, la consultation et le budget participatif.");
  }
  const auto mtx = dir.path() / "m.mtx";
  const Run r = Trendscan({"bench", dir.path().string(), "--format", "json", "--rounds", "2",
                           "--min-df", "1", "--max-df", "1.0", "--export-matrix", mtx.string()});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["parameters"]["k"] == 2);  // two label folders
  CHECK(j["quality"]["nmi"] == 1.0);
  const std::string m = ReadAll(mtx);
  CHECK(m.rfind("%%MatrixMarket matrix coordinate real general\n12 ", 0) == 0);
}

}  // namespace
}  // namespace trendscan

namespace trendscan {
namespace {

const std::string kIngest = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/ingest";

// Files in `dir` whose name looks like a temporary report ("<name>.tmp.XXXXXX").
std::size_t TemporaryFiles(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    n += e.path().filename().string().find(".tmp.") != std::string::npos;
  }
  return n;
}

TEST_CASE("mixed real-world input: exit 3, every skipped input named, counts in the report") {
  const Run r = Trendscan(
      {"analyze", kIngest, "--k", "2", "--min-df", "1", "--max-df", "1.0", "--format", "json"});
  CHECK(r.exit_code == 3);
  for (const char* skipped :
       {"blank.md", "empty.txt", "image.txt", "nul.txt", "no-column.csv", "essays-semicolon.csv",
        "posts.jsonl' line 2", "essays.csv' line 5", "corpus-iramuteq.txt' lines 1-2"}) {
    CAPTURE(skipped);
    CHECK(Has(r.err, skipped));
  }
  // The summary is the last line on stderr.
  CHECK(Has(r.err,
            "trendscan: read 16 document(s) from 11 input(s); skipped 6 input(s) and 7 "
            "line(s)/record(s) inside inputs (each named above)\n"));
  CHECK(r.err.substr(r.err.rfind("trendscan:")).rfind("trendscan: read 16", 0) == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["corpus"]["documents"] == 16);
  CHECK(j["corpus"]["files_read"] == 11);
  CHECK(j["corpus"]["files_skipped"] == 6);
  CHECK(j["corpus"]["records_skipped"] == 7);
  bool named = false;
  for (const auto& w : j["warnings"]) named = named || Has(w.get<std::string>(), "nul.txt");
  CHECK(named);
  // Metadata and dates travel into the report.
  bool found = false;
  for (const auto& d : j["documents"]) {
    if (d["id"] != "corpus-iramuteq.txt#1") continue;
    found = true;
    CHECK(d["date"] == "2009");
    CHECK(d["metadata"]["auteur"] == "claire");
    CHECK(d["metadata"]["thematics"] == "politique");
  }
  CHECK(found);

  const Run quiet = Trendscan({"analyze", kIngest, "--k", "2", "--min-df", "1", "--quiet"});
  CHECK(quiet.exit_code == 3);
  CHECK(quiet.err.empty());
  CHECK(Has(quiet.out, "Input: 11 file(s) read, 6 skipped; 7 line(s)/record(s) skipped"));
}

TEST_CASE("a clean run exits 0; a converted encoding warns but is not a skip") {
  TempDir dir;
  std::filesystem::copy(kIngest + "/latin1.txt", dir.path() / "latin1.txt");
  std::filesystem::copy(kIngest + "/front.md", dir.path() / "front.md");
  const Run r =
      Trendscan({"analyze", dir.path().string(), "--k", "1", "--min-df", "1", "--max-df", "1.0"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "latin1.txt' is not UTF-8: read as ISO-8859-1"));
  CHECK(Has(r.err, "skipped 0 input(s) and 0"));
  CHECK(Has(r.out, "2 documents"));
}

TEST_CASE("--text-column picks the CSV column; --max-file-mb skips big files") {
  Run r = Trendscan({"analyze", kIngest + "/essays-semicolon.csv", "--text-column", "texte", "--k",
                     "1", "--min-df", "1", "--max-df", "1.0", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["corpus"]["documents"] == 2);

  TempDir dir;
  dir.Write("small.txt", "Un petit texte sur la démocratie.");
  dir.Write("big.txt", std::string((1 << 20) + 10, 'a'));
  r = Trendscan({"analyze", dir.path().string(), "--max-file-mb", "1", "--k", "1", "--min-df", "1",
                 "--max-df", "1.0"});
  CHECK(r.exit_code == 3);
  CHECK(Has(r.err, "big.txt': 1.0 MB, over the 1.0 MB limit (raise --max-file-mb to read it)"));
  r = Trendscan({"analyze", dir.path().string(), "--max-file-mb", "0"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("no report, and no temporary file, when a run fails after reading or cannot rename") {
  TempDir dir;
  const auto out = dir.path() / "report.json";
  // Fails after reading (k too large): nothing written.
  Run r = Trendscan({"analyze", kIngest, "--k", "500", "-o", out.string()});
  CHECK(r.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(TemporaryFiles(dir.path()) == 0);
  // The target is a folder: the temporary file is written, the rename fails, it is removed.
  std::filesystem::create_directories(dir.path() / "taken");
  r = Trendscan({"analyze", kSample, "-o", (dir.path() / "taken").string()});
  CHECK(r.exit_code == 1);
  CHECK(Has(r.err, "taken"));
  CHECK(TemporaryFiles(dir.path()) == 0);
  CHECK(std::filesystem::is_directory(dir.path() / "taken"));
}

}  // namespace
}  // namespace trendscan
