// Text, units: documents are cut into units, the things that get clustered. A unit is a whole
// document, a paragraph, or a segment of about N words cut at sentence punctuation (the
// Reinert / IRaMuTeQ tradition clusters ~40-word segments). Every unit knows its document and
// its byte range in the document's text, so a report can quote it and point back to the file.
#ifndef TRENDSCAN_TEXT_SEGMENTER_HPP_
#define TRENDSCAN_TEXT_SEGMENTER_HPP_

#include <cstddef>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"

namespace trendscan {

enum class UnitKind { kDocument, kParagraph, kSegment };

// "document", "paragraph", "segment".
std::string_view UnitKindName(UnitKind kind);
// The inverse of UnitKindName; fails (kInvalidArgument) on any other name.
Result<UnitKind> ParseUnitKind(std::string_view name);

struct SegmenterOptions {
  // What a unit is. Default: the whole document (see README, "Choosing the unit").
  UnitKind kind = UnitKind::kDocument;
  // Target length of a segment in words (whitespace-separated), used with kSegment only.
  // Default 40, IRaMuTeQ's default. Must be >= 1.
  int segment_words = 40;
  // Paragraphs and segments with fewer words (CountWords) are too short to say what they are
  // about: a byline, a list of tags, "Nouveau commentaire". The pipeline leaves them out of
  // the themes and reports them. Default 12; for segments at most half of segment_words.
  int min_unit_words = 12;
};

// The words of a text: runs of non-space characters holding at least one letter, digit or
// non-ASCII character (so "|", ":" or "-" alone are not words).
std::size_t CountWords(std::string_view text);

// A unit: [begin, end) byte offsets into its document's text (Document::text). Offsets always
// fall on UTF-8 character boundaries (cuts are made at ASCII white space).
struct Unit {
  std::size_t document = 0;  // index of the document in the corpus
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The units of one text, in text order, tagged with `document`. Units never include leading or
// trailing white space and are never empty; a text of white space only has no unit.
//  - kDocument: the whole text (trimmed).
//  - kParagraph: runs of non-blank lines; a blank line (white space only) separates paragraphs.
//  - kSegment: each paragraph is cut into pieces of about segment_words words. A cut is made
//    after a word ending a sentence (. ! ? … possibly followed by closing quotes or brackets)
//    as close as possible to segment_words words, within [segment_words/2, 3*segment_words/2];
//    failing that after a word ending in , ; or :, failing that after exactly segment_words
//    words. A paragraph's remainder of at most 3*segment_words/2 words is kept whole, so no
//    tiny tail segment is left. Segments never cross paragraphs.
std::vector<Unit> SegmentText(std::string_view text, std::size_t document,
                              const SegmenterOptions& options);

// SegmentText over every text, concatenated in document order.
std::vector<Unit> SegmentTexts(const std::vector<std::string_view>& texts,
                               const SegmenterOptions& options);

}  // namespace trendscan

#endif  // TRENDSCAN_TEXT_SEGMENTER_HPP_
