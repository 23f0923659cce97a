// How many themes and how sure: the documents decide (not their order), --k auto by stability,
// unclassified documents.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "trendscan/pipeline.hpp"

namespace trendscan {
namespace {

const std::string kSample = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr";

std::vector<std::string> SampleFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(kSample)) {
    if (e.path().extension() == ".md") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Report Run(const std::vector<std::string>& paths, const AnalyzeOptions& options) {
  Result<Corpus> corpus = LoadCorpus(paths, IngestOptions{}, nullptr, 2);
  REQUIRE(corpus.ok());
  Result<Report> r = Analyze(*corpus, options);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

// Each document's theme, by id, with the theme named by its label and size (theme ids are
// numbered by size, so they are comparable too).
std::map<std::string, std::string> ThemeOf(const Report& r) {
  std::map<std::string, std::string> out;
  for (const DocumentEntry& d : r.documents) {
    const Theme& t = r.themes[static_cast<std::size_t>(d.theme - 1)];
    out[d.id.str()] = std::to_string(t.id) + " " + t.label + " " + std::to_string(t.size);
  }
  return out;
}

TEST_CASE("the same documents in any order give the same themes, listed in the order given") {
  std::vector<std::string> files = SampleFiles();
  REQUIRE(files.size() == 45);
  for (bool guided : {true, false}) {
    CAPTURE(guided);
    AnalyzeOptions o;
    o.threads = 2;
    o.themes.known.guide = guided;
    const Report sorted = Run(files, o);
    std::vector<std::string> reversed(files.rbegin(), files.rend());
    std::vector<std::string> mixed = files;
    std::rotate(mixed.begin(), mixed.begin() + 17, mixed.end());
    std::swap(mixed[3], mixed[40]);
    for (const auto& order : {reversed, mixed}) {
      const Report r = Run(order, o);
      CHECK(ThemeOf(r) == ThemeOf(sorted));
      CHECK(r.documents.front().id == order.front());  // the report keeps the order given
      for (std::size_t t = 0; t < r.themes.size(); ++t) {
        CHECK(r.themes[t].stability == sorted.themes[t].stability);
      }
    }
  }
}

TEST_CASE("per-theme stability is in the report, and --k auto picks by it") {
  AnalyzeOptions o;
  o.threads = 2;
  const Report fixed = Run({kSample}, o);
  CHECK(fixed.clustering.stability_resamples == 20);
  for (const Theme& t : fixed.themes) {
    CHECK(t.stability >= 0);
    CHECK(t.stability <= 1);
    CHECK(t.stable == (t.stability >= fixed.clustering.stable_from));
  }
  o.cluster.stability.resamples = 0;
  for (const Theme& t : Run({kSample}, o).themes) CHECK(t.stability == -1);
  AnalyzeOptions autok;
  autok.threads = 2;
  autok.cluster.k_selection.automatic = true;
  const Report a = Run({kSample}, autok);
  REQUIRE(a.k_selection.size() == 9);
  CHECK(a.clustering.k == 5);  // the sample's five themes (measured; see BENCHMARKS.md)
}

TEST_CASE("unclassified is an answer: poorly fitting documents leave every theme, counted") {
  AnalyzeOptions o;
  o.threads = 2;
  o.themes.known.guide = false;
  o.themes.unclassified_below = 0.95;  // strict, so that some document falls below
  const Report r = Run({kSample}, o);
  REQUIRE(r.corpus.unclassified_documents > 0);
  std::size_t unclassified = 0;
  // Every document is one unit: each mix is read from its unit, none stored.
  CHECK(r.theme_mix_of_units);
  CHECK(r.theme_mix.empty());
  for (std::size_t i = 0; i < r.documents.size(); ++i) {
    const DocumentEntry& d = r.documents[i];
    const ThemeMix mix = ThemeMixOf(r, i);
    if (!d.unclassified && d.theme > 0) {
      // The others keep their mix: their own theme, whole.
      REQUIRE(mix.size() == 1);
      CHECK(mix[0].theme == d.theme);
      CHECK(mix[0].units == 1);
      CHECK(mix[0].share == 1.0);
      continue;
    }
    CHECK(d.theme == 0);
    CHECK(mix.empty());
    unclassified += d.unclassified;
  }
  CHECK(unclassified == r.corpus.unclassified_documents);
  std::size_t in_themes = 0;
  for (const Theme& t : r.themes) in_themes += t.documents;
  CHECK(in_themes + unclassified == r.documents.size());
}

}  // namespace
}  // namespace trendscan
