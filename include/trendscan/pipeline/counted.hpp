// The pipeline in two halves, for callers that count a corpus in pieces (each MPI rank counts its
// share of the files, trendscan/distributed/): counting (the --since/--until range, the units,
// their term counts) and the rest (TF-IDF, clustering, description). Analyze (pipeline.hpp) is
// CountCorpusTerms followed by AnalyzeCounted; both halves together give its report, byte for
// byte.
#ifndef TRENDSCAN_PIPELINE_COUNTED_HPP_
#define TRENDSCAN_PIPELINE_COUNTED_HPP_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "trendscan/describe/identities.hpp"
#include "trendscan/describe/over_time.hpp"
#include "trendscan/describe/report.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/ingest/fingerprint.hpp"
#include "trendscan/pipeline.hpp"
#include "trendscan/status.hpp"
#include "trendscan/text/segmenter.hpp"
#include "trendscan/vectorize/term_counts.hpp"

namespace trendscan {

// Which texts were freed once tokenised, and what is needed to check that a file read again
// gives the same text when one of its passages is quoted. Per document of the corpus counted;
// all three empty when no text was released.
struct ReleasedTexts {
  std::vector<char> released;              // 1 when the document's text was freed
  std::vector<std::uint64_t> fingerprint;  // of the text that was analysed
  std::vector<std::size_t> size;           // its size in bytes
  bool empty() const { return released.empty(); }
};

// What the counting half found, besides the corpus itself.
struct CountedUnits {
  DateRangeExclusions excluded;  // documents left out by --since/--until
  // What the units are (a single document is cut into paragraphs) and what the themes are found
  // on (documents, when there are enough of them), with the notes that say why.
  UnitKind kind = UnitKind::kDocument;
  bool themes_on_documents = true;
  std::size_t min_unit_words = 0;  // 0 for whole documents
  std::vector<std::string> notes;
  std::vector<Unit> units;      // in document order
  std::vector<char> too_short;  // per unit: too short to be placed in a theme
  TermCounts counts;            // one row per unit
  SurfaceTally surfaces;        // filled only when counted as a share (ShareCounting)
  ReleasedTexts released;
  // The documents' ids, titles and metadata when they were kept apart as counting began (one
  // process counting a corpus it owns, from AnalyzeOptions::identities_apart_from documents):
  // the corpus's documents then hold none. Null otherwise.
  std::shared_ptr<IdentityStore> identities;
  // The digest of every document read, before --since/--until, sorted (DigestDocuments): the
  // report's input fingerprint.
  std::vector<DocumentDigest> input_digests;
  std::vector<StageTiming> timings;  // "segment", "tokenize+stem"
};

struct CountedCorpus {
  // The documents analysed: those in the --since/--until range (all of them without one), their
  // texts freed once tokenised when they can be read again (Document::rereadable).
  Corpus corpus;
  CountedUnits counted;
};

// A corpus counted as one share among several (one MPI rank's files), whose counts are merged
// afterwards (trendscan/distributed/merge.hpp).
struct ShareCounting {
  // This share's number of documents in range -> the number over every share (a sum over the
  // ranks); called exactly once, on every share, so it may be a collective operation. The units
  // are planned from the total, as one process counting everything would plan them.
  std::function<std::size_t(std::size_t)> total_documents;
};

// From this many documents in range, how the units are planned no longer depends on their number
// (one document alone is cut into paragraphs; themes are found on documents from ten): a corpus
// counted in batches (AnalyzeOptions::batch_bytes) plans each batch for this many at least.
constexpr std::size_t kDocumentsForSettledPlan = 10;

// The counting half: restricts the corpus to the --since/--until range, cuts the documents into
// units, and counts their terms, releasing each text (when rereadable) once tokenised. Fails
// like Analyze: kInvalidArgument for a bad range bound (or options ValidateOptions refuses),
// kEmptyInput when no document is left. With `share`, an empty share is not an error (the
// merged corpus is checked with CheckCountedCorpus instead) and the surface tally is kept.
Result<CountedCorpus> CountCorpusTerms(Corpus corpus, const AnalyzeOptions& options,
                                       const ProgressFn& progress = {},
                                       const ShareCounting* share = nullptr);

// The check CountCorpusTerms makes of a whole corpus (not of a share): fails with kEmptyInput,
// as Analyze would, when no document is left (none in the --since/--until range, said with the
// counts of counted.excluded).
Status CheckCountedCorpus(const CountedCorpus& counted, const AnalyzeOptions& options);

// The rest: TF-IDF, clustering, description, quoted passages (read again from their files for
// released texts) and the timeline, from a whole corpus's counts (as CountCorpusTerms gives
// them, or merged from shares). The report's timings start with counted.timings. Fails as
// Analyze does after counting (kInvalidArgument for a k the corpus cannot give or document-
// frequency bounds it cannot meet, kEmptyInput when no term is left). Afterwards `counted`
// keeps only its corpus's counters and warnings: documents and counts are freed, so that they
// are not held while the report is rendered.
Result<Report> AnalyzeCounted(CountedCorpus&& counted, const AnalyzeOptions& options,
                              const ProgressFn& progress = {});

}  // namespace trendscan

#endif  // TRENDSCAN_PIPELINE_COUNTED_HPP_
