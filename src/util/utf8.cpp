#include "util/utf8.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trendscan::internal {

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
#if defined(__SSE2__)
    // ASCII is skipped sixteen bytes at a time (SSE2 is part of every x86-64 processor), and a
    // window holding a non-ASCII byte is skipped up to it: accented letters every few words
    // would otherwise send most ASCII through the byte-by-byte path.
    if (end - p >= 16) {
      const int mask = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
      if (mask == 0) {
        p += 16;
        continue;
      }
      p += __builtin_ctz(static_cast<unsigned>(mask));
    }
#else
    if (end - p >= 8) {  // ASCII eight bytes at a time
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
#endif
    const int length = DecodeUtf8(p, end).length;
    if (length == 0) return false;
    p += length;
  }
  return true;
}

std::string_view Utf8Prefix(std::string_view text, std::size_t max_code_points) {
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsUtf8Continuation(static_cast<unsigned char>(text[i])) &&
        code_points++ == max_code_points) {
      return text.substr(0, i);
    }
  }
  return text;
}

}  // namespace trendscan::internal
