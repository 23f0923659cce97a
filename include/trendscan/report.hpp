// The report: one plain structure holding everything an analysis found. The text and JSON
// writers render it and compute nothing themselves, so both always say the same thing.
#ifndef TRENDSCAN_REPORT_HPP_
#define TRENDSCAN_REPORT_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace trendscan {

// Bumped whenever a field of the JSON report changes meaning or disappears.
constexpr int kReportSchemaVersion = 1;

struct ReportParameter {
  std::string name;  // as the command-line option, without dashes ("min-df")
  std::variant<bool, std::int64_t, double, std::string> value;
};

struct CorpusStats {
  std::size_t documents = 0;           // documents read
  std::size_t files_read = 0;          // inputs (files, standard input) that gave a document
  std::size_t files_skipped = 0;       // inputs skipped with a warning
  std::size_t records_skipped = 0;     // lines/records/texts skipped inside inputs that were read
  std::uint64_t bytes = 0;             // bytes read
  std::uint64_t tokens = 0;            // word tokens (see TermCounts::tokens)
  std::uint64_t kept_tokens = 0;       // tokens left after stop words
  std::size_t distinct_terms = 0;      // distinct terms before document-frequency filtering
  std::size_t vocabulary = 0;          // terms kept as matrix columns
  std::size_t clustered_documents = 0; // documents with at least one kept term
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

struct Theme {
  int id = 0;            // 1-based, themes sorted by size (largest first)
  std::string label;     // the top three words
  std::size_t size = 0;  // documents in the theme
  double share = 0;      // size / clustered documents
  std::vector<TermScore> top_terms;
  std::vector<CentralDocument> central_documents;  // most similar to the centroid first
};

struct DocumentEntry {
  std::string id;
  std::string path;
  std::string title;
  std::string date;        // ISO 8601 or empty
  int theme = 0;           // Theme::id, or 0 when the document has no kept term
  double similarity = 0;   // cosine to its theme's centroid
  std::string label;       // reference label from --labels, or empty
  // Metadata of the source (front matter, JSONL fields, CSV columns, IRaMuTeQ variables).
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct ClusteringSummary {
  std::string algorithm;   // "spherical-kmeans"
  int k = 0;
  int restarts = 0;
  int best_restart = 0;    // from 0
  int iterations = 0;           // batch rounds
  int refinement_passes = 0;   // incremental refinement passes
  double objective = 0;    // sum of cosines to the centroids
  double mean_similarity = 0;
};

struct Quality {
  std::size_t labelled_documents = 0;  // clustered documents that had a reference label
  std::size_t labels = 0;              // distinct reference labels among them
  double nmi = 0;
  double ari = 0;
};

struct StageTiming {
  std::string stage;  // "read", "tokenize+stem", "vectorize", "cluster", "describe"
  double seconds = 0;
};

struct Report {
  int schema_version = kReportSchemaVersion;
  std::string tool_version;
  std::vector<ReportParameter> parameters;
  CorpusStats corpus;
  ClusteringSummary clustering;
  std::vector<Theme> themes;
  std::vector<DocumentEntry> documents;
  std::optional<Quality> quality;  // only with --labels
  std::vector<std::string> warnings;
  std::vector<StageTiming> timings;
};

enum class ReportFormat { kText, kJson };

// Renders the report for people: summary, themes with their words and central documents.
std::string RenderText(const Report& report);

// Renders the report as JSON (schema_version 1, see docs/report-schema.json), two-space
// indented, keys in a fixed order, ending with a newline. With include_timings = false the
// "timings" member is left out, which makes two runs byte-comparable.
std::string RenderJson(const Report& report, bool include_timings = true);

}  // namespace trendscan

#endif  // TRENDSCAN_REPORT_HPP_
