#include "trendscan/ingest/encoding.hpp"

#include <doctest/doctest.h>

#include <string>

#include "test_util.hpp"
#include "util/utf8.hpp"

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
       {std::string("\xFF\xFE\xFD"), std::string("caf\xE9\xC3"),
        std::string("\xC0\x80\xED\xA0\x80"), std::string("\x81\x8D\x8F\x90\x9D"),
        std::string(1000, '\xA0')}) {
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
  const std::string samples[] = {"d\xC3\xA9j\xC3\xA0 vu",  // UTF-8
                                 "\xEF\xBB\xBF"
                                 "d\xC3\xA9j\xC3\xA0 vu",  // UTF-8 with its byte-order mark
                                 "d\xE9j\xE0 vu, \x93"
                                 "cit\xE9\x94",  // windows-1252
                                 std::string("\xFF\xFE"
                                             "a\0b\0",
                                             6),  // UTF-16LE with a byte-order mark
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

namespace trendscan {
namespace {

TEST_CASE("issue 13: mostly-valid UTF-8 is read as UTF-8, its few bad bytes as U+FFFD") {
  // A French UTF-8 essay with one stray byte went to the charset detector, was read as
  // windows-1252, and every accented word became mojibake ("Ã©tais").
  std::string essay = testing::ReadAll(std::string(TRENDSCAN_SOURCE_DIR) +
                                       "/corpora/sample-fr/2007-03-22-democratie-participative-"
                                       "slogan.md");
  REQUIRE(essay.size() > 1000);
  const std::size_t at = essay.find(' ', 600);
  essay.insert(at, "\xFF");
  Result<DecodedText> d = DecodeText(essay);
  REQUIRE(d.ok());
  CHECK(d->encoding == "UTF-8");
  CHECK_FALSE(d->converted);
  CHECK(d->repaired_bytes == 1);
  CHECK(d->first_repaired_offset == at);
  CHECK(d->text.find("Ã") == std::string::npos);
  CHECK(d->text.find("participative") != std::string::npos);
  CHECK(d->text.find("\xEF\xBF\xBD") == at);
  CHECK(internal::IsValidUtf8(d->text));
  // The same through DecodeTextInPlace, and with a byte-order mark (offsets count it).
  Result<DecodedText> taken = DecodeTextInPlace("\xEF\xBB\xBF" + essay);
  REQUIRE(taken.ok());
  CHECK(taken->text == d->text);
  CHECK(taken->first_repaired_offset == at + 3);
  // Bytes cut short (a truncated é at the end) and several stray bytes: one U+FFFD each.
  d = DecodeText("Un été à Lyon, déjà.\xC3");
  REQUIRE(d.ok());
  CHECK(d->encoding == "UTF-8");
  CHECK(d->repaired_bytes == 1);
  CHECK(d->text == "Un été à Lyon, déjà.\xEF\xBF\xBD");
}

TEST_CASE("issue 13: text that is not mostly UTF-8 still goes to the charset detector") {
  // windows-1252 with one curly apostrophe and no UTF-8 at all: not UTF-8.
  Result<DecodedText> d = DecodeText("It\x92s a long essay about the city and its people.\n");
  REQUIRE(d.ok());
  CHECK(d->converted);
  CHECK(d->text.find("It’s") != std::string::npos);
  // Latin-1 French with an accidental valid UTF-8 pair: far more bad bytes than good ones.
  d = DecodeText(
      "\xC3\xA9 \xE9t\xE9 \xE0 No\xEBl, les \xE9l\xE8ves ont \xE9"
      "crit.\n");
  REQUIRE(d.ok());
  CHECK(d->converted);
  CHECK(d->repaired_bytes == 0);
  // More than 1% of bad bytes is not a stray byte.
  std::string noisy;
  for (int i = 0; i < 50; ++i) noisy += "été \xFF ";
  d = DecodeText(noisy);
  REQUIRE(d.ok());
  CHECK(d->converted);
}

}  // namespace
}  // namespace trendscan
