#include "trendscan/ingest/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "util/utf8.hpp"

namespace trendscan {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr int kMinConfidence = 20;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The encoding a byte-order mark announces and the mark's length, or {nullptr, 0}.
std::pair<const char*, std::size_t> ByteOrderMark(std::string_view b) {
  if (StartsWith(b, std::string_view("\xFF\xFE\x00\x00", 4))) return {"UTF-32LE", 4};
  if (StartsWith(b, std::string_view("\x00\x00\xFE\xFF", 4))) return {"UTF-32BE", 4};
  if (StartsWith(b, "\xFF\xFE")) return {"UTF-16LE", 2};
  if (StartsWith(b, "\xFE\xFF")) return {"UTF-16BE", 2};
  return {nullptr, 0};
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Converts `bytes` from `from` to UTF-8 in bounded chunks (any size, no int32 overflow);
// unmappable bytes become U+FFFD through ICU's default substitution.
Result<std::string> ConvertToUtf8(std::string_view bytes, const char* from) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr source(ucnv_open(from, &status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU cannot open a converter for ") + from + ": " +
                            u_errorName(status));
  }
  status = U_ZERO_ERROR;
  ConverterPtr target(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU cannot open a UTF-8 converter: ") +
                            u_errorName(status));
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  std::vector<UChar> pivot(4096);
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::vector<char> chunk(64 * 1024);
  const char* src = bytes.data();
  const char* src_limit = bytes.data() + bytes.size();
  bool reset = true;
  while (true) {
    char* dst = chunk.data();
    status = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &dst, chunk.data() + chunk.size(), &src, src_limit,
                   pivot.data(), &pivot_source, &pivot_target, pivot.data() + pivot.size(), reset,
                   /*flush=*/true, &status);
    reset = false;
    out.append(chunk.data(), static_cast<std::size_t>(dst - chunk.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      return Status::Internal(std::string("ICU failed to convert from ") + from + ": " +
                              u_errorName(status));
    }
    break;
  }
  return out;
}

// ICU's best guess for non-UTF-8 bytes: the first match that is not UTF-8 (we know the bytes
// are not) with a usable confidence. ICU answers from the first bytes only, which is plenty.
std::pair<std::string, int> Detect(std::string_view bytes, std::string_view declared) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return {"", 0};
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const std::string declared_copy(declared);
  if (!declared_copy.empty()) {
    ucsdet_setDeclaredEncoding(detector.get(), declared_copy.data(),
                               static_cast<int32_t>(declared_copy.size()), &status);
  }
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status) || matches == nullptr) return {"", 0};
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode s = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &s);
    const int confidence = ucsdet_getConfidence(matches[i], &s);
    if (U_FAILURE(s) || name == nullptr) continue;
    const std::string n(name);
    // UTF-16/32 without a byte-order mark would be full of NUL bytes, which BinaryReason
    // rejects first, so such a guess is always wrong here (ICU offers it for tiny inputs).
    if (n == "UTF-8" || n.rfind("UTF-16", 0) == 0 || n.rfind("UTF-32", 0) == 0) continue;
    // Below this ICU is guessing; windows-1252 is the better bet for French text.
    if (confidence < kMinConfidence) break;
    // The detector also proposes bidirectional variants ("IBM420_rtl") that make no sense for
    // a file read as a whole; skip them.
    if (n.find("_rtl") != std::string::npos || n.find("_ltr") != std::string::npos) continue;
    return {n, confidence};
  }
  return {"", 0};
}

// Where `bytes` fail to be UTF-8.
struct Utf8Scan {
  std::size_t bad_bytes = 0;  // bytes that start no well-formed sequence
  std::size_t first_bad = 0;  // offset of the first of them
  std::size_t multibyte = 0;  // well-formed sequences of 2 to 4 bytes
};

Utf8Scan ScanUtf8(std::string_view bytes) {
  Utf8Scan scan;
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = begin + bytes.size();
  for (const auto* p = begin; p < end;) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const int length = internal::DecodeUtf8(p, end).length;
    if (length == 0) {
      if (scan.bad_bytes++ == 0) scan.first_bad = static_cast<std::size_t>(p - begin);
      ++p;
      continue;
    }
    ++scan.multibyte;
    p += length;
  }
  return scan;
}

// UTF-8 with a few stray bytes (a bad copy, a truncated download), not a legacy encoding: it
// holds well-formed multibyte sequences, at least as many as bad bytes, and the bad bytes are
// at most 1% of it (one is always allowed, so a short text cut inside a character is UTF-8 too).
// Text in windows-1252 or Latin-1 has no multibyte UTF-8 at all, or by accident
// far fewer sequences than bad bytes; ASCII with one stray byte is left to the detector, which
// reads a lone 0x92 or 0xE9 as the apostrophe or the "é" it almost always is.
bool MostlyUtf8(const Utf8Scan& scan, std::size_t size) {
  return scan.multibyte > 0 && scan.bad_bytes <= scan.multibyte &&
         scan.bad_bytes <= std::max<std::size_t>(1, size / 100);
}

// `bytes` as UTF-8, each byte that is not UTF-8 replaced by U+FFFD.
std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 16);
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = begin + bytes.size();
  const auto* run = begin;  // start of bytes not yet copied
  for (const auto* p = begin; p < end;) {
    const int length = *p < 0x80 ? 1 : internal::DecodeUtf8(p, end).length;
    if (length > 0) {
      p += length;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    out += "\xEF\xBF\xBD";
    run = ++p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(end - run));
  return out;
}

}  // namespace

std::string BinaryReason(std::string_view bytes) {
  static constexpr struct {
    std::string_view magic;
    const char* what;
  } kMagic[] = {
      {"\x89PNG", "PNG image"},
      {"\xFF\xD8\xFF", "JPEG image"},
      {"GIF87a", "GIF image"},
      {"GIF89a", "GIF image"},
      {"%PDF-", "PDF document (extract its text first)"},
      {"PK\x03\x04", "ZIP archive (.docx, .odt and .xlsx are ZIP files; extract the text first)"},
      {"\x1F\x8B", "gzip archive"},
      {"\x7F"
       "ELF",
       "executable"},
      {"\xD0\xCF\x11\xE0", "old Microsoft Office document (save it as text first)"},
      {"BZh", "bzip2 archive"},
      {"\xFD"
       "7zXZ",
       "xz archive"},
  };
  for (const auto& m : kMagic) {
    if (StartsWith(bytes, m.magic)) return m.what;
  }
  if (ByteOrderMark(bytes).first != nullptr) return "";
  const std::string_view head = bytes.substr(0, kSniffBytes);
  // Text has few control characters besides tab, newlines and form feed (9-13) and escape
  // (27); binary data many. Counted in blocks of 255 bytes with byte-wide counters and
  // comparisons only, which the compiler turns into vector code: this runs on every input.
  std::size_t controls = 0;
  bool nul = false;
  for (std::size_t at = 0; at < head.size(); at += 255) {
    const std::size_t n = std::min<std::size_t>(255, head.size() - at);
    const auto* block = reinterpret_cast<const unsigned char*>(head.data()) + at;
    unsigned char count = 0;
    unsigned char zero = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned char c = block[i];
      count = static_cast<unsigned char>(count + ((c < 9) | ((c >= 14) & (c < 32) & (c != 27))));
      zero = static_cast<unsigned char>(zero | (c == 0));
    }
    controls += count;
    nul |= zero != 0;
  }
  if (nul) return "binary file (contains NUL bytes)";
  if (controls > 8 && controls * 10 > head.size()) return "binary file (mostly control characters)";
  return "";
}

Result<DecodedText> DecodeText(std::string_view bytes, std::string_view declared) {
  DecodedText out;
  std::size_t utf8_bom = 0;
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    utf8_bom = 3;
  }
  const auto [bom_encoding, bom_length] = ByteOrderMark(bytes);
  if (bom_encoding != nullptr) {
    TRENDSCAN_ASSIGN_OR_RETURN(out.text, ConvertToUtf8(bytes.substr(bom_length), bom_encoding));
    out.encoding = bom_encoding;
    out.converted = true;
    out.from_bom = true;
    return out;
  }
  if (internal::IsValidUtf8(bytes)) {
    out.text = std::string(bytes);
    out.encoding = "UTF-8";
    return out;
  }
  const Utf8Scan scan = ScanUtf8(bytes);
  if (MostlyUtf8(scan, bytes.size())) {
    out.text = RepairUtf8(bytes);
    out.encoding = "UTF-8";
    out.repaired_bytes = scan.bad_bytes;
    out.first_repaired_offset = utf8_bom + scan.first_bad;
    return out;
  }
  auto [name, confidence] = Detect(bytes, declared);
  if (name == "ISO-8859-1" && std::any_of(bytes.begin(), bytes.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 && u <= 0x9F;
      })) {
    // Bytes 0x80-0x9F are C1 controls in Latin-1 but typographic quotes, dashes, "œ" and "€"
    // in windows-1252, which is what such files really are.
    name = "windows-1252";
  }
  if (name.empty()) {
    name = "windows-1252";
    confidence = 0;
  }
  Result<std::string> text = ConvertToUtf8(bytes, name.c_str());
  if (!text.ok()) {
    // A detected name ICU cannot convert from: fall back rather than lose the file.
    name = "windows-1252";
    confidence = 0;
    text = ConvertToUtf8(bytes, name.c_str());
    if (!text.ok()) return text.status();
  }
  out.text = std::move(text).value();
  out.encoding = name;
  out.converted = true;
  out.confidence = confidence;
  return out;
}

Result<DecodedText> DecodeTextInPlace(std::string&& bytes, std::string_view declared) {
  const std::size_t bom = StartsWith(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  const std::string_view rest = std::string_view(bytes).substr(bom);
  if (ByteOrderMark(rest).first != nullptr || !internal::IsValidUtf8(rest)) {
    return DecodeText(std::string_view(bytes), declared);
  }
  DecodedText out;
  bytes.erase(0, bom);
  out.text = std::move(bytes);
  out.encoding = "UTF-8";
  return out;
}

}  // namespace trendscan
