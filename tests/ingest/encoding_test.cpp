#include "trendscan/ingest/encoding.hpp"

#include <doctest/doctest.h>

#include <string>

#include "test_util.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

const std::string kIngest = std::string(TRENDSCAN_SOURCE_DIR) + "/tests/data/ingest/";

TEST_CASE("valid UTF-8 is used as is, without its byte-order mark") {
  Result<DecodedText> d = DecodeText("démocratie");
  REQUIRE(d.ok());
  CHECK(d->text == "démocratie");
  CHECK(d->encoding == "UTF-8");
  CHECK_FALSE(d->converted);
  d = DecodeText(testing::ReadAll(kIngest + "bom.txt"));
  REQUIRE(d.ok());
  CHECK(d->text.rfind("Titre avec BOM\n", 0) == 0);
  CHECK_FALSE(d->converted);
}

TEST_CASE("Latin-1 and windows-1252 French text is detected and converted") {
  Result<DecodedText> d = DecodeText(testing::ReadAll(kIngest + "latin1.txt"));
  REQUIRE(d.ok());
  CHECK(d->converted);
  CHECK(d->encoding == "ISO-8859-1");
  CHECK(d->text.find("À Noël, les élèves ont écrit") != std::string::npos);

  d = DecodeText(testing::ReadAll(kIngest + "cp1252.txt"));
  REQUIRE(d.ok());
  CHECK(d->encoding == "windows-1252");
  // 0x92, 0x9C, 0x96, 0x85: the apostrophe, œ, the dash and the ellipsis of windows-1252.
  CHECK(d->text.find("L’été du blog") != std::string::npos);
  CHECK(d->text.find("cœur du quartier – une fête") != std::string::npos);
  CHECK(d->text.find("avis…") != std::string::npos);
}

TEST_CASE("a word too short for the detector is read as windows-1252, never UTF-16") {
  // ICU guesses UTF-16BE (10%) for these four bytes; that guess is ignored.
  Result<DecodedText> d = DecodeText("\xE9t\xE9\n");
  REQUIRE(d.ok());
  CHECK(d->encoding == "windows-1252");
  CHECK(d->confidence == 0);
  CHECK(d->text == "été\n");
}

TEST_CASE("a UTF-16 byte-order mark selects UTF-16") {
  Result<DecodedText> d = DecodeText(testing::ReadAll(kIngest + "utf16.txt"));
  REQUIRE(d.ok());
  CHECK(d->encoding == "UTF-16LE");
  CHECK(d->from_bom);
  CHECK(d->text == "Texte en UTF-16 : la démocratie locale et les élus.\n");
  // Big-endian, and an odd trailing byte, never crash.
  d = DecodeText(std::string("\xFE\xFF\x00\x41\x00", 5));
  REQUIRE(d.ok());
  CHECK(d->text.rfind("A", 0) == 0);
}

TEST_CASE("any byte string decodes to valid UTF-8") {
  for (const std::string& bytes :
       {std::string("\xFF\xFE\xFD"), std::string("caf\xE9\xC3"), std::string("\xC0\x80\xED\xA0\x80"),
        std::string("\x81\x8D\x8F\x90\x9D"), std::string(1000, '\xA0')}) {
    Result<DecodedText> d = DecodeText(bytes);
    REQUIRE(d.ok());
    CHECK(d->converted);
    CHECK(internal::IsValidUtf8(d->text));
    CHECK_FALSE(d->text.empty());
  }
}

TEST_CASE("binary files are recognised; text, even with a UTF-16 mark, is not") {
  CHECK(BinaryReason(testing::ReadAll(kIngest + "image.txt")) == "PNG image");
  CHECK(BinaryReason(testing::ReadAll(kIngest + "nul.txt")).find("NUL") != std::string::npos);
  CHECK(BinaryReason("%PDF-1.4 ...").find("PDF") != std::string::npos);
  CHECK(BinaryReason(std::string("PK\x03\x04rest", 8)).find("ZIP") != std::string::npos);
  CHECK(BinaryReason(std::string(200, '\x01')).find("control") != std::string::npos);
  CHECK(BinaryReason(testing::ReadAll(kIngest + "utf16.txt")).empty());
  CHECK(BinaryReason(testing::ReadAll(kIngest + "latin1.txt")).empty());
  CHECK(BinaryReason("Du texte.\tAvec une tabulation\r\n").empty());
}

}  // namespace
}  // namespace trendscan

TEST_CASE("decoding bytes taken over gives what decoding a view of them gives") {
  const std::string samples[] = {
      "d\xC3\xA9j\xC3\xA0 vu",                // UTF-8
      "\xEF\xBB\xBF" "d\xC3\xA9j\xC3\xA0 vu",  // UTF-8 with its byte-order mark
      "d\xE9j\xE0 vu, \x93" "cit\xE9\x94",     // windows-1252
      std::string("\xFF\xFE" "a\0b\0", 6),    // UTF-16LE with a byte-order mark
      ""};
  for (const std::string& bytes : samples) {
    CAPTURE(bytes);
    const auto by_view = trendscan::DecodeText(std::string_view(bytes));
    const auto taken = trendscan::DecodeTextInPlace(std::string(bytes));
    REQUIRE(by_view.ok());
    REQUIRE(taken.ok());
    CHECK(taken->text == by_view->text);
    CHECK(taken->encoding == by_view->encoding);
    CHECK(taken->converted == by_view->converted);
  }
}

namespace {

// The UTF-8 rules, one code point at a time, as the reference for the vectorised check.
bool ReferenceValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t cp;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return false;
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

}  // namespace

TEST_CASE("the UTF-8 check agrees with the rules on random text, long ASCII runs included") {
  const std::string pieces[] = {"a", "tout le monde ", "abcdefghijklmnopqrstuvwxyz0123456789",
                                "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x8E\x89", "\xC3",
                                "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\xE0\x9F\xBF", "\xFF", "\xEF\xBF\xBD"};
  std::uint64_t state = 12345;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::size_t valid = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string s;
    const std::size_t parts = next() % 12;
    for (std::size_t i = 0; i < parts; ++i) {
      // Mostly valid pieces, so that long valid strings with a late error are common.
      const std::size_t pick = next() % 100 < 85 ? next() % 6 : next() % std::size(pieces);
      s += pieces[pick];
    }
    CAPTURE(s);
    const bool expected = ReferenceValidUtf8(s);
    valid += expected;
    REQUIRE(trendscan::internal::IsValidUtf8(s) == expected);
  }
  CHECK(valid > 5000);   // both answers were exercised
  CHECK(valid < 19000);
}
