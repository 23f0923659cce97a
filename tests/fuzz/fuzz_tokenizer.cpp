// libFuzzer target: the tokenizer never crashes on any bytes (invalid UTF-8 included), in
// French and English, with every token kind kept.
#include "fuzz_util.hpp"
#include "util/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trendscan;
  static Tokenizer english = [] {
    TokenizerOptions o;
    o.keep_numbers = o.keep_urls = o.keep_tags = true;
    o.min_length = 1;
    Result<Tokenizer> t = Tokenizer::Create(Language::kEnglish, o);
    if (!t.ok()) std::abort();
    return std::move(t).value();
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Token> tokens;
  fuzz::SharedTokenizer().Tokenize(text, &tokens);
  english.Tokenize(text, &tokens);
  for (const Token& t : tokens) {
    if (t.text.empty() || !internal::IsValidUtf8(t.text)) std::abort();
  }
  return 0;
}
