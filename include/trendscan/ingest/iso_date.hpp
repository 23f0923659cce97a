// A document's date as ParseDate gives it (dates.hpp): "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty,
// kept inline in 11 bytes rather than in a 32-byte std::string, as every document and report
// entry of a large corpus holds one (ten million posts: 210 MB less for each; BENCHMARKS.md,
// "Short posts, sixth pass"). Read as a string_view.
#ifndef TRENDSCAN_INGEST_ISO_DATE_HPP_
#define TRENDSCAN_INGEST_ISO_DATE_HPP_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>

namespace trendscan {

class IsoDate {
 public:
  // The longest date kept; ParseDate gives no longer one, and a longer text is cut to this.
  static constexpr std::size_t kMaxSize = 10;

  IsoDate() = default;
  IsoDate(std::string_view s) { Assign(s); }                       // NOLINT: a date is text
  IsoDate(const std::string& s) : IsoDate(std::string_view(s)) {}  // NOLINT
  IsoDate(const char* s) : IsoDate(std::string_view(s)) {}         // NOLINT

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return std::string_view(bytes_, size_); }
  operator std::string_view() const { return view(); }  // NOLINT: read as a string
  std::string str() const { return std::string(view()); }

  friend bool operator==(const IsoDate& a, const IsoDate& b) { return a.view() == b.view(); }
  friend bool operator!=(const IsoDate& a, const IsoDate& b) { return !(a == b); }
  friend bool operator<(const IsoDate& a, const IsoDate& b) { return a.view() < b.view(); }
  friend bool operator==(const IsoDate& a, std::string_view b) { return a.view() == b; }
  friend bool operator!=(const IsoDate& a, std::string_view b) { return a.view() != b; }
  friend bool operator==(const IsoDate& a, const char* b) { return a.view() == b; }
  friend bool operator!=(const IsoDate& a, const char* b) { return a.view() != b; }
  friend bool operator==(const IsoDate& a, const std::string& b) { return a.view() == b; }
  friend bool operator!=(const IsoDate& a, const std::string& b) { return a.view() != b; }
  friend std::ostream& operator<<(std::ostream& out, const IsoDate& d) { return out << d.view(); }

 private:
  void Assign(std::string_view s) {
    size_ = static_cast<std::uint8_t>(std::min(s.size(), kMaxSize));
    std::memcpy(bytes_, s.data(), size_);
  }

  char bytes_[kMaxSize] = {};
  std::uint8_t size_ = 0;
};

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_ISO_DATE_HPP_
