// The UTF-8 codec: a table of edge cases, every short sequence against the Unicode standard's
// table of well-formed byte sequences, and the decoders, validator and cut it replaced (as they
// were written in the tokenizer, the JSON writer and text_util before) as the reference.
#include "util/utf8.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "util/text_util.hpp"

namespace trendscan::internal {
namespace {

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Utf8Char Decode(const std::string& s) { return DecodeUtf8(Bytes(s), Bytes(s) + s.size()); }

TEST_CASE("DecodeUtf8: each edge case gives its code point and length, or length 0") {
  const struct {
    const char* name;
    std::string bytes;
    char32_t code_point;
    int length;  // 0: invalid
  } kCases[] = {
      {"NUL", std::string(1, '\0'), 0, 1},
      {"ASCII", "A", U'A', 1},
      {"last ASCII", "\x7F", 0x7F, 1},
      {"first 2-byte", "\xC2\x80", 0x80, 2},
      {"é", "\xC3\xA9", U'é', 2},
      {"last 2-byte", "\xDF\xBF", 0x7FF, 2},
      {"first 3-byte", "\xE0\xA0\x80", 0x800, 3},
      {"’", "\xE2\x80\x99", U'’', 3},
      {"€", "\xE2\x82\xAC", U'€', 3},
      {"last before the surrogates", "\xED\x9F\xBF", 0xD7FF, 3},
      {"first after the surrogates", "\xEE\x80\x80", 0xE000, 3},
      {"U+FFFD", "\xEF\xBF\xBD", 0xFFFD, 3},
      {"U+FFFF (a noncharacter, but well-formed)", "\xEF\xBF\xBF", 0xFFFF, 3},
      {"first 4-byte", "\xF0\x90\x80\x80", 0x10000, 4},
      {"emoji 🎉", "\xF0\x9F\x8E\x89", 0x1F389, 4},
      {"emoji 😀", "\xF0\x9F\x98\x80", 0x1F600, 4},
      {"max code point U+10FFFF", "\xF4\x8F\xBF\xBF", 0x10FFFF, 4},
      // Overlong forms: a shorter sequence exists.
      {"overlong / in 2 bytes", "\xC0\xAF", 0, 0},
      {"overlong NUL in 2 bytes", "\xC0\x80", 0, 0},
      {"overlong U+007F in 2 bytes", "\xC1\xBF", 0, 0},
      {"overlong U+07FF in 3 bytes", "\xE0\x9F\xBF", 0, 0},
      {"overlong NUL in 3 bytes", "\xE0\x80\x80", 0, 0},
      {"overlong U+FFFF in 4 bytes", "\xF0\x8F\xBF\xBF", 0, 0},
      // Surrogates, first and last.
      {"surrogate U+D800", "\xED\xA0\x80", 0, 0},
      {"surrogate U+DFFF", "\xED\xBF\xBF", 0, 0},
      {"CESU-8 pair for U+10000", "\xED\xA0\x80\xED\xB0\x80", 0, 0},
      // Past U+10FFFF, and bytes that never occur.
      {"U+110000", "\xF4\x90\x80\x80", 0, 0},
      {"lead F5", "\xF5\x80\x80\x80", 0, 0},
      {"lead F8 (old 5-byte form)", "\xF8\x88\x80\x80\x80", 0, 0},
      {"FE", "\xFE", 0, 0},
      {"FF", "\xFF", 0, 0},
      // Continuation bytes without a lead.
      {"stray 80", "\x80", 0, 0},
      {"stray BF", "\xBF", 0, 0},
      // Truncated sequences: the string ends.
      {"2-byte cut after 1", "\xC3", 0, 0},
      {"3-byte cut after 1", "\xE2", 0, 0},
      {"3-byte cut after 2", "\xE2\x80", 0, 0},
      {"4-byte cut after 3", "\xF0\x9F\x8E", 0, 0},
      // Truncated sequences: a byte that is not a continuation comes first.
      {"2-byte then ASCII", "\xC3(", 0, 0},
      {"3-byte, ASCII third", "\xE2\x80(", 0, 0},
      {"4-byte, ASCII second", "\xF0(\x8E\x89", 0, 0},
      {"4-byte, lead byte fourth", "\xF0\x9F\x8E\xC3", 0, 0},
  };
  for (const auto& c : kCases) {
    const std::string name = c.name;
    CAPTURE(name);
    const Utf8Char got = Decode(c.bytes);
    CHECK(got.length == c.length);
    CHECK(got.code_point == c.code_point);
    CHECK(IsValidUtf8(c.bytes) == (c.length == static_cast<int>(c.bytes.size())));
  }
}

TEST_CASE("DecodeUtf8 reads nothing at or past `end`, even well-formed bytes") {
  const std::string s = "\xF0\x9F\x8E\x89";
  for (std::size_t cut = 1; cut < s.size(); ++cut) {
    CAPTURE(cut);
    CHECK(DecodeUtf8(Bytes(s), Bytes(s) + cut).length == 0);
  }
  CHECK(DecodeUtf8(Bytes(s), Bytes(s) + s.size()).length == 4);
  const std::string word = "d\xC3\xA9j\xC3\xA0";
  CHECK(DecodeUtf8(word, 1).code_point == U'é');
  CHECK(DecodeUtf8(word, 1).length == 2);                                 // the length of é alone
  CHECK(DecodeUtf8(word, 2).length == 0);                                 // inside é
  CHECK(DecodeUtf8(std::string_view(word).substr(0, 5), 4).length == 0);  // à cut short
}

// Well-formed UTF-8 as the Unicode standard lists it (table 3-7): the allowed range of each
// byte after the lead byte. Written as byte ranges, unlike the codec, which computes the value.
Utf8Char ByTable37(const unsigned char* p, std::size_t size) {
  const unsigned char c = p[0];
  if (c <= 0x7F) return {c, 1};
  int n;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    n = 3;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 4;
  } else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else {
    return {};
  }
  if (size < static_cast<std::size_t>(n) || p[1] < lo || p[1] > hi) return {};
  for (int i = 2; i < n; ++i) {
    if (p[i] < 0x80 || p[i] > 0xBF) return {};
  }
  const char32_t lead_bits = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  char32_t cp = lead_bits;
  for (int i = 1; i < n; ++i) cp = (cp << 6) | (p[i] & 0x3F);
  return {cp, n};
}

// The tokenizer's fast-path decoder before the codec (2949d90): no 4-byte sequences, which it
// left to ICU.
Utf8Char OldTokenizerDecode(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  if (c < 0x80) return {c, 1};
  if ((c & 0xE0) == 0xC0 && end - p >= 2 && (p[1] & 0xC0) == 0x80 && c >= 0xC2) {
    return {static_cast<char32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if ((c & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const char32_t cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
  }
  return {0, 0};
}

// The JSON writer's sequence length before the codec (2949d90), for a byte >= 0x80.
std::size_t OldJsonSequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  std::size_t n;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return n;
}

// Checks the codec on the `size` bytes at p against table 3-7 and the decoders it replaced.
void CheckAgainstReferences(const unsigned char* p, std::size_t size, int* failures) {
  const Utf8Char got = DecodeUtf8(p, p + size);
  const Utf8Char table = ByTable37(p, size);
  const Utf8Char tokenizer = OldTokenizerDecode(p, p + size);
  bool ok = got.length == table.length && got.code_point == table.code_point;
  // The tokenizer saw the same characters, and now also decodes the 4-byte ones.
  ok = ok && (tokenizer.length != 0
                  ? got.length == tokenizer.length && got.code_point == tokenizer.code_point
                  : got.length == 0 || got.length == 4);
  if (p[0] >= 0x80) {
    ok = ok && static_cast<std::size_t>(got.length) == OldJsonSequenceLength(p, p + size);
  }
  if (!ok && ++*failures <= 5) {
    std::string hex;
    for (std::size_t i = 0; i < size; ++i) hex += std::to_string(p[i]) + " ";
    FAIL_CHECK("disagreement on bytes " << hex);
  }
}

TEST_CASE("DecodeUtf8 agrees with table 3-7 and the old decoders on every 1- to 3-byte string") {
  int failures = 0;
  unsigned char b[3];
  for (int x = 0; x < 256; ++x) {
    b[0] = static_cast<unsigned char>(x);
    CheckAgainstReferences(b, 1, &failures);
    for (int y = 0; y < 256; ++y) {
      b[1] = static_cast<unsigned char>(y);
      CheckAgainstReferences(b, 2, &failures);
      for (int z = 0; z < 256; ++z) {
        b[2] = static_cast<unsigned char>(z);
        CheckAgainstReferences(b, 3, &failures);
      }
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("DecodeUtf8 agrees with table 3-7 on 4-byte strings around every boundary") {
  // Every lead byte, with following bytes from just below, at, and just above each boundary.
  const unsigned char kFollowing[] = {0x00, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F,
                                      0xA0, 0xBE, 0xBF, 0xC0, 0xC2, 0xF4, 0xFF};
  int failures = 0;
  std::size_t valid = 0;
  unsigned char b[4];
  for (int lead = 0; lead < 256; ++lead) {
    b[0] = static_cast<unsigned char>(lead);
    for (unsigned char x : kFollowing) {
      for (unsigned char y : kFollowing) {
        for (unsigned char z : kFollowing) {
          b[1] = x;
          b[2] = y;
          b[3] = z;
          CheckAgainstReferences(b, 4, &failures);
          valid += DecodeUtf8(b, b + 4).length == 4;
        }
      }
    }
  }
  CHECK(failures == 0);
  CHECK(valid > 1000);  // the 4-byte sequences were exercised
}

// The UTF-8 rules, one code point at a time, as the reference for the vectorised check (moved
// from the ingest tests with IsValidUtf8).
bool ReferenceValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

// Truncate before the codec (2949d90).
std::string OldTruncate(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
      ++chars;
    }
  }
  return std::string(text);
}

// Random strings of mostly valid pieces, so that long valid strings with a late error are
// common, and ASCII runs long enough for the sixteen-byte skip.
class RandomText {
 public:
  std::size_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state_ >> 33);
  }
  std::string Make() {
    static const std::string kPieces[] = {"a",
                                          "tout le monde ",
                                          "abcdefghijklmnopqrstuvwxyz0123456789",
                                          "\xC3\xA9",
                                          "\xE2\x80\x99",
                                          "\xF0\x9F\x8E\x89",
                                          "\xC3",
                                          "\x80",
                                          "\xC0\xAF",
                                          "\xED\xA0\x80",
                                          "\xF4\x90\x80\x80",
                                          "\xE0\x9F\xBF",
                                          "\xFF",
                                          "\xEF\xBF\xBD"};
    std::string s;
    const std::size_t parts = Next() % 12;
    for (std::size_t i = 0; i < parts; ++i) {
      s += kPieces[Next() % 100 < 85 ? Next() % 6 : Next() % std::size(kPieces)];
    }
    return s;
  }

 private:
  std::uint64_t state_ = 12345;
};

TEST_CASE("IsValidUtf8 agrees with the rules on random text, long ASCII runs included") {
  RandomText random;
  std::size_t valid = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const std::string s = random.Make();
    CAPTURE(s);
    const bool expected = ReferenceValidUtf8(s);
    valid += expected;
    REQUIRE(IsValidUtf8(s) == expected);
  }
  CHECK(valid > 5000);  // both answers were exercised
  CHECK(valid < 19000);
}

TEST_CASE("EncodeUtf8 writes the shortest form at each length boundary") {
  const struct {
    char32_t code_point;
    std::string bytes;
  } kCases[] = {
      {0, std::string(1, '\0')},
      {0x7F, "\x7F"},
      {0x80, "\xC2\x80"},
      {U'é', "\xC3\xA9"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {U'’', "\xE2\x80\x99"},
      {0xD7FF, "\xED\x9F\xBF"},
      {0xE000, "\xEE\x80\x80"},
      {0xFFFD, "\xEF\xBF\xBD"},
      {0xFFFF, "\xEF\xBF\xBF"},
      {0x10000, "\xF0\x90\x80\x80"},
      {0x1F389, "\xF0\x9F\x8E\x89"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
  };
  for (const auto& c : kCases) {
    CAPTURE(static_cast<std::uint32_t>(c.code_point));
    char buffer[4];
    CHECK(std::string(buffer, EncodeUtf8(c.code_point, buffer)) == c.bytes);
    std::string appended = "x";
    AppendUtf8(c.code_point, &appended);
    CHECK(appended == "x" + c.bytes);
  }
}

TEST_CASE("every scalar value encodes to well-formed UTF-8 that decodes back to it") {
  int failures = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp == 0xD800) cp = 0xE000;  // surrogates are not scalar values
    char buffer[4];
    const std::string bytes(buffer, EncodeUtf8(cp, buffer));
    const int expected_length = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const Utf8Char back = Decode(bytes);
    if ((back.code_point != cp || back.length != expected_length ||
         static_cast<int>(bytes.size()) != expected_length) &&
        ++failures <= 5) {
      FAIL_CHECK("code point " << static_cast<std::uint32_t>(cp));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("Utf8Prefix and CountCodePoints count code points, never splitting one") {
  const std::string fete = "f\xC3\xAAte";                                 // fête
  const std::string party = std::string("a") + "\xF0\x9F\x8E\x89" + "b";  // a🎉b
  CHECK(CountCodePoints("") == 0);
  CHECK(CountCodePoints(fete) == 4);
  CHECK(CountCodePoints(party) == 3);
  CHECK(CountCodePoints("\x80\x80") == 0);  // continuation bytes alone count for nothing
  CHECK(Utf8Prefix(fete, 0) == "");
  CHECK(Utf8Prefix(fete, 1) == "f");
  CHECK(Utf8Prefix(fete, 2) == "f\xC3\xAA");
  CHECK(Utf8Prefix(fete, 4) == fete);
  CHECK(Utf8Prefix(fete, 100) == fete);
  CHECK(Utf8Prefix(party, 1) == "a");
  CHECK(Utf8Prefix(party, 2) == "a\xF0\x9F\x8E\x89");
  CHECK(Utf8Prefix("", 3) == "");
  CHECK(Truncate(fete, 2) == "f\xC3\xAA…");
  CHECK(Truncate(fete, 4) == fete);
}

TEST_CASE("Truncate cuts as it did before the codec, on random text of any validity") {
  RandomText random;
  for (int trial = 0; trial < 5000; ++trial) {
    const std::string s = random.Make();
    const std::size_t max_chars = random.Next() % 40;
    CAPTURE(s);
    CAPTURE(max_chars);
    REQUIRE(Truncate(s, max_chars) == OldTruncate(s, max_chars));
    REQUIRE(Utf8Prefix(s, max_chars).size() <= s.size());
  }
}

}  // namespace
}  // namespace trendscan::internal
