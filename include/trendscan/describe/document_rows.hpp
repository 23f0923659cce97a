// A few values per document (its theme mix: a theme and a share or two for most documents),
// every document's row side by side in one array. A vector per document costs its 24 bytes and
// a heap block of 32 or more for a value of 16: ten million posts held 0.8 GB in them
// (BENCHMARKS.md, "Short posts, fifth pass").
#ifndef TRENDSCAN_DESCRIBE_DOCUMENT_ROWS_HPP_
#define TRENDSCAN_DESCRIBE_DOCUMENT_ROWS_HPP_

#include <cstddef>
#include <initializer_list>
#include <vector>

#include "trendscan/span.hpp"

namespace trendscan {

// Rows of any length, appended in order: row d is document d's.
template <typename T>
class DocumentRows {
 public:
  // Rows held (an appended empty row counts).
  std::size_t size() const { return begin_.size() - 1; }
  bool empty() const { return size() == 0; }
  // Row d; empty past the last row.
  Span<const T> operator[](std::size_t d) const {
    if (d >= size()) return {};
    return {values_.data() + begin_[d], begin_[d + 1] - begin_[d]};
  }
  // Every row's values, in order.
  std::size_t values() const { return values_.size(); }

  // Room for `rows` more rows of `values` values in all.
  void Reserve(std::size_t rows, std::size_t values) {
    begin_.reserve(begin_.size() + rows);
    values_.reserve(values_.size() + values);
  }
  // Row size(): `n` values from `first`.
  void Append(const T* first, std::size_t n) {
    values_.insert(values_.end(), first, first + n);
    begin_.push_back(values_.size());
  }
  void Append(std::initializer_list<T> row) { Append(row.begin(), row.size()); }
  // Empties every row d for which keep(d) is false, in place; the others keep their values.
  template <typename Keep>
  void EmptyRowsUnless(Keep keep) {
    std::size_t to = 0;
    for (std::size_t d = 0; d < size(); ++d) {
      const std::size_t from = begin_[d], end = begin_[d + 1];
      begin_[d] = to;
      if (!keep(d)) continue;
      for (std::size_t i = from; i < end; ++i) values_[to++] = values_[i];
    }
    begin_.back() = to;
    values_.resize(to);
  }
  // Gives back room reserved beyond a quarter more than the values hold.
  void ShrinkToFit() {
    if (values_.capacity() > values_.size() + values_.size() / 4) values_.shrink_to_fit();
    if (begin_.capacity() > begin_.size() + begin_.size() / 4) begin_.shrink_to_fit();
  }
  void Clear() {
    values_.clear();
    begin_.assign(1, 0);
  }

 private:
  std::vector<T> values_;
  std::vector<std::size_t> begin_ = {0};  // row d is values_[begin_[d], begin_[d + 1])
};

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_DOCUMENT_ROWS_HPP_
