// A document's metadata: the key/value pairs of its source (front matter keys, JSONL fields, CSV
// columns, IRaMuTeQ variables), in file order, packed into one string.
//
// A post's few fields ("id", "author", "topic") as a vector of string pairs take 64 bytes a pair
// and often an allocation a string; packed, they take one allocation of their bytes and a length
// byte each. Ten million posts keep their metadata until the report is written, so this is
// about 1.3 GB there. Reading it gives string_views into the packed string, valid while the
// Metadata is alive and unchanged.
#ifndef TRENDSCAN_INGEST_METADATA_HPP_
#define TRENDSCAN_INGEST_METADATA_HPP_

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace trendscan {

class Metadata {
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
    friend class Metadata;
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
      const std::size_t n = ReadLength(packed_, p);
      const std::string_view s = packed_.substr(*p, n);
      *p += n;
      return s;
    }

    std::string_view packed_;
    std::size_t at_ = 0;
    std::size_t next_ = 0;
    Field field_;
  };

  Metadata() = default;
  Metadata(std::initializer_list<Field> fields) {
    for (const Field& f : fields) emplace_back(f.first, f.second);
  }

  // Appends a field; keys may repeat (the report keeps the last value of a key, in place).
  void emplace_back(std::string_view key, std::string_view value) {
    WriteLength(key.size());
    packed_.append(key);
    WriteLength(value.size());
    packed_.append(value);
  }

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
  void clear() { packed_.clear(); }
  void shrink_to_fit() { packed_.shrink_to_fit(); }

  bool operator==(const Metadata& o) const { return packed_ == o.packed_; }
  bool operator!=(const Metadata& o) const { return packed_ != o.packed_; }

 private:
  // Lengths as base-128 digits, low first, the high bit set on all but the last.
  void WriteLength(std::size_t n) {
    while (n >= 0x80) {
      packed_.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    packed_.push_back(static_cast<char>(n));
  }
  static std::size_t ReadLength(std::string_view s, std::size_t* p) {
    std::size_t n = 0;
    for (int shift = 0; *p < s.size(); shift += 7) {
      const auto byte = static_cast<unsigned char>(s[(*p)++]);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    return n;
  }

  std::string packed_;
};

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_METADATA_HPP_
