// Ingestion: files and standard input in, documents out. The only stage besides the CLI that
// touches the file system.
#ifndef TRENDSCAN_CORPUS_HPP_
#define TRENDSCAN_CORPUS_HPP_

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trendscan/status.hpp"

namespace trendscan {

struct Document {
  // Stable identifier: the path relative to the directory argument it was found under
  // ("2009/blog.md"), the path as given for a file argument, or "-" for standard input.
  std::string id;
  // The path the text was read from ("-" for standard input).
  std::string source_path;
  // From front matter `title:`, else the first non-empty line (Markdown '#' removed) when it is
  // short enough to be a title, else the file name without extension.
  std::string title;
  // From front matter `date:` when it reads as ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD); else "".
  std::string date;
  // Other front-matter keys, in file order.
  std::vector<std::pair<std::string, std::string>> metadata;
  // The body, UTF-8 (front matter removed; invalid bytes left for the tokenizer to replace).
  std::string text;
  // Byte offset of `text` in the source, so later stages can point back into the file.
  std::size_t text_offset = 0;
};

// Something skipped or repaired while reading, to be shown to the user.
struct IngestWarning {
  std::string path;
  std::string message;
};

struct Corpus {
  std::vector<Document> documents;  // in input order: arguments in order, directories sorted
  std::vector<IngestWarning> warnings;
  std::size_t files_skipped = 0;
  std::uint64_t bytes_read = 0;
};

struct IngestOptions {
  // Extensions read when walking a directory (lower case, with the dot). Files named directly
  // on the command line are read whatever their extension.
  std::vector<std::string> extensions = {".txt", ".md"};
};

// Builds one document from the raw bytes of a file or stream: front matter, title, body.
Document ParseDocument(std::string_view content, std::string id, std::string source_path);

// Reads every path in order. A directory is walked recursively in byte-wise sorted order, taking
// regular files with one of `options.extensions` (hidden entries and directory symlinks are
// skipped, so a symlink loop cannot trap the walk). "-" reads one document from `stdin_stream`.
// Unreadable or empty files are skipped with a warning. Fails with
//  - kNotFound when a path does not exist,
//  - kEmptyInput when a directory holds no matching file, or nothing readable was found at all,
//  - kIoError when the only inputs could not be read.
Result<Corpus> LoadCorpus(const std::vector<std::string>& paths, const IngestOptions& options,
                          std::istream* stdin_stream);

}  // namespace trendscan

#endif  // TRENDSCAN_CORPUS_HPP_
