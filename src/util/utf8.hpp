// The library's one UTF-8 codec (not part of the public API): decode a code point, encode one,
// validate a string, cut a string at a code-point boundary. Decoding is strict, as the Unicode
// standard defines well-formed UTF-8 (its table 3-7): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing past U+10FFFF. The one-character functions are inline because the
// tokenizer's fast path calls them for every non-ASCII character.
#ifndef TRENDSCAN_SRC_UTIL_UTF8_HPP_
#define TRENDSCAN_SRC_UTIL_UTF8_HPP_

#include <cstddef>
#include <string>
#include <string_view>

namespace trendscan::internal {

// True for the bytes 10xxxxxx, which continue a sequence and never start one.
inline bool IsUtf8Continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// A code point read from UTF-8, and the number of bytes it took.
struct Utf8Char {
  char32_t code_point = 0;
  int length = 0;  // 1 to 4; 0 when the bytes are not a well-formed sequence
};

// The code point whose UTF-8 starts at `p` (p < end). Returns length 0 (and code point 0) for a
// continuation byte, a byte that never occurs in UTF-8 (C0, C1, F5..FF), an overlong form, a
// surrogate, a value past U+10FFFF, or a sequence cut short by `end`.
inline Utf8Char DecodeUtf8(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  if (c < 0x80) return {c, 1};
  if (c < 0xC2) return {};  // a continuation byte, or C0/C1 (only ever overlong)
  const std::ptrdiff_t left = end - p;
  if (c < 0xE0) {
    if (left < 2 || !IsUtf8Continuation(p[1])) return {};
    return {static_cast<char32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if (c < 0xF0) {
    if (left < 3 || !IsUtf8Continuation(p[1]) || !IsUtf8Continuation(p[2])) return {};
    const char32_t cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, 3};
  }
  if (c < 0xF5) {
    if (left < 4 || !IsUtf8Continuation(p[1]) || !IsUtf8Continuation(p[2]) ||
        !IsUtf8Continuation(p[3])) {
      return {};
    }
    const char32_t cp =
        ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return {};
    return {cp, 4};
  }
  return {};
}

// The same on a string_view: the code point starting at byte `at` (at < text.size()).
inline Utf8Char DecodeUtf8(std::string_view text, std::size_t at) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  return DecodeUtf8(begin + at, begin + text.size());
}

// Writes the UTF-8 of `cp` at `out`, which must have room for 4 bytes, and returns the end.
// `cp` must be a Unicode scalar value (at most U+10FFFF, not a surrogate).
inline char* EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Appends the UTF-8 of `cp` (a Unicode scalar value, as for EncodeUtf8) to `out`.
inline void AppendUtf8(char32_t cp, std::string* out) {
  char buffer[4];
  out->append(buffer, static_cast<std::size_t>(EncodeUtf8(cp, buffer) - buffer));
}

// True when `text` is well-formed UTF-8: every code point decodes with DecodeUtf8.
bool IsValidUtf8(std::string_view text);

// The number of code points of `text`, counted as the bytes that are not continuation bytes
// (so a stray continuation byte counts for nothing, and any other invalid byte for one).
inline std::size_t CountCodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += !IsUtf8Continuation(static_cast<unsigned char>(c));
  return n;
}

// The longest prefix of `text` with at most `max_code_points` code points (counted as
// CountCodePoints counts them): cut before a byte that starts a code point, never inside one.
std::string_view Utf8Prefix(std::string_view text, std::size_t max_code_points);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_UTF8_HPP_
