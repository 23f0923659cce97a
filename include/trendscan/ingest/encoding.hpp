// Raw bytes to UTF-8: binary detection, byte-order marks, and charset detection for text that
// is not UTF-8 (ICU's detector and converters; ICU stays out of this header).
#ifndef TRENDSCAN_INGEST_ENCODING_HPP_
#define TRENDSCAN_INGEST_ENCODING_HPP_

#include <string>
#include <string_view>

#include "trendscan/status.hpp"

namespace trendscan {

// Why `bytes` look like a binary file rather than text ("contains NUL bytes", "PNG image",
// "PDF document"...), or "" when they may be text. Only the first 64 KiB are inspected.
// UTF-16 and UTF-32 text with a byte-order mark is text, although it holds NUL bytes.
std::string BinaryReason(std::string_view bytes);

struct DecodedText {
  std::string text;        // UTF-8, without a byte-order mark
  std::string encoding;    // "UTF-8", or the charset the bytes were converted from ("ISO-8859-1")
  bool converted = false;  // true when `encoding` is not UTF-8
  int confidence = 100;    // ICU's confidence (0-100) in `encoding` when it was detected
  bool from_bom = false;   // the encoding came from a UTF-16/UTF-32 byte-order mark
  // Mostly-valid UTF-8 read as UTF-8: how many bytes were not UTF-8 (each became U+FFFD), and
  // the offset of the first in the bytes given (a byte-order mark counted). 0 when none.
  std::size_t repaired_bytes = 0;
  std::size_t first_repaired_offset = 0;
};

// Decodes `bytes` to UTF-8:
//  - valid UTF-8 is used as is; a UTF-8 byte-order mark is dropped;
//  - a UTF-16/UTF-32 byte-order mark selects that encoding;
//  - mostly-valid UTF-8 (well-formed multibyte sequences, no fewer of them than bytes that are
//    not UTF-8, and those at most 1% of the bytes, or just one) is read as UTF-8, each bad byte
//    becoming U+FFFD (counted in repaired_bytes): one stray byte must not turn a UTF-8 essay into
//    mojibake;
//  - anything else is detected with ICU's charset detector (`declared`, e.g. an HTML meta
//    charset, is given to it as a hint) and converted. When the detector has no usable answer
//    (confidence under 20%, or only UTF-16/UTF-32 without a byte-order mark, which would hold
//    NUL bytes), windows-1252 (Latin-1 plus the typographic characters of 0x80-0x9F) is assumed: it
//    is the most common non-UTF-8 encoding of French text and can decode any byte.
// Bytes the chosen encoding cannot map become U+FFFD; decoding never fails on content. Fails
// (kInternal) only if ICU cannot open a converter at all.
Result<DecodedText> DecodeText(std::string_view bytes, std::string_view declared = {});
// The same, taking the bytes over: valid UTF-8 (the usual case) becomes the text without a copy.
Result<DecodedText> DecodeTextInPlace(std::string&& bytes, std::string_view declared = {});

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_ENCODING_HPP_
