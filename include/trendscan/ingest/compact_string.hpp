// A string of one pointer (8 bytes, against std::string's 32): for the per-document strings
// that are empty or short-lived for most documents of a large corpus (a document's or report
// entry's id and title, once kept apart in the IdentityStore, leave an empty string; a label is
// set only with --labels). Ten million entries hold 720 MB less, ten million documents counted
// in batches 480 MB (BENCHMARKS.md, "Short posts", fourth and fifth passes).
// Immutable once made: assign a new value to change it. An empty one allocates nothing.
#ifndef TRENDSCAN_INGEST_COMPACT_STRING_HPP_
#define TRENDSCAN_INGEST_COMPACT_STRING_HPP_

#include <cstddef>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace trendscan {

class CompactString {
 public:
  CompactString() = default;
  CompactString(std::string_view s) { Assign(s); }  // NOLINT: a string is one
  CompactString(const std::string& s) : CompactString(std::string_view(s)) {}  // NOLINT
  CompactString(const char* s) : CompactString(std::string_view(s)) {}         // NOLINT
  CompactString(const CompactString& other) : CompactString(other.view()) {}
  CompactString(CompactString&&) noexcept = default;
  CompactString& operator=(const CompactString& other) {
    if (this != &other) Assign(other.view());
    return *this;
  }
  CompactString& operator=(CompactString&&) noexcept = default;
  CompactString& operator=(std::string_view s) {
    Assign(s);
    return *this;
  }
  CompactString& operator=(const std::string& s) { return *this = std::string_view(s); }
  CompactString& operator=(const char* s) { return *this = std::string_view(s); }

  std::size_t size() const {
    std::size_t n = 0;
    if (p_) std::memcpy(&n, p_.get(), sizeof n);
    return n;
  }
  bool empty() const { return p_ == nullptr; }
  // Null-terminated, like std::string's.
  const char* data() const { return p_ ? p_.get() + sizeof(std::size_t) : ""; }
  const char* c_str() const { return data(); }
  std::string_view view() const { return std::string_view(data(), size()); }
  operator std::string_view() const { return view(); }  // NOLINT: read as a string
  std::string str() const { return std::string(view()); }

  friend bool operator==(const CompactString& a, const CompactString& b) {
    return a.view() == b.view();
  }
  friend bool operator!=(const CompactString& a, const CompactString& b) { return !(a == b); }
  friend bool operator<(const CompactString& a, const CompactString& b) {
    return a.view() < b.view();
  }
  friend bool operator==(const CompactString& a, std::string_view b) { return a.view() == b; }
  friend bool operator!=(const CompactString& a, std::string_view b) { return a.view() != b; }
  friend bool operator==(const CompactString& a, const char* b) { return a.view() == b; }
  friend bool operator!=(const CompactString& a, const char* b) { return a.view() != b; }
  friend bool operator==(const CompactString& a, const std::string& b) { return a.view() == b; }
  friend bool operator!=(const CompactString& a, const std::string& b) { return a.view() != b; }
  friend bool operator==(std::string_view a, const CompactString& b) { return b == a; }
  friend bool operator!=(std::string_view a, const CompactString& b) { return b != a; }
  friend bool operator==(const char* a, const CompactString& b) { return b == a; }
  friend bool operator!=(const char* a, const CompactString& b) { return b != a; }
  friend bool operator==(const std::string& a, const CompactString& b) { return b == a; }
  friend bool operator!=(const std::string& a, const CompactString& b) { return b != a; }
  friend std::ostream& operator<<(std::ostream& out, const CompactString& s) {
    return out << s.view();
  }

 private:
  // The size, then the bytes and a terminating zero, in one block.
  void Assign(std::string_view s) {
    if (s.empty()) {
      p_.reset();
      return;
    }
    std::unique_ptr<char[]> block(new char[sizeof(std::size_t) + s.size() + 1]);
    const std::size_t n = s.size();
    std::memcpy(block.get(), &n, sizeof n);
    std::memcpy(block.get() + sizeof n, s.data(), n);
    block[sizeof n + n] = '\0';
    p_ = std::move(block);
  }

  std::unique_ptr<char[]> p_;
};

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_COMPACT_STRING_HPP_
