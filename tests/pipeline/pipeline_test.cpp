// Analyze(Corpus&&): texts are released once tokenised and passages quoted from the files again.
#include "trendscan/pipeline.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/report/render.hpp"

using namespace trendscan;
using trendscan::testing::TempDir;

namespace {

// Three themes, spread over Markdown files and the records of a JSONL file, with paragraphs.
void WriteCorpus(const TempDir& dir) {
  const char* gardens[] = {
      "Le jardin potager demande de la patience.\n\nLes tomates du jardin mûrissent au soleil.",
      "Arroser le potager le soir protège les semis du jardin et les tomates.",
      "Un jardin partagé réunit les voisins autour des semis, des tomates et du compost."};
  const char* votes[] = {
      "La démocratie participative invite les citoyens au vote.\n\nLe budget participatif "
      "donne aux citoyens une voix.",
      "Les citoyens votent le budget participatif de leur quartier lors d'une assemblée.",
      "Une assemblée de citoyens débat du vote et de la démocratie locale."};
  for (int i = 0; i < 3; ++i) {
    dir.Write("jardin/" + std::to_string(i) + ".md", gardens[i]);
    dir.Write("vote/" + std::to_string(i) + ".md", votes[i]);
  }
  dir.Write("blogs.jsonl",
            "{\"author\": \"lea\", \"text\": \"Mon blog personnel raconte ma vie, mes photos et "
            "mes vidéos en ligne.\"}\n"
            "{\"author\": \"sam\", \"title\": \"Journal\", \"text\": \"Le blog personnel publie "
            "des photos, des vidéos et un journal en ligne.\"}\n"
            "{\"text\": \"Chaque blog personnel montre des photos et des vidéos de la vie en "
            "ligne.\"}\n");
}

AnalyzeOptions Options() {
  AnalyzeOptions o;
  o.cluster.kmeans.k = 3;
  o.tfidf.min_df = 1;
  o.tfidf.max_df = 1.0;
  o.themes.min_term_frequency = 1;
  o.themes.passages = 100;     // every document of a theme is quoted
  o.units.min_unit_words = 0;  // the short test paragraphs are units too
  o.threads = 2;
  return o;
}

Corpus Load(const TempDir& dir) {
  Result<Corpus> corpus = LoadCorpus({dir.path().string()}, IngestOptions{}, nullptr);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

std::size_t CountPassages(const Report& r) {
  std::size_t n = 0;
  for (const Theme& t : r.themes) n += t.passages.size();
  return n;
}

}  // namespace

TEST_CASE("a corpus given away gives the same report, its texts freed, passages quoted again") {
  TempDir dir;
  WriteCorpus(dir);
  for (UnitKind unit : {UnitKind::kDocument, UnitKind::kParagraph}) {
    CAPTURE(UnitKindName(unit));
    AnalyzeOptions options = Options();
    options.units.kind = unit;
    const Corpus kept = Load(dir);
    Result<Report> reference = Analyze(kept, options);
    REQUIRE(reference.ok());
    Corpus given = Load(dir);
    for (const Document& d : given.documents) CHECK(d.rereadable);
    Result<Report> released = Analyze(std::move(given), options);
    REQUIRE(released.ok());
    // Every text was released, so the documents went too (their identities are in the report);
    // the corpus's counters stay.
    CHECK(given.documents.empty());
    CHECK(given.files_read == kept.files_read);
    CHECK(released->documents.size() == kept.documents.size());
    CHECK(CountPassages(*released) == kept.documents.size());
    CHECK(RenderJson(*released, false) == RenderJson(*reference, false));
    // The concordance too is found in the texts read again.
    std::size_t lines = 0;
    for (std::size_t t = 0; t < released->themes.size(); ++t) {
      const std::vector<ConcordanceLine>& a = released->themes[t].concordance;
      const std::vector<ConcordanceLine>& b = reference->themes[t].concordance;
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].begin == b[i].begin);
        CHECK(a[i].left + "[" + a[i].word + "]" + a[i].right ==
              b[i].left + "[" + b[i].word + "]" + b[i].right);
      }
      lines += a.size();
    }
    CHECK(lines > 0);
    // The JSONL records were quoted from the right lines.
    bool quoted_jsonl = false;
    for (const Theme& t : released->themes) {
      for (const Passage& p : t.passages) {
        const Document& doc = kept.documents[p.document];
        if (doc.source_path.str().find("blogs.jsonl") == std::string::npos) continue;
        quoted_jsonl = true;
        CHECK(p.text == doc.text);
      }
    }
    CHECK(quoted_jsonl);
  }
}

TEST_CASE("identities kept apart give the same report in every format") {
  TempDir dir;
  WriteCorpus(dir);
  for (UnitKind unit : {UnitKind::kDocument, UnitKind::kParagraph}) {
    CAPTURE(UnitKindName(unit));
    AnalyzeOptions options = Options();
    options.units.kind = unit;
    options.over_time.by = {"author"};
    Result<Report> reference = Analyze(Load(dir), options);
    REQUIRE(reference.ok());
    CHECK(reference->identities == nullptr);  // 9 documents: under the default
    options.identities_apart_from = 0;
    Result<Report> apart = Analyze(Load(dir), options);
    REQUIRE(apart.ok());
    REQUIRE(apart->identities != nullptr);
    REQUIRE(apart->documents.size() == reference->documents.size());
    for (std::size_t d = 0; d < apart->documents.size(); ++d) {
      CHECK(apart->documents[d].id.empty());
      CHECK(IdentityOf(*apart, d).id == reference->documents[d].id);
    }
    CHECK(RenderJson(*apart, false) == RenderJson(*reference, false));
    apart->timings.clear();  // the text and HTML reports show them
    reference->timings.clear();
    CHECK(RenderText(*apart) == RenderText(*reference));
    CHECK(RenderHtml(*apart) == RenderHtml(*reference));
    const std::vector<ReportTable> a = RenderTables(*apart);
    const std::vector<ReportTable> b = RenderTables(*reference);
    REQUIRE(a.size() == b.size());
    for (std::size_t t = 0; t < a.size(); ++t) CHECK(a[t].csv == b[t].csv);
  }
}

TEST_CASE("with unit texts asked for, every unit carries its text and nothing is released") {
  TempDir dir;
  WriteCorpus(dir);
  AnalyzeOptions options = Options();
  options.units.kind = UnitKind::kParagraph;
  options.themes.unit_texts = true;
  Corpus given = Load(dir);
  const Corpus kept = Load(dir);
  Result<Report> report = Analyze(std::move(given), options);
  REQUIRE(report.ok());
  // The texts are held, so the documents stay, with their texts only: the rest is in the report.
  REQUIRE(given.documents.size() == kept.documents.size());
  for (const Document& d : given.documents) {
    CHECK_FALSE(d.text.empty());
    CHECK(d.id.empty());
  }
  REQUIRE(!report->units.empty());
  REQUIRE(report->unit_texts.size() == report->units.size());
  for (std::size_t i = 0; i < report->units.size(); ++i) {
    const UnitEntry& u = report->units[i];
    const Document& doc = kept.documents[u.document];
    bool cut = false;
    const std::string expected =
        QuotePassage(std::string_view(doc.text).substr(u.begin - doc.text_offset, u.end - u.begin),
                     1 << 30, &cut);
    CHECK(report->unit_texts[i] == expected);
    CHECK_FALSE(report->unit_texts[i].empty());
  }
}

TEST_CASE("a file changed between reading and quoting loses its passage, with a warning") {
  TempDir dir;
  WriteCorpus(dir);
  Corpus corpus = Load(dir);
  const std::size_t documents = corpus.documents.size();
  dir.Write("vote/1.md", "Un tout autre texte, écrit pendant l'analyse.");
  // Any text released is checked against the file when quoted; run the analysis in a way that
  // quotes the changed file: every document of every theme is quoted.
  Result<Report> report = Analyze(std::move(corpus), Options());
  REQUIRE(report.ok());
  CHECK(CountPassages(*report) == documents - 1);
  bool warned = false;
  for (const std::string& w : report->warnings) {
    if (w.find("1 passage(s) not quoted") != std::string::npos &&
        w.find("vote/1.md") != std::string::npos) {
      warned = true;
    }
  }
  CHECK(warned);
  for (const Theme& t : report->themes) {
    for (const Passage& p : t.passages) CHECK_FALSE(p.text.empty());
  }
}

TEST_CASE("texts that cannot be read again (standard input, in-memory documents) are kept") {
  Corpus corpus;
  for (int i = 0; i < 4; ++i) {
    Document d;
    d.id = "memo-" + std::to_string(i);
    d.source_path = "-";
    d.text = i % 2 ? "Le jardin et ses tomates au soleil du potager."
                   : "Le vote des citoyens et le budget participatif.";
    corpus.documents.push_back(d);
  }
  AnalyzeOptions options = Options();
  options.cluster.kmeans.k = 2;
  Result<Report> report = Analyze(std::move(corpus), options);
  REQUIRE(report.ok());
  for (const Document& d : corpus.documents) CHECK_FALSE(d.text.empty());
  CHECK(CountPassages(*report) == 4);
}

TEST_CASE("RereadFile gives the documents of a file in order, as LoadCorpus read them") {
  TempDir dir;
  WriteCorpus(dir);
  const Corpus corpus = Load(dir);
  for (const Document& d : corpus.documents) {
    Result<std::vector<Document>> again = RereadFile(d.source_path, corpus.read_with);
    REQUIRE(again.ok());
    REQUIRE(d.record < again->size());
    CHECK((*again)[d.record].text == d.text);
    CHECK((*again)[d.record].id != "");
  }
  CHECK_FALSE(RereadFile((dir.path() / "missing.md").string(), IngestOptions{}).ok());
}

TEST_CASE("RereadTexts gives a file's texts as LoadCorpus read them, JSONL by its lines only") {
  TempDir dir;
  // Bad lines before and between (a record is not a line), CRLF endings, a Latin-1 file (the
  // offsets are in the decoded text), and a Markdown file (parsed whole).
  dir.Write("a.jsonl",
            "not json\r\n{\"text\": \"Premier billet du blog.\"}\r\n\r\n{\"title\": \"sans "
            "texte\"}\r\n{\"text\": \"Deuxième billet, avec des accents.\"}\r\n"
            "{\"text\": \"Troisième.\"}");
  dir.Write("latin1.jsonl",
            "{\"text\": \"Caf\xe9 cr\xe8me.\"}\n{\"text\": \"\xc9t\xe9 br\xfblant.\"}\n");
  dir.Write("b.md", "---\ntitle: B\n---\nUn texte en Markdown.");
  dir.Write("bom.jsonl",
            "\xEF\xBB\xBF{\"text\": \"Avec une marque.\"}\n{\"text\": \"Et une autre.\"}\n");
  const Corpus corpus = Load(dir);
  std::map<std::string, std::vector<const Document*>> by_file;
  for (const Document& d : corpus.documents) by_file[d.source_path].push_back(&d);
  REQUIRE(by_file.size() == 4);
  for (const auto& file : by_file) {
    const std::string& path = file.first;  // names, not bindings: CAPTURE's lambda takes them
    const std::vector<const Document*>& docs = file.second;
    CAPTURE(path);
    std::vector<DocumentPlace> places;
    std::vector<std::string> expected;
    for (auto it = docs.rbegin(); it != docs.rend(); ++it) {  // any order
      places.push_back({(*it)->record, (*it)->text_offset});
      expected.push_back((*it)->text);
    }
    // Without a check (the file decoded whole), then with one (the posts read in place first).
    std::size_t checked = 0;
    const TextCheck check = [&](std::size_t i, std::string_view text) {
      ++checked;
      return text == expected[i];
    };
    for (const bool with_check : {false, true}) {
      CAPTURE(with_check);
      Result<std::vector<std::optional<std::string>>> texts =
          RereadTexts(path, corpus.read_with, places, with_check ? check : TextCheck());
      REQUIRE(texts.ok());
      REQUIRE(texts->size() == docs.size());
      for (std::size_t i = 0; i < docs.size(); ++i) {
        REQUIRE((*texts)[i].has_value());
        CHECK(*(*texts)[i] == expected[i]);
      }
    }
    // Read in place: every post of the UTF-8 files was offered to the check; none of the
    // Latin-1 file's (not UTF-8 in place); the byte-order mark's first post only (the second
    // is three bytes further in the file than in the decoded text).
    const std::string name = std::filesystem::path(path).filename().string();
    if (name == "a.jsonl") CHECK(checked == 3);
    if (name == "latin1.jsonl") CHECK(checked == 0);
    if (name == "bom.jsonl") CHECK(checked <= 1);
    if (name == "b.md") CHECK(checked == 0);
  }
  // A check that refuses what is in place: the file is decoded whole, and its texts given.
  {
    const std::string a = (dir.path() / "a.jsonl").string();
    const Document& first = *by_file[a][0];
    Result<std::vector<std::optional<std::string>>> texts =
        RereadTexts(a, corpus.read_with, {{first.record, first.text_offset}},
                    [](std::size_t, std::string_view) { return false; });
    REQUIRE(texts.ok());
    REQUIRE((*texts)[0].has_value());
    CHECK(*(*texts)[0] == first.text);
  }
  CHECK(by_file[(dir.path() / "a.jsonl").string()].size() == 3);
  // Decoded (to UTF-8, whichever 8-bit charset the detector takes for so short a text).
  CHECK(by_file[(dir.path() / "latin1.jsonl").string()][1]->text.rfind("Été br", 0) == 0);
  // A CRLF file's posts start where their lines start (the second line after "not json\r\n").
  CHECK(by_file[(dir.path() / "a.jsonl").string()][0]->text_offset == 10);
  // A place that is no longer a post, or past the end, gives no text.
  const std::string a = (dir.path() / "a.jsonl").string();
  Result<std::vector<std::optional<std::string>>> gone =
      RereadTexts(a, corpus.read_with, {{0, 0}, {9, 100000}});
  REQUIRE(gone.ok());
  CHECK_FALSE((*gone)[0].has_value());
  CHECK_FALSE((*gone)[1].has_value());
  CHECK_FALSE(RereadTexts((dir.path() / "missing.jsonl").string(), IngestOptions{}, {{0, 0}}).ok());
}

TEST_CASE("a post changed between reading and quoting loses its passage, with a warning") {
  TempDir dir;
  WriteCorpus(dir);
  Corpus corpus = Load(dir);
  const std::size_t documents = corpus.documents.size();
  // The same length, other words: only the fingerprint tells.
  dir.Write("blogs.jsonl",
            "{\"author\": \"lea\", \"text\": \"Mon blog personnel raconte ma vie, mes photos et "
            "mes vidéos en ligne.\"}\n"
            "{\"author\": \"sam\", \"title\": \"Journal\", \"text\": \"Le blog personnel publie "
            "des photos, des vidéos et un journal en lignE.\"}\n"
            "{\"text\": \"Chaque blog personnel montre des photos et des vidéos de la vie en "
            "ligne.\"}\n");
  Result<Report> report = Analyze(std::move(corpus), Options());
  REQUIRE(report.ok());
  CHECK(CountPassages(*report) == documents - 1);
  bool warned = false;
  for (const std::string& w : report->warnings) {
    warned = warned || (w.find("1 passage(s) not quoted") != std::string::npos &&
                        w.find("blogs.jsonl#2") != std::string::npos);
  }
  CHECK(warned);
}

TEST_CASE("with --since, a given-away corpus quotes passages read with the same options") {
  TempDir dir;
  // A CSV whose text is in a column named "corps": reading it again needs --text-column too.
  std::string csv = "date,corps\n";
  const char* texts[] = {"Le jardin potager et ses tomates au soleil du jardin.",
                         "Les semis du potager, le compost et les tomates du jardin.",
                         "Le vote des citoyens et le budget participatif du quartier.",
                         "Une assemblée de citoyens vote le budget participatif.",
                         "Hors période : un jardin ancien."};
  for (int i = 0; i < 5; ++i) {
    csv += (i < 4 ? "2012-0" + std::to_string(i + 1) + "-10," : std::string("2001-01-01,")) + "\"" +
           texts[i] + "\"\n";
  }
  dir.Write("posts.csv", csv);
  IngestOptions ingest;
  ingest.text_column = "corps";
  Result<Corpus> corpus = LoadCorpus({dir.path().string()}, ingest, nullptr);
  REQUIRE(corpus.ok());
  REQUIRE(corpus->documents.size() == 5);
  AnalyzeOptions options = Options();
  options.cluster.kmeans.k = 2;
  options.over_time.timeline.since = "2010";
  Result<Report> report = Analyze(std::move(*corpus), options);
  REQUIRE(report.ok());
  CHECK(report->corpus.documents == 4);
  CHECK(report->corpus.files_read == 1);
  CHECK(CountPassages(*report) == 4);
  for (const Theme& t : report->themes) {
    for (const Passage& p : t.passages) {
      CHECK(p.text == texts[p.document]);
    }
  }
  for (const std::string& w : report->warnings) CHECK(w.find("not quoted") == std::string::npos);
}
