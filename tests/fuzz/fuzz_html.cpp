// libFuzzer target: the html parser never crashes, hangs or misbehaves on any bytes.
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  trendscan::fuzz::RunParser(trendscan::InputFormat::kHtml, data, size);
  return 0;
}
