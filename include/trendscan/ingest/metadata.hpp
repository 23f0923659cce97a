// A document's metadata: the key/value pairs of its source (front matter keys, JSONL fields, CSV
// columns, IRaMuTeQ variables), in file order, packed into one string.
//
// A post's few fields ("id", "author", "topic") as a vector of string pairs take 64 bytes a pair
// and often an allocation a string; packed, they take one allocation of their bytes and a length
// byte each, behind one pointer. Ten million posts keep their metadata until the report is
// written, so this is about 1.3 GB there. Reading it gives string_views into the packed string,
// valid while the Metadata is alive and unchanged.
#ifndef TRENDSCAN_INGEST_METADATA_HPP_
#define TRENDSCAN_INGEST_METADATA_HPP_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace trendscan {

namespace metadata_internal {

// Lengths as base-128 digits, low first, the high bit set on all but the last.
inline void WriteLength(std::size_t n, std::string* out) {
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
}

inline std::size_t ReadLength(std::string_view s, std::size_t* p) {
  std::size_t n = 0;
  for (int shift = 0; *p < s.size(); shift += 7) {
    const auto byte = static_cast<unsigned char>(s[(*p)++]);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  return n;
}

}  // namespace metadata_internal

// Metadata read in place from its packed bytes (Metadata::packed()), wherever they are kept: a
// Metadata, or a report's identities kept apart (trendscan/describe/identities.hpp).
class MetadataView {
 public:
  using Field = std::pair<std::string_view, std::string_view>;  // key, value

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Field;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Field;

    const_iterator() = default;
    Field operator*() const { return field_; }
    const_iterator& operator++() {
      at_ = next_;
      Decode();
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const const_iterator& o) const { return at_ == o.at_; }
    bool operator!=(const const_iterator& o) const { return at_ != o.at_; }

   private:
    friend class MetadataView;
    const_iterator(std::string_view packed, std::size_t at) : packed_(packed), at_(at) { Decode(); }
    void Decode() {
      if (at_ >= packed_.size()) return;
      std::size_t p = at_;
      const std::string_view key = Take(&p);
      const std::string_view value = Take(&p);
      field_ = {key, value};
      next_ = p;
    }
    std::string_view Take(std::size_t* p) const {
      const std::size_t n = metadata_internal::ReadLength(packed_, p);
      const std::string_view s = packed_.substr(*p, n);
      *p += n;
      return s;
    }

    std::string_view packed_;
    std::size_t at_ = 0;
    std::size_t next_ = 0;
    Field field_;
  };

  MetadataView() = default;
  explicit MetadataView(std::string_view packed) : packed_(packed) {}

  const_iterator begin() const { return const_iterator(packed_, 0); }
  const_iterator end() const { return const_iterator(packed_, packed_.size()); }
  bool empty() const { return packed_.empty(); }
  std::size_t size() const {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  // The i-th field, i < size() (linear in i: metadata is a few fields).
  Field operator[](std::size_t i) const {
    auto it = begin();
    while (i-- > 0) ++it;
    return *it;
  }
  std::string_view packed() const { return packed_; }

 private:
  std::string_view packed_;
};

class Metadata {
 public:
  using Field = MetadataView::Field;
  using const_iterator = MetadataView::const_iterator;

  Metadata() = default;
  Metadata(std::initializer_list<Field> fields) {
    for (const Field& f : fields) emplace_back(f.first, f.second);
  }
  Metadata(const Metadata& o) { Append(o.packed()); }
  Metadata(Metadata&&) noexcept = default;
  Metadata& operator=(const Metadata& o) {
    if (this != &o) Metadata(o).swap(*this);
    return *this;
  }
  Metadata& operator=(Metadata&&) noexcept = default;

  // Appends a field; keys may repeat (the report keeps the last value of a key, in place).
  void emplace_back(std::string_view key, std::string_view value) {
    std::string field;
    metadata_internal::WriteLength(key.size(), &field);
    field.append(key);
    metadata_internal::WriteLength(value.size(), &field);
    field.append(value);
    Append(field);
  }

  MetadataView view() const { return MetadataView(packed()); }
  // The fields as one string of length-prefixed keys and values, which MetadataView reads.
  std::string_view packed() const {
    return block_ ? std::string_view(block_.get() + kHeader, Read(0)) : std::string_view();
  }

  const_iterator begin() const { return view().begin(); }
  const_iterator end() const { return view().end(); }
  bool empty() const { return block_ == nullptr; }
  std::size_t size() const { return view().size(); }
  // The i-th field, i < size() (linear in i: metadata is a few fields).
  Field operator[](std::size_t i) const { return view()[i]; }
  void clear() { block_.reset(); }
  void shrink_to_fit() {
    if (block_ && Read(1) != Read(0)) Metadata(*this).swap(*this);
  }
  void swap(Metadata& o) noexcept { block_.swap(o.block_); }

  bool operator==(const Metadata& o) const { return packed() == o.packed(); }
  bool operator!=(const Metadata& o) const { return packed() != o.packed(); }

 private:
  // One block, null when empty: the packed size and the capacity, then the packed bytes. One
  // pointer in a Document and a report entry (ten million of each), against a string's 32.
  static constexpr std::size_t kHeader = 2 * sizeof(std::size_t);
  std::size_t Read(int field) const {
    std::size_t v = 0;
    std::memcpy(&v, block_.get() + field * sizeof v, sizeof v);
    return v;
  }
  void Write(int field, std::size_t v) {
    std::memcpy(block_.get() + field * sizeof v, &v, sizeof v);
  }
  void Append(std::string_view bytes) {
    if (bytes.empty()) return;
    const std::size_t size = block_ ? Read(0) : 0;
    const std::size_t capacity = block_ ? Read(1) : 0;
    if (size + bytes.size() > capacity) {
      const std::size_t grown = std::max(size + bytes.size(), block_ ? 2 * capacity : 0);
      std::unique_ptr<char[]> bigger(new char[kHeader + grown]);
      if (size > 0) std::memcpy(bigger.get() + kHeader, block_.get() + kHeader, size);
      block_ = std::move(bigger);
      Write(1, grown);
    }
    std::memcpy(block_.get() + kHeader + size, bytes.data(), bytes.size());
    Write(0, size + bytes.size());
  }

  std::unique_ptr<char[]> block_;
};

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_METADATA_HPP_
