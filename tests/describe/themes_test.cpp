// The theme description stage on a corpus small enough to check by hand: six documents about
// two trends, one of them cut into two paragraphs, clustered by hand.
#include "trendscan/describe/themes.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace trendscan {
namespace {

struct Fixture {
  Corpus corpus;
  std::vector<Unit> units;
  TermCounts counts;
  TfidfMatrix tfidf;
  std::vector<Eigen::Index> rows;
  Clustering clustering;
  LexiconIndex lexicon;

  // The media documents go to cluster 0 (3 units), the participation ones to cluster 1 (4).
  Fixture() {
    const std::vector<std::pair<std::string, std::string>> docs = {
        {"blog.md",
         "Mon blog, mes photos et mes vidéos : les lecteurs commentent le blog.\n\n"
         "Les commentaires des lecteurs du blog."},
        {"vote.md", "Les citoyens votent le budget participatif de la mairie."},
        {"blog2.md", "Je publie des photos sur mon blog, les lecteurs laissent des commentaires."},
        {"vote2.md", "Au conseil de quartier, les citoyens débattent du budget de la mairie."},
        {"vote3.md", "Les citoyens et la mairie : consultation sur le budget participatif."}};
    std::vector<std::string_view> bodies;
    for (const auto& [id, text] : docs) {
      Document d;
      d.id = id;
      d.source_path = "corpus/" + id;
      d.title = id;
      d.text = text;
      d.text_offset = 10;  // as if after a front matter of 10 bytes
      corpus.documents.push_back(std::move(d));
    }
    for (const Document& d : corpus.documents) bodies.emplace_back(d.text);
    SegmenterOptions paragraphs;
    paragraphs.kind = UnitKind::kParagraph;
    units = SegmentTexts(bodies, paragraphs);
    REQUIRE(units.size() == 6);
    std::vector<std::string_view> texts;
    for (const Unit& u : units) {
      texts.push_back(bodies[u.document].substr(u.begin, u.end - u.begin));
    }
    counts = std::move(CountTerms(texts, TermOptions{}, 1)).value();
    TfidfOptions o;
    o.min_df = 1;
    o.max_df = 1.0;
    tfidf = std::move(BuildTfidf(counts, o)).value();
    for (Eigen::Index r = 0; r < tfidf.matrix.rows(); ++r) rows.push_back(r);
    // Units: blog p1, blog p2, vote, blog2, vote2, vote3.
    clustering.assignment = {0, 0, 1, 0, 1, 1};
    clustering.sizes = {3, 3};
    clustering.similarity.assign(6, 0);
    clustering.centroids = Eigen::MatrixXf::Zero(2, tfidf.matrix.cols());
    ExpressInSpace(tfidf.matrix, &clustering);
    lexicon = std::move(IndexLexicon(BuiltinThemes(Language::kFrench), counts.vocabulary,
                                     counts.rows.size(), TermOptions{}))
                  .value();
  }

  Report Describe(const ThemeReportOptions& options, int threads = 1,
                  std::function<void()> done_with_counts = {}) {
    Report report;
    report.documents = DocumentEntries(corpus);
    std::vector<std::string_view> texts;
    for (const Document& d : corpus.documents) texts.emplace_back(d.text);
    ClusteredUnits in;
    in.texts = &texts;
    in.units = &units;
    in.counts = &counts;
    in.lexicon = &lexicon;
    in.tfidf = &tfidf;
    in.rows = &rows;
    in.clustering = &clustering;
    in.done_with_counts = std::move(done_with_counts);
    REQUIRE(DescribeThemes(in, options, threads, &report).ok());
    return report;
  }
};

// What the describe step reads of the fixture, with `units` for its units and no texts.
ClusteredUnits WithUnits(const Fixture& f, const std::vector<Unit>& units,
                         const std::vector<std::string_view>& no_texts) {
  ClusteredUnits in;
  in.texts = &no_texts;
  in.units = &units;
  in.counts = &f.counts;
  in.lexicon = &f.lexicon;
  in.tfidf = &f.tfidf;
  in.rows = &f.rows;
  in.clustering = &f.clustering;
  return in;
}

TEST_CASE("describing needs the report's entry of every document") {
  Fixture f;
  Report report;  // no DocumentEntries: a unit names a document the report does not have
  const std::vector<std::string_view> texts;
  const ClusteredUnits in = WithUnits(f, f.units, texts);
  const Status s = DescribeThemes(in, ThemeReportOptions{}, 1, &report);
  CHECK(s.code() == StatusCode::kInternal);
  CHECK(report.themes.empty());
}

TEST_CASE("describing needs the units in document order, each document's in one run") {
  Fixture f;
  Report report;
  report.documents = DocumentEntries(f.corpus);
  std::vector<Unit> units = f.units;
  std::swap(units[1], units[2]);  // blog p1, vote, blog p2: blog.md's units in two runs
  const std::vector<std::string_view> texts;
  const ClusteredUnits in = WithUnits(f, units, texts);
  const Status s = DescribeThemes(in, ThemeReportOptions{}, 1, &report);
  CHECK(s.code() == StatusCode::kInternal);
  CHECK(s.message().find("document order") != std::string::npos);
  CHECK(report.themes.empty());
}

TEST_CASE("themes are numbered by size and named after the known theme they match") {
  Fixture f;
  // The participation cluster made the larger one: it takes the second blog paragraph too.
  f.clustering.assignment = {0, 1, 1, 0, 1, 1};
  f.clustering.sizes = {2, 4};
  ExpressInSpace(f.tfidf.matrix, &f.clustering);
  const Report r = f.Describe(ThemeReportOptions{});
  REQUIRE(r.themes.size() == 2);
  CHECK(r.themes[0].id == 1);
  CHECK(r.themes[0].size == 4);  // cluster 1, the larger, comes first
  CHECK(r.themes[1].size == 2);
  CHECK(r.themes[0].share == doctest::Approx(4.0 / 6.0));
  CHECK(r.themes[0].label == "Démocratie participative");
  CHECK(r.themes[1].label == "Médias personnels");
  CHECK_FALSE(r.themes[0].known.is_new);
  CHECK(r.known_themes[static_cast<std::size_t>(r.themes[0].known.known_theme)].id ==
        "democratie-participative");
}

TEST_CASE("a document cut into units gets its theme mix and dominant theme") {
  Fixture f;
  f.clustering.assignment = {0, 1, 1, 0, 1, 1};  // blog.md split between the two themes
  f.clustering.sizes = {2, 4};
  ExpressInSpace(f.tfidf.matrix, &f.clustering);
  const Report r = f.Describe(ThemeReportOptions{});
  const DocumentEntry& blog = r.documents[0];
  CHECK(blog.units == 2);
  CHECK_FALSE(r.theme_mix_of_units);  // paragraphs: the mixes are stored
  REQUIRE(r.theme_mix.size() == r.documents.size());
  const ThemeMix mix = ThemeMixOf(r, 0);
  REQUIRE(mix.size() == 2);
  CHECK(mix[0].theme == 1);
  CHECK(mix[0].units == 1);
  CHECK(mix[0].share == doctest::Approx(0.5));
  CHECK(mix[1].theme == 2);
  CHECK(mix[1].share == doctest::Approx(0.5));
  // A tie in units goes to the larger summed similarity: check it is one of its themes and
  // that the similarity reported is the document's own cosine, not a unit's.
  CHECK((blog.theme == 1 || blog.theme == 2));
  CHECK(blog.similarity > 0);
  CHECK(ThemeMixOf(r, 2).size() == 1);
  CHECK(r.documents[2].theme == 2);
}

TEST_CASE("what describing is done with may be freed before the units are described") {
  ThemeReportOptions o;
  o.min_term_frequency = 1;
  Fixture kept;
  const Report reference = kept.Describe(o);
  Fixture f;
  int calls = 0;
  const Report r = f.Describe(o, 1, [&] {
    ++calls;
    f.counts = TermCounts();
    f.tfidf = TfidfMatrix();
    f.clustering = Clustering();
    f.lexicon = LexiconIndex();
  });
  CHECK(calls == 1);
  REQUIRE(r.units.size() == reference.units.size());
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    CHECK(r.units[u].theme == reference.units[u].theme);
    CHECK(r.units[u].similarity == reference.units[u].similarity);
    CHECK(r.units[u].known_theme == reference.units[u].known_theme);
    CHECK(r.units[u].known_score == reference.units[u].known_score);
    CHECK(r.units[u].begin == reference.units[u].begin);
  }
  REQUIRE(r.themes.size() == reference.themes.size());
  for (std::size_t t = 0; t < r.themes.size(); ++t) {
    CHECK(r.themes[t].label == reference.themes[t].label);
    REQUIRE(r.themes[t].top_terms.size() == reference.themes[t].top_terms.size());
    for (std::size_t i = 0; i < r.themes[t].top_terms.size(); ++i) {
      CHECK(r.themes[t].top_terms[i].term == reference.themes[t].top_terms[i].term);
    }
    CHECK(r.themes[t].characteristic_terms.size() ==
          reference.themes[t].characteristic_terms.size());
  }
  CHECK(r.theme_map.terms.size() == reference.theme_map.terms.size());
}

TEST_CASE("characteristic terms, passages one per document, central documents in order") {
  Fixture f;
  ThemeReportOptions o;
  o.min_term_frequency = 1;
  o.passages = 10;
  const Report r = f.Describe(o);
  REQUIRE(r.themes.size() == 2);
  // Sizes tie (3, 3): the core's order is kept, cluster 0 (the media units) is theme 1.
  const Theme& media = r.themes[0];
  const Theme& civic = r.themes[1];
  CHECK(media.label == "Médias personnels");
  REQUIRE(!civic.characteristic_terms.empty());
  bool citoyen = false;
  for (const TermStatistic& t : civic.characteristic_terms) {
    CHECK(t.chi2 > 0);
    CHECK(t.p_value <= 1);
    if (t.term == "citoyen") {
      citoyen = true;
      CHECK(t.in_theme == 3);
      CHECK(t.outside == 0);
    }
  }
  CHECK(citoyen);
  for (const TermStatistic& t : civic.anti_profile) CHECK(t.chi2 < 0);
  // Three media units but two documents: one passage each, the closest unit of blog.md.
  REQUIRE(media.passages.size() == 2);
  CHECK(media.passages[0].document != media.passages[1].document);
  CHECK(media.passages[0].similarity >= media.passages[1].similarity);
  CHECK(!media.passages[0].text.empty());
  REQUIRE(media.central_documents.size() == 2);
  CHECK(media.central_documents[0].similarity >= media.central_documents[1].similarity);
  // Units point back into the source file: the body offset plus the unit's own range.
  REQUIRE(r.units.size() == 6);
  CHECK(r.units[1].document == 0);
  CHECK(r.units[1].begin == 10 + f.units[1].begin);
  CHECK(r.units[1].end == 10 + f.units[1].end);
  CHECK(r.units[2].theme == civic.id);
}

TEST_CASE("when no text is about a known theme, themes are new and named by their words") {
  Fixture f;
  ThemeReportOptions o;
  o.known.rule.min_occurrences = 1000;
  const Report r = f.Describe(o);
  for (const Theme& t : r.themes) {
    CHECK(t.known.is_new);
    CHECK(t.label == t.words);
    CHECK(t.label.find(" · ") != std::string::npos);
  }
  for (const DocumentEntry& d : r.documents) CHECK(d.known_theme == -1);
  for (const KnownThemeEntry& k : r.known_themes) CHECK(k.themes.empty());
}

TEST_CASE("the description does not depend on the thread count") {
  Fixture f;
  const Report one = f.Describe(ThemeReportOptions{}, 1);
  const Report three = f.Describe(ThemeReportOptions{}, 3);
  REQUIRE(one.themes.size() == three.themes.size());
  for (std::size_t t = 0; t < one.themes.size(); ++t) {
    CHECK(one.themes[t].label == three.themes[t].label);
    REQUIRE(one.themes[t].characteristic_terms.size() ==
            three.themes[t].characteristic_terms.size());
    for (std::size_t i = 0; i < one.themes[t].characteristic_terms.size(); ++i) {
      CHECK(one.themes[t].characteristic_terms[i].chi2 ==
            three.themes[t].characteristic_terms[i].chi2);
    }
  }
  REQUIRE(one.known_scores.size() == one.documents.size() * one.known_themes.size());
  CHECK(one.known_scores == three.known_scores);
}

TEST_CASE("passages are quoted on one line and cut at a code point with an ellipsis") {
  bool truncated = false;
  CHECK(QuotePassage("  Un\n\ttexte   court ", 100, &truncated) == "Un texte court");
  CHECK_FALSE(truncated);
  CHECK(QuotePassage("Été indien", 3, &truncated) == "Été…");
  CHECK(truncated);
}

TEST_CASE("the entries of a corpus given away are its documents' identities, in order") {
  Corpus corpus;
  for (int i = 0; i < 10000; ++i) {  // more than one round of pages given back
    Document d;
    d.id = "posts.jsonl#" + std::to_string(i + 1);
    d.source_path = SharedString("posts.jsonl");
    d.title = i % 3 == 0 ? "" : "un titre assez long pour ne pas tenir en place " + d.id.str();
    d.date = i % 2 == 0 ? "2009-05-" + std::to_string(10 + i % 18) : "";
    d.metadata.emplace_back("author", "user" + std::to_string(i % 97));
    d.text_offset = static_cast<std::size_t>(i) * 100;
    corpus.documents.push_back(std::move(d));
  }
  corpus.files_read = 1;
  const std::vector<DocumentEntry> copied = DocumentEntries(corpus);
  Corpus given = corpus;
  const std::vector<DocumentEntry> taken = TakeDocumentEntries(std::move(given)).value();
  CHECK(given.documents.empty());
  CHECK(given.files_read == 1);
  REQUIRE(taken.size() == corpus.documents.size());
  for (std::size_t d = 0; d < taken.size(); ++d) {
    CAPTURE(d);
    const Document& doc = corpus.documents[d];
    REQUIRE(taken[d].id == doc.id);
    CHECK(taken[d].path.str() == doc.source_path.str());
    CHECK(taken[d].title == doc.title);
    CHECK(taken[d].date == doc.date);
    CHECK(taken[d].metadata == doc.metadata);
    CHECK(taken[d].text_offset == doc.text_offset);
    CHECK(copied[d].id == doc.id);
    CHECK(copied[d].metadata == doc.metadata);
  }
}

TEST_CASE("a corpus's identities kept apart: in a temporary file, read back the same") {
  Corpus corpus;
  for (int i = 0; i < 20000; ++i) {
    Document d;
    d.id = "shard-" + std::to_string(i % 7) + ".jsonl#" + std::to_string(i + 1);
    d.source_path = SharedString("shard.jsonl");
    d.title = i % 5 == 0 ? "" : "Un billet sur les médias personnels, numéro " + std::to_string(i);
    d.date = "2010-01-0" + std::to_string(1 + i % 9);
    if (i % 4 != 0) d.metadata.emplace_back("author", "user" + std::to_string(i % 97));
    d.metadata.emplace_back("topic", i % 2 == 0 ? "vie" : "");
    corpus.documents.push_back(std::move(d));
  }
  const Corpus kept = corpus;
  for (std::size_t in_memory : {std::size_t{1} << 30, std::size_t{4096}}) {
    CAPTURE(in_memory);
    Corpus given = kept;
    IdentityStore store({}, in_memory);
    Result<std::vector<DocumentEntry>> taken = TakeDocumentEntries(std::move(given), &store);
    REQUIRE(taken.ok());
    CHECK(store.on_disk() == (in_memory == 4096));
    REQUIRE(store.size() == kept.documents.size());
    Report report;
    report.documents = std::move(taken).value();
    for (std::size_t d = 0; d < kept.documents.size(); ++d) {
      CAPTURE(d);
      const Document& doc = kept.documents[d];
      const DocumentEntry& e = report.documents[d];
      REQUIRE(e.id.empty());  // kept apart, not in the entry
      CHECK(e.title.empty());
      CHECK(e.metadata.empty());
      CHECK(e.date == doc.date);
      const DocumentIdentity identity = store.Get(d);
      REQUIRE(identity.id == doc.id);
      CHECK(identity.title == doc.title);
      CHECK(identity.metadata.packed() == doc.metadata.packed());
    }
    // IdentityOf reads the store once the report holds it, by index or by entry; an entry that
    // is not the report's (a copy) gives its own fields.
    CHECK(IdentityOf(report, 3).id.empty());
    report.identities = std::shared_ptr<const IdentityStore>(&store, [](const IdentityStore*) {});
    CHECK(IdentityOf(report, 3).id == kept.documents[3].id);
    CHECK(IdentityOf(report, report.documents[19999]).title == kept.documents[19999].title);
    DocumentEntry copy = report.documents[5];
    copy.id = "own";
    CHECK(IdentityOf(report, copy).id == "own");
  }
}

}  // namespace
}  // namespace trendscan
