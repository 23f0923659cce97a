// The report: one plain structure holding everything an analysis found. The describe stage
// fills it; the writers (report/render.hpp) render it and compute nothing themselves, so every
// format always says the same thing.
#ifndef TRENDSCAN_DESCRIBE_REPORT_HPP_
#define TRENDSCAN_DESCRIBE_REPORT_HPP_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "trendscan/cluster/cluster.hpp"
#include "trendscan/describe/concordance.hpp"
#include "trendscan/describe/crosstab.hpp"
#include "trendscan/describe/document_rows.hpp"
#include "trendscan/describe/known_themes.hpp"
#include "trendscan/describe/theme_map.hpp"
#include "trendscan/describe/timeline.hpp"
#include "trendscan/ingest/compact_string.hpp"
#include "trendscan/ingest/iso_date.hpp"
#include "trendscan/ingest/metadata.hpp"
#include "trendscan/ingest/shared_string.hpp"
#include "trendscan/span.hpp"

namespace trendscan {

// Bumped whenever a field of the JSON report changes meaning or disappears (a field added keeps
// the version: docs/report.md, "Evolution"). 2: units, profiles, known themes, "timeline" and
// "crosstabs"; 3: known-theme scores are shares of a text's words, guided themes; 4: snake_case
// parameter keys, null and lists in parameters, documents referenced by id, slopes named with
// their unit, "p_value" everywhere, the build and the input fingerprint.
constexpr int kReportSchemaVersion = 4;

struct ReportParameter {
  std::string name;  // as the command-line option, without dashes ("min-df")
  // monostate: not set (JSON null); a list for an option that repeats (--by).
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<std::string>>
      value;
};

// Which build made a report, besides its version (Report::tool_version); the pipeline fills it
// from CurrentToolBuild() (trendscan/version.hpp).
struct ToolBuild {
  std::string commit;    // `git describe` of the checkout built; empty when not built from one
  std::string icu;       // version of the ICU library in use ("72.1")
  std::string unicode;   // Unicode version of ICU's character data ("15.0")
  std::string snowball;  // version of Snowball's libstemmer ("2.2.0"); empty when unknown
};

// What a report was made from: every document read, before --since/--until.
struct InputSummary {
  // FingerprintCorpus (trendscan/ingest/fingerprint.hpp): "sha256:<hex>".
  std::string fingerprint;
  std::size_t documents = 0;  // documents read, and so fingerprinted
};

struct CorpusStats {
  std::size_t documents = 0;            // documents read
  std::size_t files_read = 0;           // inputs (files, standard input) that gave a document
  std::size_t files_skipped = 0;        // inputs skipped with a warning
  std::size_t records_skipped = 0;      // lines/records/texts skipped inside inputs that were read
  std::uint64_t bytes = 0;              // bytes read
  std::uint64_t tokens = 0;             // word tokens (see TermCounts::tokens)
  std::uint64_t kept_tokens = 0;        // tokens left after stop words
  std::size_t distinct_terms = 0;       // distinct terms before document-frequency filtering
  std::size_t vocabulary = 0;           // terms kept as matrix columns
  std::size_t clustered_documents = 0;  // documents with at least one kept term
  std::size_t units = 0;                // units cut from the documents (see Report::unit)
  std::size_t clustered_units = 0;      // units with at least one kept term
  std::size_t unclassified_documents = 0;  // left out of every theme by --unclassified-below
};

struct TermScore {
  std::string word;   // most frequent surface form ("participation")
  std::string term;   // the index term (stem: "particip")
  double weight = 0;  // weight in the theme's unit-length centroid
  std::uint32_t document_frequency = 0;
};

struct CentralDocument {
  std::size_t document = 0;  // index into Report::documents
  double similarity = 0;     // cosine to the theme centroid
};

// A term's association with a theme: the 2x2 table on term occurrences (this term / all others
// x this theme / the other themes) and its signed chi-squared (see describe.hpp).
struct TermStatistic {
  std::string word;            // most frequent surface form
  std::string term;            // the index term (stem)
  std::uint64_t in_theme = 0;  // occurrences in the theme's units
  std::uint64_t outside = 0;   // occurrences in the other clustered units
  double chi2 = 0;             // > 0 over-represented in the theme, < 0 under-represented
  double p_value = 1;          // chi-squared with one degree of freedom
};

// A unit quoted from the corpus.
struct Passage {
  std::size_t unit = 0;      // index into Report::units
  std::size_t document = 0;  // index into Report::documents
  double similarity = 0;     // cosine to the theme centroid
  std::string text;          // the unit, white space collapsed, trimmed to a length limit
  bool truncated = false;    // whether `text` was cut ("…" appended)
};

// The known theme a discovered theme is about, by the rule of Report::known_theme_rule.
struct KnownThemeMatch {
  int known_theme = -1;         // the known theme most of its items are about (index into
                                // Report::known_themes), -1 when none of them is about any
  double score = 0;             // share of the theme's words that are that known theme's words
  std::size_t items = 0;        // the theme's documents (or units, when they were clustered)
  std::size_t items_about = 0;  // of which are about `known_theme`
  bool is_new = true;           // fewer than half its items are about it: a theme of its own
  int split_of = 0;  // Theme::id of the theme holding this known theme's plain name, when
                     // this one also matches it (then named "Name · word"); 0 otherwise
};

struct Theme {
  int id = 0;                 // 1-based, themes sorted by size (largest first)
  std::string label;          // the matched known theme's name, else the top three words
  std::string words;          // the top three words, always
  std::size_t size = 0;       // units in the theme
  double share = 0;           // size / clustered units
  std::size_t documents = 0;  // documents whose dominant theme this is
  std::vector<TermScore> top_terms;
  std::vector<TermStatistic> characteristic_terms;  // chi2 > 0, strongest first
  std::vector<TermStatistic> anti_profile;          // chi2 < 0, most negative first
  std::vector<Passage> passages;                    // units closest to the centroid first
  std::vector<ConcordanceLine> concordance;         // its terms in context (concordance.hpp)
  std::vector<CentralDocument> central_documents;   // most similar to the centroid first
  KnownThemeMatch known;
  // How often the theme comes back when the clustering is run again on resamples: the mean
  // over resamples of its best Jaccard overlap (ClusteringSummary::stability_resamples of
  // them); -1 when not measured.
  double stability = -1;
  bool stable = true;  // stability at least ClusteringSummary::stable_from (or not measured)
};

// One theme's part of a document: how many of the document's clustered units it holds.
struct ThemeShare {
  int theme = 0;  // Theme::id
  std::uint32_t units = 0;
  double share = 0;  // units / the document's clustered units
};

// A unit of analysis (a document, paragraph or segment) and where it is in its source file.
struct UnitEntry {
  std::size_t document = 0;  // index into Report::documents
  std::size_t begin = 0;     // byte offsets in the source file, [begin, end)
  std::size_t end = 0;
  double similarity = 0;   // cosine to its theme's centroid
  double known_score = 0;  // the share of its words that are its best known theme's words
  // (The numbers are ordered by size so that a unit takes 56 bytes, not 64: one a post.)
  int theme = 0;           // Theme::id, or 0 when the unit is in no theme (no kept term, or
                           // too short: see `too_short`)
  int known_theme = -1;    // index into Report::known_themes of the known theme it is about,
                           // -1 when it is about none (Report::known_theme_rule)
  bool too_short = false;  // a paragraph or segment of fewer than Report::min_unit_words words,
                           // left out of the themes (a byline, a list of tags, "Commentaires")
  // (Its text, when asked for, is Report::unit_texts[u]: a string here, empty for almost every
  // run, took 32 of 88 bytes a unit, 320 MB at ten million posts.)
};

// A known trend theme from the lexicon, and what the analysis made of it.
struct KnownThemeEntry {
  std::string id;                   // "medias-personnels"
  std::string name;                 // "Médias personnels"
  std::size_t lexicon_terms = 0;    // distinct terms of its words
  std::size_t terms_in_corpus = 0;  // of which occur in the corpus
  std::vector<int> themes;          // Theme::ids named after it
  std::size_t documents = 0;        // documents about it (their best known theme, by the rule)
  std::size_t items_about = 0;      // clustered items (documents, or units) about it
  bool present = false;             // some clustered item is about it; absent otherwise
  bool guided = false;              // it seeded a theme of the clustering (guided themes)
};

class IdentityStore;  // identities.hpp

struct DocumentEntry {
  // id, title and metadata: see Report::identities.
  CompactString id;
  SharedString path;  // shared by the documents of one file (JSONL, CSV, IRaMuTeQ)
  CompactString title;
  // (The small fields are side by side so that an entry takes 88 bytes: one a post.)
  IsoDate date;                 // ISO 8601 or empty
  bool unclassified = false;    // it fits its theme too poorly (--unclassified-below)
  int theme = 0;                // Theme::id, or 0 when the document has no kept term, or
                                // is unclassified
  int known_theme = -1;         // the known theme it is about, -1 when none
                                // (Report::known_theme_rule)
  std::uint32_t units = 0;      // units cut from it
  double similarity = 0;        // cosine to its theme's centroid
  CompactString label;          // reference label from --labels, or empty
  std::size_t text_offset = 0;  // byte offset of the body in the source file
  // Metadata of the source (front matter, JSONL fields, CSV columns, IRaMuTeQ variables).
  Metadata metadata;
  // Its theme mix and known-theme scores are in the report's columns: Report::theme_mix and
  // KnownScoresOf.
};

struct ClusteringSummary {
  std::string algorithm;    // "spherical-kmeans" or "bisecting-spherical-kmeans"
  std::string k_criterion;  // "fixed" or "cosine-silhouette" (--k auto)
  int k = 0;
  int restarts = 0;
  int best_restart = 0;       // from 0
  int iterations = 0;         // batch rounds
  int refinement_passes = 0;  // incremental refinement passes
  double objective = 0;       // sum of cosines to the centroids
  double mean_similarity = 0;
  bool guided = false;          // the known themes present seeded the clustering (--free: off)
  int seeded = 0;               // how many of the k themes started from a known theme
  int stability_resamples = 0;  // resamples behind the themes' stability (0: not measured)
  double stable_from = 0;       // a theme is stable when its stability reaches this
  double stability = 0;         // the themes' mean stability, weighted by size
};

// A node of the bisecting tree (algorithm "bisecting"): node 0 holds every clustered document.
struct TreeNode {
  int id = 0;
  int parent = -1;            // -1 for the root
  std::vector<int> children;  // empty for a leaf
  int theme = 0;              // Theme::id of a leaf, 0 for an inner node
  std::size_t size = 0;
  double gain = 0;    // objective gain of this node's split
  std::string label;  // the three strongest words of the node's centroid
};

struct Quality {
  std::size_t labelled_documents = 0;  // clustered documents that had a reference label
  std::size_t labels = 0;              // distinct reference labels among them
  double nmi = 0;
  double ari = 0;
};

struct StageTiming {
  std::string stage;  // "read", "segment", "tokenize+stem", "vectorize", "cluster", "describe"
  double seconds = 0;
};

struct Report {
  int schema_version = kReportSchemaVersion;
  std::string tool_version;
  ToolBuild tool_build;
  InputSummary input;
  std::vector<ReportParameter> parameters;
  CorpusStats corpus;
  std::string unit = "document";  // the units: "document", "paragraph" or "segment"
  // What the themes were found on: "document" (paragraphs or segments then placed in the
  // closest theme) or "unit" (the units themselves, as for one essay cut into paragraphs).
  std::string themes_found_on = "document";
  std::size_t min_unit_words = 0;  // paragraphs or segments with fewer words are left out
  ClusteringSummary clustering;
  std::string known_themes_source;  // "built-in:fr" or the --themes file
  KnownThemeRule known_theme_rule;  // when a text is about a known theme
  // What trendscan chose for this corpus and why, in words ("one document: its paragraphs
  // are the units", "k lowered to 4: ..."), for people and programs alike.
  std::vector<std::string> notes;
  std::vector<KnownThemeEntry> known_themes;
  std::vector<Theme> themes;
  std::vector<DocumentEntry> documents;
  // Document d's theme mix (read it with ThemeMixOf): by theme id, empty when none of its units
  // is clustered (or it is unclassified). theme_mix[d], or, when every document is one unit and
  // documents were clustered (theme_mix_of_units: short posts), its unit's theme whole, and
  // theme_mix empty (ten million posts: 240 MB).
  DocumentRows<ThemeShare> theme_mix;
  bool theme_mix_of_units = false;
  // Per document, per known theme in known_themes order, the share of the document's words
  // that are that theme's words: document d's from known_scores[d * known_themes.size()]
  // (KnownScoresOf).
  std::vector<double> known_scores;
  // When set (large corpora: AnalyzeOptions::identities_apart_from), document d's id, title and
  // metadata are identity d there, and its entry's own are empty: read them with IdentityOf
  // (identities.hpp), which reads either.
  std::shared_ptr<const IdentityStore> identities;
  std::vector<KCandidate> k_selection;  // only with --k auto, in k order
  std::vector<TreeNode> tree;           // only with --algorithm bisecting
  std::vector<UnitEntry> units;
  // Unit u's text, white space collapsed, when asked for (ThemeReportOptions::unit_texts: the
  // tables' units.csv); else empty.
  std::vector<std::string> unit_texts;
  ThemeMap theme_map;              // the themes and their words on two axes (theme_map.hpp)
  std::optional<Quality> quality;  // only with --labels
  std::vector<std::string> warnings;
  std::vector<StageTiming> timings;
  // How the themes move over time (see timeline.hpp); available == false with the reason when
  // the documents have no usable date.
  Timeline timeline;
  // One per --by variable, in the order given.
  std::vector<Crosstab> crosstabs;
};

// A document's theme mix: a view of its row of Report::theme_mix, or the one share of a
// document that is one unit (its unit's theme, whole). Read as a vector of ThemeShare.
class ThemeMix {
 public:
  explicit ThemeMix(Span<const ThemeShare> row) : row_(row) {}
  // The mix of a document that is one unit of theme `theme` (none when 0).
  static ThemeMix Whole(int theme) {
    ThemeMix mix({});
    mix.whole_ = {theme, 1, 1.0};
    mix.is_whole_ = theme > 0;
    return mix;
  }
  const ThemeShare* begin() const { return is_whole_ ? &whole_ : row_.begin(); }
  const ThemeShare* end() const { return is_whole_ ? &whole_ + 1 : row_.end(); }
  std::size_t size() const { return static_cast<std::size_t>(end() - begin()); }
  bool empty() const { return size() == 0; }
  const ThemeShare& operator[](std::size_t i) const { return begin()[i]; }
  const ThemeShare& front() const { return *begin(); }

 private:
  Span<const ThemeShare> row_;
  ThemeShare whole_;
  bool is_whole_ = false;
};

// Document d's theme mix (d < report.documents.size()).
inline ThemeMix ThemeMixOf(const Report& report, std::size_t d) {
  if (report.theme_mix_of_units) {
    return ThemeMix::Whole(d < report.units.size() ? report.units[d].theme : 0);
  }
  return ThemeMix(report.theme_mix[d]);
}

// Document d's known-theme scores, in known_themes order; empty when the report has none.
inline Span<const double> KnownScoresOf(const Report& report, std::size_t d) {
  const std::size_t n = report.known_themes.size();
  if (n == 0 || (d + 1) * n > report.known_scores.size()) return {};
  return {report.known_scores.data() + d * n, n};
}

// The score of document d's known theme (DocumentEntry::known_theme), 0 when it has none.
inline double KnownThemeScoreOf(const Report& report, std::size_t d) {
  const int known = report.documents[d].known_theme;
  const Span<const double> scores = KnownScoresOf(report, d);
  return known >= 0 && static_cast<std::size_t>(known) < scores.size()
             ? scores[static_cast<std::size_t>(known)]
             : 0.0;
}

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_REPORT_HPP_
