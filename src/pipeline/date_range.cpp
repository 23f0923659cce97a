#include "pipeline/date_range.hpp"

#include <fmt/format.h>

#include <optional>

#include "trendscan/ingest/dates.hpp"

namespace trendscan::internal {

Result<const Corpus*> RestrictToDateRange(const Corpus& corpus, const TimelineOptions& options,
                                          Corpus* storage, DateRangeExclusions* excluded,
                                          Corpus* owned, bool allow_empty) {
  TRENDSCAN_ASSIGN_OR_RETURN(const DateRange range, ParseDateRange(options.since, options.until));
  if (range.empty()) return &corpus;
  // Everything but the documents: counts, warnings, and how the files were read (passages of
  // released texts are read again with the same options).
  storage->warnings = corpus.warnings;
  storage->files_read = corpus.files_read;
  storage->files_skipped = corpus.files_skipped;
  storage->records_skipped = corpus.records_skipped;
  storage->files_ignored = corpus.files_ignored;
  storage->files_found = corpus.files_found;
  storage->bytes_read = corpus.bytes_read;
  storage->read_with = corpus.read_with;
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const std::optional<CalendarDate> date = ParseIsoDate(corpus.documents[d].date);
    if (!date) {
      ++excluded->undated;
    } else if (!InDateRange(*date, range)) {
      ++excluded->outside;
    } else if (owned != nullptr) {
      storage->documents.push_back(std::move(owned->documents[d]));
    } else {
      storage->documents.push_back(corpus.documents[d]);
    }
  }
  if (storage->documents.empty() && !allow_empty) return NoDocumentInRange(options, *excluded);
  return static_cast<const Corpus*>(storage);
}

Status NoDocumentInRange(const TimelineOptions& options, const DateRangeExclusions& excluded) {
  return Status::EmptyInput(fmt::format(
      "no document is dated within {}{}{} ({} dated outside, {} undated)",
      options.since.empty() ? "" : "--since " + options.since,
      !options.since.empty() && !options.until.empty() ? " " : "",
      options.until.empty() ? "" : "--until " + options.until, excluded.outside, excluded.undated));
}

}  // namespace trendscan::internal
