// Shared by the libFuzzer targets: whatever a parser returns, feed its documents to the
// tokenizer, so invalid or odd text reaches every stage that reads it.
#ifndef TRENDSCAN_TESTS_FUZZ_FUZZ_UTIL_HPP_
#define TRENDSCAN_TESTS_FUZZ_FUZZ_UTIL_HPP_

#include <cstdlib>
#include <string_view>
#include <vector>

#include "trendscan/ingest/dates.hpp"
#include "trendscan/ingest/encoding.hpp"
#include "trendscan/ingest/formats.hpp"
#include "trendscan/text/tokenizer.hpp"

namespace trendscan::fuzz {

inline Tokenizer& SharedTokenizer() {
  static Tokenizer* tokenizer = [] {
    Result<Tokenizer> t = Tokenizer::Create(Language::kFrench);
    if (!t.ok()) std::abort();
    return new Tokenizer(std::move(t).value());
  }();
  return *tokenizer;
}

// Checks what every parser promises and tokenizes the documents.
inline void Consume(const ParsedInput& parsed) {
  std::vector<Token> tokens;
  for (const Document& d : parsed.documents) {
    if (d.id.empty()) std::abort();
    if (d.text_offset > (1u << 30)) std::abort();
    // Dates are ISO 8601 or empty.
    if (!d.date.empty() && d.date.size() != 4 && d.date.size() != 7 && d.date.size() != 10)
      std::abort();
    tokens.clear();
    SharedTokenizer().Tokenize(d.text, &tokens);
    SharedTokenizer().Tokenize(d.title, &tokens);
  }
  if (parsed.documents.empty() && parsed.skip_reason.empty()) std::abort();
}

// Parses `bytes` as they came (parsers must cope with invalid UTF-8) and after decoding.
inline void RunParser(InputFormat format, const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Consume(ParseInput(format, bytes, "fuzz", "fuzz", "text"));
  Result<DecodedText> decoded = DecodeText(bytes);
  if (!decoded.ok()) std::abort();
  Consume(ParseInput(format, decoded->text, "fuzz", "fuzz", "text"));
}

}  // namespace trendscan::fuzz

#endif  // TRENDSCAN_TESTS_FUZZ_FUZZ_UTIL_HPP_
