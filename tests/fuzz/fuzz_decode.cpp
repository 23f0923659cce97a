// libFuzzer target: binary detection, charset detection and conversion, and date parsing
// accept any bytes; decoding always yields valid UTF-8.
#include "fuzz_util.hpp"
#include "util/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trendscan;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)BinaryReason(bytes);
  (void)DeclaredHtmlCharset(bytes);
  (void)LooksLikeIramuteq(bytes);
  Result<DecodedText> d = DecodeText(bytes, size > 0 && data[0] == 'x' ? "windows-1252" : "");
  if (!d.ok() || !internal::IsValidUtf8(d->text)) std::abort();
  const std::string date = ParseDate(bytes.substr(0, 80));
  if (!date.empty() && date.size() != 4 && date.size() != 7 && date.size() != 10) std::abort();
  return 0;
}
