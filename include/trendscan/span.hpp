// A view of consecutive values (C++17 has no std::span): a row of counts (count_rows.hpp), a
// document's theme mix (describe/document_rows.hpp). Valid while what it views lives.
#ifndef TRENDSCAN_SPAN_HPP_
#define TRENDSCAN_SPAN_HPP_

#include <cstddef>
#include <type_traits>

namespace trendscan {

// What a range-for, size(), operator[] and front() of a std::vector<T> would give.
template <typename T>
class Span {
 public:
  Span() = default;
  Span(T* data, std::size_t size) : data_(data), size_(size) {}
  // A mutable span read as a constant one.
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  Span(const Span<U>& other)  // NOLINT: implicit, as T* from U*
      : data_(other.data()), size_(other.size()) {}
  T* begin() const { return data_; }
  T* end() const { return data_ + size_; }
  T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) const { return data_[i]; }
  T& front() const { return data_[0]; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace trendscan

#endif  // TRENDSCAN_SPAN_HPP_
