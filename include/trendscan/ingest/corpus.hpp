// Ingestion: files and standard input in, documents out. The only stage besides the CLI that
// touches the file system.
#ifndef TRENDSCAN_INGEST_CORPUS_HPP_
#define TRENDSCAN_INGEST_CORPUS_HPP_

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trendscan/ingest/compact_string.hpp"
#include "trendscan/ingest/iso_date.hpp"
#include "trendscan/ingest/metadata.hpp"
#include "trendscan/ingest/shared_string.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

struct Document {
  // Stable identifier: the path relative to the directory argument it was found under
  // ("2009/blog.md"), the path as given for a file argument, or "-" for standard input. A file
  // holding many documents (JSONL, CSV, IRaMuTeQ) appends "#<n>": "posts.jsonl#12" (line 12),
  // "export.csv#3" (third record), "corpus.txt#5" (fifth text); see formats.hpp.
  CompactString id;
  // The path the text was read from ("-" for standard input).
  SharedString source_path;
  // From the format's title (front matter `title:`, <title>, a "title" field), else the first
  // non-empty line (Markdown '#' removed) when it is short enough to be a title, else the file
  // name without extension.
  CompactString title;
  // Other key/value pairs of the source (front matter keys, JSONL fields, CSV columns, IRaMuTeQ
  // variables), in file order.
  Metadata metadata;
  // The body, UTF-8 (converted from the file's encoding when it was not UTF-8; front matter,
  // markup and IRaMuTeQ opener lines removed).
  std::string text;
  // Byte offset in the decoded file where the document starts: where `text` starts for .txt,
  // .md and IRaMuTeQ, the start of its line or record for JSONL and CSV, 0 for HTML.
  std::size_t text_offset = 0;
  // Position among the documents its file gave (0 for a file holding one document), and whether
  // `text` can be read again from `source_path` (a regular file; not standard input or a pipe).
  // Analyze(Corpus&&) relies on both to release texts once tokenised (see RereadFile).
  std::size_t record = 0;
  bool rereadable = false;
  // ISO 8601 (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known), read by ParseDate
  // (dates.hpp) from the format's date; "" when there is none or it was not understood.
  IsoDate date;
  // Position of the input that gave it among every input in reading order (the files named or
  // found in folders, standard input, and the entries skipped while walking), from 0: documents
  // read as shares (IngestOptions::shard_count) are put back in order by (input, record).
  std::uint32_t input = 0;
};

// Something skipped or repaired while reading, to be shown to the user. `message` is complete
// on its own: it names the file (and the line) and says what happened.
struct IngestWarning {
  std::string path;
  std::string message;
  std::size_t input = 0;  // the input it is about, as Document::input
};

struct IngestOptions {
  // Extensions read when walking a directory (lower case, with the dot). Files named directly
  // on the command line are read whatever their extension (as text unless it names a format).
  std::vector<std::string> extensions = {".txt", ".md",    ".markdown", ".html",
                                         ".htm", ".jsonl", ".ndjson",   ".csv"};
  // Files larger than this are skipped with a warning. Default 64 MiB.
  std::uint64_t max_file_bytes = 64ull << 20;
  // The CSV column holding the text (case-insensitive). Default "text".
  std::string text_column = "text";
  // Reading one share of the inputs (an MPI rank's): only the inputs whose position in reading
  // order (Document::input) modulo `shard_count` is `shard_index` are read; the others are
  // walked past, not opened. Default 1: everything. With more than one share, standard input is
  // refused and a share without documents is not an error (CheckCorpusReadable then checks the
  // shares put together).
  std::size_t shard_count = 1;
  std::size_t shard_index = 0;
};

struct Corpus {
  std::vector<Document> documents;  // in input order: arguments in order, directories sorted
  std::vector<IngestWarning> warnings;
  std::size_t files_read = 0;       // inputs (files, standard input) that gave a document
  std::size_t files_skipped = 0;    // inputs that gave none: unreadable, binary, empty, too big
  std::size_t records_skipped = 0;  // lines, records or texts skipped inside files that were read
  std::size_t files_ignored = 0;    // files in walked folders without a known extension
  std::size_t files_found = 0;      // files in walked folders with a known extension (every share)
  std::uint64_t bytes_read = 0;
  // The options the corpus was read with, to read a document's file again the same way.
  IngestOptions read_with;
};

// Builds one document from a text or Markdown file: optional front matter ("---" lines around
// `key: value` lines; title, date, tags as "[a, b]" or "- item" lines, other keys as metadata),
// title, body. A leading UTF-8 byte-order mark is skipped. The date is kept when ParseDate
// reads it; otherwise it stays in the metadata as "date".
Document ParseDocument(std::string_view content, std::string id, std::string source_path);

// Reads every path in order. A directory is walked recursively in byte-wise sorted order, taking
// files with one of `options.extensions` (hidden entries are left out; symbolic links are
// followed, but a directory reached twice, as through a link loop, is skipped with a warning).
// "-" reads standard input from `stdin_stream` (as text, or IRaMuTeQ when it looks like it).
// Each file's bytes are checked (binary, empty, over max_file_bytes), decoded to UTF-8
// (encoding.hpp, with a warning when converted) and parsed by its format (formats.hpp). What
// cannot be used is skipped with a warning naming it and counted in files_skipped or
// records_skipped. Fails with
//  - kNotFound when a path does not exist,
//  - kEmptyInput when a directory holds no matching file, or nothing readable was found at all,
//  - kInvalidArgument when "-" is given twice or without a stream.
// Reads the file `path` again exactly as LoadCorpus did (same decoding and parsing) and returns
// the documents it gives, in file order, so that documents[doc.record] is `doc` again if the
// file has not changed. Used to quote passages of documents whose text was released. Fails
// (kIoError, kInvalidArgument) when the file can no longer be read or gives no document.
Result<std::vector<Document>> RereadFile(const std::string& path, const IngestOptions& options);

// Where a document is in its file: Document::record and Document::text_offset.
struct DocumentPlace {
  std::size_t record = 0;
  std::size_t text_offset = 0;
};

// Whether `text` is the text analysed of wanted document `i` (its size and fingerprint).
using TextCheck = std::function<bool(std::size_t i, std::string_view text)>;

// The texts of some documents of the file `path`, read again as LoadCorpus read them, in the
// order of `wanted`; an entry is empty when the file no longer gives that document. A JSONL file
// is parsed only at the lines of the wanted documents (quoting three posts of a file of 250,000
// does not parse the 250,000 again); with `analysed`, those lines are first read straight from
// the file at their offsets (right for UTF-8 without a byte-order mark), and the file is read
// whole only when a text found so is not the one analysed. Other formats are parsed whole
// (RereadFile). The caller checks each text it is given. Fails as RereadFile.
Result<std::vector<std::optional<std::string>>> RereadTexts(
    const std::string& path, const IngestOptions& options, const std::vector<DocumentPlace>& wanted,
    const TextCheck& analysed = {});

// Files are read and parsed on `threads` threads (0 = all cores); the corpus does not depend on
// it. With options.shard_count > 1, only that share of the inputs is read (see IngestOptions),
// "-" fails with kInvalidArgument, and the kEmptyInput checks that need every share are left
// to CheckCorpusReadable.
//
// `files_read`, when given, is told how many of the files queued so far have been read, as they
// are (from the reading threads, one call at a time, at most about 200 calls a folder): for a
// progress line.
using FilesReadFn = std::function<void(std::size_t done, std::size_t total)>;
Result<Corpus> LoadCorpus(const std::vector<std::string>& paths, const IngestOptions& options,
                          std::istream* stdin_stream, int threads = 0,
                          const FilesReadFn& files_read = {});

// Reading a corpus too large to hold whole (ten million posts): LoadCorpus in consecutive
// batches. Each time the documents read since the last batch hold `batch_bytes` of texts and
// number at least `min_documents`, they are handed to `batch` (with the counters and warnings
// of the inputs they came from; a batch ends between files, so one file's documents are in one
// batch) and reading goes on; what is left when the inputs end is returned, perhaps nothing.
// Concatenated in order, the batches and the rest hold the documents, warnings and counters
// LoadCorpus would give (files_found and files_ignored summed), except that the kEmptyInput
// check is left to the caller once a batch was handed. A batch's failure ends reading with its
// status. Standard input ("-") is refused (kInvalidArgument).
using CorpusBatchFn = std::function<Status(Corpus&& batch)>;
Result<Corpus> LoadCorpusInBatches(const std::vector<std::string>& paths,
                                   const IngestOptions& options, int threads,
                                   const FilesReadFn& files_read, std::uint64_t batch_bytes,
                                   std::size_t min_documents, const CorpusBatchFn& batch);

// The check LoadCorpus makes last, for a corpus read from `paths` (or put together from the
// shares read from them): fails with kEmptyInput when it has no document, naming the folder and
// the first reason when `paths` is one folder.
Status CheckCorpusReadable(const std::vector<std::string>& paths, const Corpus& corpus);

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_CORPUS_HPP_
