// Describe, themes: a clustering of units becomes the report's themes (their words, statistics,
// passages and central documents), documents (theme and theme mix), units, known trend themes
// (the match of each theme, each document's scores) and the bisecting tree.
#ifndef TRENDSCAN_DESCRIBE_THEMES_HPP_
#define TRENDSCAN_DESCRIBE_THEMES_HPP_

#include <Eigen/Core>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/cluster/stability.hpp"
#include "trendscan/describe/concordance.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/describe/known_themes.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/status.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/text/terms.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

// The known trend themes: what guides the clustering and names the themes.
struct KnownThemeOptions {
  ThemeLexicon lexicon = BuiltinThemes(Language::kFrench);
  std::string source = "built-in:fr";  // shown in the report
  // When a text is about a known theme (see KnownThemeRule; README, "Known trend themes").
  KnownThemeRule rule;
  // Guided themes: the known themes the corpus talks about seed the clustering (one theme
  // each, from the documents about it), and the rest of k is found freely. Off: --free.
  bool guide = true;
};

struct ThemeReportOptions {
  // Words listed per theme. Default 10.
  int top_terms = 10;
  // Most central documents listed per theme. Default 3.
  int central_documents = 3;
  // Representative passages (units closest to the centroid, one per document) per theme.
  // Default 3.
  int passages = 3;
  // Longest passage quoted, in code points; longer units are cut with "…". Default 320.
  int passage_chars = 320;
  // Characteristic terms: only terms with at least this many occurrences are ranked. Default 3.
  int min_term_frequency = 3;
  // Unclassified is an answer (IRaMuTeQ's class 0): a document whose cosine to its theme is
  // below this share of the median cosine of that theme's documents is left in no theme and
  // counted. 0 = off, the default (BENCHMARKS.md, "Unclassified documents").
  double unclassified_below = 0;
  KnownThemeOptions known;
  // The characteristic terms in context, from the passages' documents (concordance.hpp).
  ConcordanceOptions concordance;
  // Keep every unit's text in the report (Report::unit_texts), for the tables (--tables). The
  // texts then stay in memory to the end. Default off.
  bool unit_texts = false;
};

// Fails (kInvalidArgument) when top_terms < 1, central_documents, passages or a concordance
// figure < 0, or the known-theme rule's share is outside [0, 1].
Status ValidateThemeReportOptions(const ThemeReportOptions& options);

// What the earlier stages produced, as DescribeThemes reads it.
struct ClusteredUnits {
  // Per document, its text while it is still held (empty once released); null, or empty, when
  // none is held. Report::documents holds one entry per document already (DocumentEntries).
  const std::vector<std::string_view>* texts = nullptr;
  const std::vector<Unit>* units = nullptr;  // every unit, in document order
  const TermCounts* counts = nullptr;        // one row per unit, every term
  const LexiconIndex* lexicon = nullptr;     // the known themes over counts->vocabulary
  // The matrix the themes were found on: one row per unit, or, with documents_clustered, one
  // per document; its clustered rows, in order, and their clustering.
  const TfidfMatrix* tfidf = nullptr;
  const std::vector<Eigen::Index>* rows = nullptr;
  const Clustering* clustering = nullptr;
  bool documents_clustered = false;
  // With documents_clustered and documents cut into several units: each unit's cluster (-1:
  // none) and cosine to it, as the units were placed in the themes found on the documents.
  const std::vector<int>* unit_cluster = nullptr;
  const std::vector<float>* unit_similarity = nullptr;
  // The stability of each cluster of `clustering`, and from what it is stable (null: not
  // measured).
  const StabilityResult* stability = nullptr;
  double stable_from = 0.6;
  // Per unit, true when it was left out for being too short (reported as such).
  const std::vector<char>* too_short = nullptr;
  // Documents whose text was released after tokenising (null: none). Their passages are chosen
  // but left without text, for the caller to quote from the file.
  const std::vector<char>* released = nullptr;
  // Called once, when counts, lexicon, tfidf, rows, clustering, unit_cluster, unit_similarity
  // and stability are read no more (before the report's units are made), so that the caller
  // may free them; units, too_short, released and texts are read to the end.
  std::function<void()> done_with_counts;
};

// A passage's text: `text` on one line (runs of white space become one space), cut to
// `max_chars` code points with "…"; `truncated` tells whether it was cut.
std::string QuotePassage(std::string_view text, std::size_t max_chars, bool* truncated);

// Fills report->themes (all but their concordance, FindConcordances), the rest of documents
// (made by DocumentEntries, one per document), units, known_themes, clustering, tree and
// theme_map. Deterministic: every sum runs in a fixed order, whatever `threads`.
Status DescribeThemes(const ClusteredUnits& in, const ThemeReportOptions& options, int threads,
                      Report* report);

// One report entry per document of `corpus`, with its identity and place (id, path, title,
// date, metadata, text_offset): copied, or moved out of a corpus given away (its documents keep
// their texts and the rest). The pipeline makes them before clustering: from then on nothing
// reads the corpus's documents but their texts, so ten million posts whose texts were released
// free their records (200 bytes each) before the matrix is built.
std::vector<DocumentEntry> DocumentEntries(const Corpus& corpus);
std::vector<DocumentEntry> DocumentEntries(Corpus&& corpus);
// The same for a corpus none of whose texts is needed any more (all released once tokenised):
// the documents go too, each freed as its entry is made, so that the two arrays are not held
// whole at once (ten million posts: 2 GB). Afterwards corpus.documents is empty. With
// `identities`, each document's id, title and metadata go there instead of into its entry
// (identity d for document d), and it is sealed; fails as IdentityStore::Add does.
Result<std::vector<DocumentEntry>> TakeDocumentEntries(Corpus&& corpus,
                                                       IdentityStore* identities = nullptr);

// Each document's id, title and metadata into `identities` (identity d for document d), freed
// from the document, and the store sealed. Fails as IdentityStore::Add does.
Status KeepIdentitiesApart(std::vector<Document>* documents, IdentityStore* identities);
// The same without sealing: the documents' identities follow those already in `identities`
// (the batches of a corpus counted in batches, in order).
Status MoveIdentitiesInto(std::vector<Document>* documents, IdentityStore* identities);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_THEMES_HPP_
