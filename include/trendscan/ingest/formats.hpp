// Input formats: UTF-8 text of one file in, documents out. No file system here: ingestion
// (corpus.hpp) reads and decodes the bytes, picks the format, and calls these.
//
// Every parser takes `id` (the file's document id, e.g. "2009/posts.jsonl") and `source` (the
// path named in messages and kept as Document::source_path). Formats that hold many documents
// give each the id "<id>#<n>": the line number for JSONL, the record number (1 = first record
// after the header) for CSV, the text number for IRaMuTeQ. Problems inside a file (a bad line,
// a record without its text) are returned as warnings naming the file and the line, and the
// part is skipped; nothing here fails or throws on content.
#ifndef TRENDSCAN_INGEST_FORMATS_HPP_
#define TRENDSCAN_INGEST_FORMATS_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/ingest/corpus.hpp"

namespace trendscan {

enum class InputFormat { kText, kMarkdown, kHtml, kJsonLines, kCsv, kIramuteq };

// "text", "markdown", "html", "jsonl", "csv", "iramuteq".
std::string_view FormatName(InputFormat format);

// The format a file's extension announces (case-insensitive): .md/.markdown, .html/.htm,
// .jsonl/.ndjson, .csv; anything else, .txt included, is kText. kIramuteq has no extension of
// its own (IRaMuTeQ corpora are .txt files): see LooksLikeIramuteq.
InputFormat FormatFromExtension(std::string_view path);

// True for an IRaMuTeQ text opener: "****", white space, then one or more starred variables
// ("**** *annee_2009 *auteur_claire"), each a '*' followed by a name (not another '*').
bool IsIramuteqOpener(std::string_view line);

// Why `text` would be read as IRaMuTeQ: the line (1-based) of its first opener
// (IsIramuteqOpener), 0 when it has none, and the line of its first non-blank line.
struct IramuteqEvidence {
  std::size_t opener_line = 0;
  std::size_t first_line = 0;
};
IramuteqEvidence FindIramuteqOpener(std::string_view text);

// True when `text` reads as an IRaMuTeQ/ALCESTE corpus: some line is a real opener
// (IsIramuteqOpener), so text before the first opener is allowed. A line of asterisks, a lone
// "****" or "**** * NOTE ****" is not enough: ordinary files use them as separators.
bool LooksLikeIramuteq(std::string_view text);

// The charset an HTML file declares in its first 1024 bytes (<meta charset="..."> or
// content="...; charset=..."), or "" when it declares none.
std::string DeclaredHtmlCharset(std::string_view bytes);

// What one file gave.
struct ParsedInput {
  std::vector<Document> documents;      // those with some text, in file order
  std::vector<IngestWarning> warnings;  // problems, each naming the file (and line)
  std::size_t records_skipped = 0;      // lines, records or texts skipped inside the file
  // When `documents` is empty: why ("no text after the front matter", "no column named
  // 'text'..."), for the warning that skips the whole file.
  std::string skip_reason;
};

// .txt and .md: one document; front matter as in ParseDocument. A `date:` that ParseDate does
// not understand stays in the metadata, with a warning.
ParsedInput ParseTextFile(std::string_view text, const std::string& id, const std::string& source);

// .html/.htm: the visible text (script, style, template, noscript and comments dropped; block
// elements end paragraphs; entities decoded). The title comes from <title>, else the first <h1>.
// The date comes from <meta name="date"|"dc.date"|"article:published_time"...> or the first
// <time datetime>; <meta name="author"|"keywords"|"description"> become metadata.
ParsedInput ParseHtml(std::string_view text, const std::string& id, const std::string& source);

// .jsonl: one JSON object a line; "text" (a string) is required; "title", "date" and "id" are
// optional ("id" is kept in the metadata: the document id stays "<file>#<line>" so it is unique
// across files); other strings, numbers and booleans, and arrays of them (joined with ", "),
// become metadata. Blank lines are ignored; any other bad line is skipped with a warning.
ParsedInput ParseJsonLines(std::string_view text, const std::string& id, const std::string& source);

// .csv: RFC 4180 (quoted fields with "" escapes and line breaks); the delimiter (',', ';' or
// tab) is the one the header line uses most. The header names the columns; `text_column`
// (case-insensitive) holds the text; "id", "title" and "date" columns are used as in JSONL;
// other non-empty fields become metadata. A record whose field count differs from the header's,
// or whose text is empty, is skipped with a warning; a header without `text_column` gives no
// document and a warning listing the columns.
ParsedInput ParseCsv(std::string_view text, const std::string& id, const std::string& source,
                     std::string_view text_column);

// IRaMuTeQ/ALCESTE: each text opens with a "****" line of "*variable_value" words (an opener,
// IsIramuteqOpener, or a bare "****"; a longer line of asterisks is text), which become metadata
// ("*annee_2009" -> annee = 2009); a variable named annee, année, an, year, date or jour gives the
// date when ParseDate reads its value ("_" may stand for "-").
// "-*thematic" lines are removed from the text and their names listed in the metadata key
// "thematics". Text before the first "****" line, and empty texts, are skipped with a warning.
// The title is the variable line ("*annee_2009 *auteur_claire"), else "<file name> #<n>".
ParsedInput ParseIramuteq(std::string_view text, const std::string& id, const std::string& source);

// Calls the parser for `format`.
ParsedInput ParseInput(InputFormat format, std::string_view text, const std::string& id,
                       const std::string& source, std::string_view text_column);

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_FORMATS_HPP_
