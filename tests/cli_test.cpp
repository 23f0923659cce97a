// End-to-end tests: run the trendscan binary as a user would and check its output, files and
// exit codes.
#include <sys/wait.h>

#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace trendscan {
namespace {

using testing::ReadAll;
using testing::TempDir;

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `trendscan args...` with stdin from `input` (empty: /dev/null).
Run Trendscan(const std::vector<std::string>& args, const std::string& input = "") {
  TempDir io;
  std::string cmd = Quote(TRENDSCAN_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  const auto in = input.empty() ? std::filesystem::path("/dev/null") : io.Write("stdin", input);
  cmd += " <" + Quote(in.string()) + " >" + Quote((io.path() / "out").string()) + " 2>" +
         Quote((io.path() / "err").string());
  const int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(io.path() / "out");
  r.err = ReadAll(io.path() / "err");
  return r;
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The JSON report up to its timings, which are the only part allowed to differ between runs.
std::string WithoutTimings(const std::string& json) { return json.substr(0, json.find("\"timings\"")); }

TEST_CASE("analyze prints a readable report of the sample corpus") {
  const Run r = Trendscan({"analyze", kSample, "--k", "5"});
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, "45 documents"));
  for (const char* t : {"Theme 1 ·", "Theme 5 ·", "words: ", "central documents:"}) {
    CAPTURE(t);
    CHECK(Has(r.out, t));
  }
  // Surface forms, not stems, are shown.
  CHECK(Has(r.out, "participative"));
  CHECK_FALSE(Has(r.out, " particip,"));
  CHECK(r.err.empty());
}

TEST_CASE("the JSON report is complete and parses") {
  const Run r = Trendscan({"analyze", kSample, "--format", "json", "--labels",
                           kSample + "/labels.tsv"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 1);
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
  for (const char* stage : {"read", "tokenize+stem", "vectorize", "cluster"}) {
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
  CHECK(nlohmann::json::parse(ReadAll(out))["schema_version"] == 1);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
  // A failing run leaves an existing report untouched.
  const Run bad = Trendscan({"analyze", (dir.path() / "missing").string(), "-o", out.string()});
  CHECK(bad.exit_code == 1);
  CHECK(nlohmann::json::parse(ReadAll(out))["schema_version"] == 1);
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

  r = Trendscan({"analyze", kSample, "--k", "46"});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "--k 46 is larger than the number of documents (45)"));

  for (const std::vector<std::string>& bad_option :
       {std::vector<std::string>{"--k", "five"}, {"--k", "0"}, {"--min-df", "-1"},
        {"--lang", "de"}, {"--format", "xml"}, {"--threads", "-2"}, {"--no-such-option"}}) {
    std::vector<std::string> args = {"analyze", kSample};
    args.insert(args.end(), bad_option.begin(), bad_option.end());
    r = Trendscan(args);
    CAPTURE(bad_option[0]);
    CHECK(r.exit_code == 2);
    CHECK(Has(r.err, "trendscan: error:"));
    CHECK(r.out.empty());
  }

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
  const Run r = Trendscan({"analyze", dir.path().string(), "--k", "1", "--min-df", "1", "--max-df", "1"});
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
  CHECK(Has(r.out, "=42"));   // the default seed
  CHECK(Has(r.out, "=0.5"));  // the default max-df
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
  const Run r = Trendscan({"analyze", kIngest, "--k", "2", "--min-df", "1", "--max-df", "1.0",
                           "--format", "json"});
  CHECK(r.exit_code == 3);
  for (const char* skipped : {"blank.md", "empty.txt", "image.txt", "nul.txt", "no-column.csv",
                              "essays-semicolon.csv", "posts.jsonl' line 2", "essays.csv' line 5",
                              "corpus-iramuteq.txt' lines 1-2"}) {
    CAPTURE(skipped);
    CHECK(Has(r.err, skipped));
  }
  // The summary is the last line on stderr.
  CHECK(Has(r.err, "trendscan: read 16 document(s) from 11 input(s); skipped 6 input(s) and 7 "
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
  const Run r = Trendscan({"analyze", dir.path().string(), "--k", "1", "--min-df", "1", "--max-df", "1.0"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "latin1.txt' is not UTF-8: read as ISO-8859-1"));
  CHECK(Has(r.err, "skipped 0 input(s) and 0"));
  CHECK(Has(r.out, "2 documents"));
}

TEST_CASE("--text-column picks the CSV column; --max-file-mb skips big files") {
  Run r = Trendscan({"analyze", kIngest + "/essays-semicolon.csv", "--text-column", "texte",
                     "--k", "1", "--min-df", "1", "--max-df", "1.0", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["corpus"]["documents"] == 2);

  TempDir dir;
  dir.Write("small.txt", "Un petit texte sur la démocratie.");
  dir.Write("big.txt", std::string((1 << 20) + 10, 'a'));
  r = Trendscan({"analyze", dir.path().string(), "--max-file-mb", "1", "--k", "1", "--min-df", "1",
                 "--max-df", "1.0"});
  CHECK(r.exit_code == 3);
  CHECK(Has(r.err, "big.txt' is 1.0 MB, over the 1.0 MB limit (--max-file-mb)"));
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
