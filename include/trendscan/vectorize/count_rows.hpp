// The counts of every text, one row of (term, count) pairs per text, kept in a few large blocks
// rather than one allocation per text. Ten million posts made ten million small vectors, made
// while the posts' texts were being freed: they were scattered through the texts' freed pages
// and kept them resident (2.4 GB at ten million posts; BENCHMARKS.md, "Short posts, fourth
// pass"). Blocks of several MB get mappings of their own, so the texts' pages can go back.
#ifndef TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_
#define TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "trendscan/span.hpp"

namespace trendscan {

struct TermCount {
  std::uint32_t term;
  std::uint32_t count;
};

// A row of CountRows, and one to fill. Valid while the rows it came from live.
using CountRow = Span<const TermCount>;
using MutableCountRow = Span<TermCount>;

// Room for counts, taken in blocks from the allocator and never moved, so pointers into it stay
// valid as it grows. Not thread-safe: each worker thread fills its own.
class CountStorage {
 public:
  // `n` uninitialised counts, consecutive.
  TermCount* Allocate(std::size_t n);
  // Every count allocated so far (in use or not: a row that shrank keeps its room).
  std::size_t allocated() const { return allocated_; }

 private:
  friend class CountRows;
  std::vector<std::unique_ptr<TermCount[]>> blocks_;
  std::size_t used_ = 0;      // in the last block
  std::size_t capacity_ = 0;  // of the last block
  std::size_t allocated_ = 0;
};

// One row of counts per text, in order, each sorted by term where the producer sorts it
// (CountTerms, MergeRows and the shares' merge do). Rows are views into storage this owns.
class CountRows {
 public:
  CountRows() = default;
  // A copy of `rows` (tests and small callers build rows this way).
  CountRows(const std::vector<std::vector<TermCount>>& rows);  // NOLINT: implicit on purpose
  CountRows(const CountRows& other);
  CountRows& operator=(const CountRows& other);
  CountRows(CountRows&&) noexcept = default;
  CountRows& operator=(CountRows&&) noexcept = default;

  std::size_t size() const { return size_.size(); }
  bool empty() const { return size_.empty(); }
  CountRow operator[](std::size_t i) const { return CountRow(data_[i], size_[i]); }
  MutableCountRow Mutable(std::size_t i) { return MutableCountRow(data_[i], size_[i]); }
  // Rows in order, each a CountRow: for (CountRow row : rows).
  class Iterator {
   public:
    Iterator(const CountRows* rows, std::size_t i) : rows_(rows), i_(i) {}
    CountRow operator*() const { return (*rows_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const CountRows* rows_;
    std::size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }
  // Sum of the rows' sizes.
  std::uint64_t counts() const;

  // Building. Reserve and Append as a vector's; Append copies the row into this storage.
  void Reserve(std::size_t rows);
  void Append(CountRow row);
  // Appends a row of `n` uninitialised counts and returns it to be filled.
  TermCount* AppendUninitialised(std::size_t n);

  // Building from several threads: Resize to the number of rows (each empty), let each thread
  // fill rows in its own CountStorage and Set them (distinct rows from distinct threads), then
  // Adopt every storage.
  void Resize(std::size_t rows);
  void Set(std::size_t i, TermCount* data, std::size_t n);
  void Adopt(CountStorage&& storage);
  // Row i keeps its first `n` counts (n no more than its size).
  void Shrink(std::size_t i, std::size_t n) { size_[i] = static_cast<std::uint32_t>(n); }

  // Moves every block of `from` here without copying: `from`'s rows still view them, and may be
  // appended here with AppendAdopted while this lives; `from` is not to be built on afterwards.
  void AdoptStorageOf(CountRows* from);
  void AppendAdopted(CountRow row);

 private:
  CountStorage storage_;
  std::vector<std::unique_ptr<TermCount[]>> adopted_;  // blocks of other storages
  std::vector<TermCount*> data_;
  std::vector<std::uint32_t> size_;
};

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_
