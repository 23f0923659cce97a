// Guided themes, honest names and small corpora, on the corpora committed in corpora/ (their
// labels are the known answers): what a researcher gets with default options.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "test_util.hpp"
#include "trendscan/pipeline.hpp"

namespace trendscan {
namespace {

const std::string kCorpora = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/";

Corpus Load(const std::vector<std::string>& paths) {
  Result<Corpus> corpus = LoadCorpus(paths, IngestOptions{}, nullptr, 2);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

AnalyzeOptions WithLabels(const std::string& corpus) {
  AnalyzeOptions o;
  o.threads = 2;
  const std::string text = testing::ReadAll(kCorpora + corpus + "/labels.tsv");
  o.quality.labels = std::move(ParseLabels(text, "labels.tsv")).value();
  return o;
}

Report Run(const Corpus& corpus, const AnalyzeOptions& options) {
  Result<Report> r = Analyze(corpus, options);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

std::string KnownId(const Report& r, int index) {
  return index < 0 ? "" : r.known_themes[static_cast<std::size_t>(index)].id;
}

TEST_CASE("guided themes find the four trends of the sample corpus, for every seed") {
  const Corpus corpus = Load({kCorpora + "sample-fr"});
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    CAPTURE(seed);
    AnalyzeOptions guided = WithLabels("sample-fr");
    guided.cluster.kmeans.seed = seed;
    AnalyzeOptions free = guided;
    free.themes.known.guide = false;
    const Report g = Run(corpus, guided);
    const Report f = Run(corpus, free);
    CHECK(g.clustering.guided);
    CHECK(g.clustering.seeded == 4);
    CHECK_FALSE(f.clustering.guided);
    REQUIRE(g.quality);
    CHECK(g.quality->nmi >= 0.95);
    CHECK(g.quality->nmi >= f.quality->nmi);
    // Each trend names exactly one theme, and that theme's documents carry its label.
    std::set<std::string> names;
    for (const Theme& t : g.themes) {
      if (t.known.is_new) continue;
      const std::string id = KnownId(g, t.known.known_theme);
      CHECK(names.insert(id).second);
      CHECK(t.known.split_of == 0);
      for (const DocumentEntry& d : g.documents) {
        if (d.theme == t.id) CHECK(d.label == id);
      }
    }
    CHECK(names.size() == 4);
  }
}

TEST_CASE("the essays we keep: every title and date read, best known themes, guided NMI") {
  const Corpus corpus = Load({kCorpora + "essais-fr"});
  for (const Document& d : corpus.documents) {
    CAPTURE(d.id);
    CHECK(d.date.size() == 10);
    CHECK(d.title.view().rfind("Date", 0) == std::string::npos);
    CHECK(d.text.rfind("Date:", 0) == std::string::npos);
  }
  const Report r = Run(corpus, WithLabels("essais-fr"));
  REQUIRE(r.quality);
  CHECK(r.quality->nmi >= 0.85);
  std::size_t right = 0, on_theme = 0, off_none = 0, off_theme = 0;
  for (const DocumentEntry& d : r.documents) {
    if (d.label == "hors-theme") {
      ++off_theme;
      off_none += d.known_theme < 0;
    } else {
      ++on_theme;
      right += KnownId(r, d.known_theme) == d.label;
    }
  }
  CHECK(on_theme == 24);
  CHECK(right >= 22);
  CHECK(off_theme == 6);
  CHECK(off_none >= 5);
}

TEST_CASE("one essay: its paragraphs are the units, each trend paragraph in its own trend") {
  const Corpus corpus = Load({kCorpora + "billet-2009/billet.txt"});
  REQUIRE(corpus.documents.size() == 1);
  CHECK(corpus.documents[0].date == "2009-12-07");
  const Report r = Run(corpus, AnalyzeOptions{});
  CHECK(r.unit == "paragraph");
  CHECK(r.themes_found_on == "unit");
  REQUIRE(!r.notes.empty());
  CHECK(r.notes[0].find("one document") != std::string::npos);
  // The header block (title, date, byline) is not a unit: the body starts at the introduction.
  // Paragraphs 4 to 7 of the body are the four bullets, in the lexicon's order of trends.
  const char* trends[] = {"medias-personnels", "democratie-participative", "tous-experts",
                          "quete-de-soi"};
  std::set<int> themes;
  for (int i = 0; i < 4; ++i) {
    const UnitEntry& u = r.units[static_cast<std::size_t>(3 + i)];
    CAPTURE(i);
    REQUIRE(u.theme > 0);
    const Theme& t = r.themes[static_cast<std::size_t>(u.theme - 1)];
    CHECK_FALSE(t.known.is_new);
    CHECK(KnownId(r, t.known.known_theme) == trends[i]);
    CHECK(KnownId(r, u.known_theme) == trends[i]);
    themes.insert(u.theme);
  }
  CHECK(themes.size() == 4);
  // Boilerplate (tags, "Commentaires (3)", "Nouveau commentaire", the share line) is in no theme.
  for (std::size_t u = r.units.size() - 4; u < r.units.size(); ++u) {
    CHECK(r.units[u].too_short);
    CHECK(r.units[u].theme == 0);
  }
}

TEST_CASE("small corpora with default options: 1, 2, 4 and 10 documents") {
  testing::TempDir dir;
  const char* texts[] = {
      "Mon blog reçoit chaque jour des commentaires de lecteurs fidèles, et mes photos de "
      "voyage sont partagées sur Facebook et Instagram par des abonnés que je ne connais pas.",
      "Le conseil de quartier a voté le budget participatif : les citoyens ont débattu en "
      "assemblée, puis la mairie a promis de tenir compte de la consultation des habitants.",
      "Sur le forum, des amateurs passionnés corrigent Wikipédia et publient des tutoriels de "
      "bricolage ; leurs avis valent souvent ceux des professionnels et des experts.",
      "Après un burn-out, elle a choisi la reconversion : méditation, yoga et un métier qui a "
      "du sens, pour l'épanouissement et l'accomplissement qu'elle cherchait depuis longtemps."};
  for (int i = 0; i < 10; ++i) {
    dir.Write("c/" + std::to_string(i) + ".txt", texts[i % 4]);
  }
  for (std::size_t n : {1u, 2u, 4u, 10u}) {
    CAPTURE(n);
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < n; ++i)
      paths.push_back((dir.path() / "c" / (std::to_string(i) + ".txt")).string());
    const Corpus corpus = Load(paths);
    Result<Report> r = Analyze(corpus, AnalyzeOptions{});
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    CHECK(r->themes.size() <= std::max<std::size_t>(1, n));
    CHECK(!r->themes.empty());
    // Each document is about its trend, whatever the corpus size: the rule does not depend on it.
    for (std::size_t d = 0; d < n; ++d)
      CHECK(r->documents[d].known_theme == static_cast<int>(d % 4));
    if (n >= 4) {
      // One theme per trend, each named after it.
      std::set<int> named;
      for (const Theme& t : r->themes) {
        if (!t.known.is_new) named.insert(t.known.known_theme);
      }
      CHECK(named.size() == 4);
    }
  }
  // A k asked for that the documents cannot give is refused with what to do.
  AnalyzeOptions asked;
  asked.cluster.kmeans.k = 7;
  asked.cluster.lower_k = false;
  const Corpus four = Load({(dir.path() / "c/0.txt").string(), (dir.path() / "c/1.txt").string(),
                            (dir.path() / "c/2.txt").string(), (dir.path() / "c/3.txt").string()});
  Result<Report> refused = Analyze(four, asked);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("use --k 4 or less") != std::string::npos);
}

TEST_CASE("news that only mentions the trends: no guidance, no trend name, same as free") {
  const Corpus corpus = Load({kCorpora + "actu-fr"});
  AnalyzeOptions guided = WithLabels("actu-fr");
  AnalyzeOptions free = guided;
  free.themes.known.guide = false;
  const Report g = Run(corpus, guided);
  const Report f = Run(corpus, free);
  CHECK_FALSE(g.clustering.guided);
  for (const Theme& t : g.themes) CHECK(t.known.is_new);
  REQUIRE(g.quality);
  CHECK(g.quality->nmi == doctest::Approx(f.quality->nmi));
}

}  // namespace
}  // namespace trendscan
