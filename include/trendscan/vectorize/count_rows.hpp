// The counts of every text, one row of (term, count) pairs per text, kept in a few large blocks
// rather than one allocation per text. Ten million posts made ten million small vectors, made
// while the posts' texts were being freed: they were scattered through the texts' freed pages
// and kept them resident (2.4 GB at ten million posts; BENCHMARKS.md, "Short posts, fourth
// pass"). Blocks of several MB get mappings of their own, so the texts' pages can go back.
//
// A row is kept packed, a term and its count in one 32-bit word, when every term is under 2^24
// and every count under 256 (almost every row: a post's words are counted once or twice, and a
// vocabulary of 16 million terms is rare); other rows are kept wide, 8 bytes a pair. Packing
// halves the counts, the largest thing held for a corpus of short posts beside the matrix (1 GB
// at ten million posts; BENCHMARKS.md, "Short posts, sixth pass"). Readers see TermCount values
// either way.
#ifndef TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_
#define TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

#include "trendscan/span.hpp"

namespace trendscan {

struct TermCount {
  std::uint32_t term;
  std::uint32_t count;
};

// A row to fill, wide.
using MutableCountRow = Span<TermCount>;

// Whether a pair fits in a packed word, and the word and back.
inline bool Packable(TermCount tc) { return tc.term < (1u << 24) && tc.count < (1u << 8); }
inline std::uint32_t Pack(TermCount tc) { return tc.term | (tc.count << 24); }
inline TermCount Unpack(std::uint32_t word) { return {word & 0xFFFFFFu, word >> 24}; }
bool Packable(Span<const TermCount> row);

// A row sorted by term, the counts of each repeated term summed into its first pair and the
// rest removed: what counting and merging rows leave (RemapRows, MergeRows).
void SumRepeatedTerms(std::vector<TermCount>* row);

// A row of CountRows, read as TermCount values, sorted by term where the producer sorts it.
// Valid while the rows it came from live.
class CountRow {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = TermCount;
    using difference_type = std::ptrdiff_t;
    using pointer = const TermCount*;
    using reference = TermCount;
    Iterator() = default;
    Iterator(const void* data, bool packed, std::size_t i) : data_(data), packed_(packed), i_(i) {}
    TermCount operator*() const {
      return packed_ ? Unpack(static_cast<const std::uint32_t*>(data_)[i_])
                     : static_cast<const TermCount*>(data_)[i_];
    }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++i_;
      return before;
    }
    bool operator==(const Iterator& other) const { return i_ == other.i_; }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const void* data_ = nullptr;
    bool packed_ = false;
    std::size_t i_ = 0;
  };

  CountRow() = default;
  // A wide row.
  CountRow(const TermCount* data, std::size_t size) : data_(data), size_(size) {}
  CountRow(Span<const TermCount> row)  // NOLINT: implicit, as a span of counts is a row
      : CountRow(row.data(), row.size()) {}
  CountRow(Span<TermCount> row)  // NOLINT: implicit, as a span of counts is a row
      : CountRow(row.data(), row.size()) {}
  // A packed row: `size` words of Pack.
  static CountRow Packed(const std::uint32_t* words, std::size_t size) {
    CountRow row;
    row.data_ = words;
    row.size_ = size;
    row.packed_ = true;
    return row;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  TermCount operator[](std::size_t i) const { return *Iterator(data_, packed_, i); }
  TermCount front() const { return (*this)[0]; }
  Iterator begin() const { return Iterator(data_, packed_, 0); }
  Iterator end() const { return Iterator(data_, packed_, size_); }
  bool packed() const { return packed_; }
  // Where the row's pairs or words are (to tell whether two rows are one).
  const void* data() const { return data_; }

 private:
  const void* data_ = nullptr;
  std::size_t size_ = 0;
  bool packed_ = false;
};

// Room for counts, taken in blocks from the allocator and never moved, so pointers into it stay
// valid as it grows. Not thread-safe: each worker thread fills its own.
class CountStorage {
 public:
  // `n` uninitialised wide counts, consecutive.
  TermCount* Allocate(std::size_t n) { return wide_.Allocate(n); }
  // A copy of `row` here, packed when it can be.
  CountRow Store(Span<const TermCount> row);
  // Every count allocated so far (in use or not: a row that shrank keeps its room).
  std::size_t allocated() const { return wide_.allocated + packed_.allocated; }

 private:
  friend class CountRows;
  template <typename T>
  struct Blocks {
    T* Allocate(std::size_t n);
    std::vector<std::unique_ptr<T[]>> blocks;
    std::size_t used = 0;      // in the last block
    std::size_t capacity = 0;  // of the last block
    std::size_t allocated = 0;
  };
  Blocks<TermCount> wide_;
  Blocks<std::uint32_t> packed_;
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
  CountRow operator[](std::size_t i) const {
    const std::size_t n = size_[i] & kSizeMask;
    return (size_[i] & kPackedBit) != 0
               ? CountRow::Packed(static_cast<const std::uint32_t*>(data_[i]), n)
               : CountRow(static_cast<const TermCount*>(data_[i]), n);
  }
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

  // Building. Reserve and Append as a vector's; Append copies the row into this storage, packed
  // when it can be.
  void Reserve(std::size_t rows);
  void Append(CountRow row);

  // Building from several threads: Resize to the number of rows (each empty), let each thread
  // store rows in its own CountStorage and Set them (distinct rows from distinct threads), then
  // Adopt every storage.
  void Resize(std::size_t rows);
  void Set(std::size_t i, CountRow row);
  void Adopt(CountStorage&& storage);
  // Row i becomes `row`: in the room it has when `row` fits there (no longer, and packed when
  // the room is), else stored in `spare`, to be adopted. Distinct rows from distinct threads.
  void Rewrite(std::size_t i, Span<const TermCount> row, CountStorage* spare);

  // Moves every block of `from` here without copying: `from`'s rows still view them, and may be
  // appended here with AppendAdopted while this lives; `from` is not to be built on afterwards.
  void AdoptStorageOf(CountRows* from);
  void AppendAdopted(CountRow row);
  // AppendAdopted with each term t of `row` renumbered map[t], in place; a packed row whose new
  // terms do not all fit a packed word is stored again here, wide.
  void AppendAdoptedRenumbered(CountRow row, const std::vector<std::uint32_t>& map);

 private:
  static constexpr std::uint32_t kPackedBit = 1u << 31;
  static constexpr std::uint32_t kSizeMask = kPackedBit - 1;
  void Push(CountRow row);

  CountStorage storage_;
  std::vector<std::unique_ptr<TermCount[]>> adopted_wide_;  // blocks of other storages
  std::vector<std::unique_ptr<std::uint32_t[]>> adopted_packed_;
  std::vector<void*> data_;
  std::vector<std::uint32_t> size_;  // the size, and kPackedBit for a packed row
};

}  // namespace trendscan

#endif  // TRENDSCAN_VECTORIZE_COUNT_ROWS_HPP_
