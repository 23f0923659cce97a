#include "trendscan/vectorize/count_rows.hpp"

#include <algorithm>

namespace trendscan {
namespace {

// Blocks grow from 64 Ki to 2 Mi entries (512 KB to 16 MB of wide counts): a few blocks for
// one essay's rows, and blocks large enough at scale for the allocator to map each apart from
// its heap.
constexpr std::size_t kFirstBlock = std::size_t{1} << 16;
constexpr std::size_t kLargestBlock = std::size_t{1} << 21;

}  // namespace

bool Packable(Span<const TermCount> row) {
  return std::all_of(row.begin(), row.end(), [](TermCount tc) { return Packable(tc); });
}

void SumRepeatedTerms(std::vector<TermCount>* row) {
  std::vector<TermCount>& r = *row;
  std::size_t out = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (out > 0 && r[out - 1].term == r[i].term) {
      r[out - 1].count += r[i].count;
    } else {
      r[out++] = r[i];
    }
  }
  r.resize(out);
}

template <typename T>
T* CountStorage::Blocks<T>::Allocate(std::size_t n) {
  if (n == 0) return nullptr;
  if (capacity - used < n) {
    const std::size_t grown = std::min(kLargestBlock, std::max(kFirstBlock, allocated));
    const std::size_t size = std::max(n, grown);
    // Default-initialised, so the pages are touched only as the counts are written.
    blocks.emplace_back(new T[size]);
    capacity = size;
    used = 0;
  }
  T* out = blocks.back().get() + used;
  used += n;
  allocated += n;
  return out;
}

CountRow CountStorage::Store(Span<const TermCount> row) {
  if (Packable(row)) {
    std::uint32_t* to = packed_.Allocate(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) to[i] = Pack(row[i]);
    return CountRow::Packed(to, row.size());
  }
  TermCount* to = wide_.Allocate(row.size());
  std::copy(row.begin(), row.end(), to);
  return CountRow(to, row.size());
}

CountRows::CountRows(const std::vector<std::vector<TermCount>>& rows) {
  Reserve(rows.size());
  for (const std::vector<TermCount>& row : rows) Append(CountRow(row.data(), row.size()));
}

CountRows::CountRows(const CountRows& other) {
  Reserve(other.size());
  for (std::size_t i = 0; i < other.size(); ++i) Append(other[i]);
}

CountRows& CountRows::operator=(const CountRows& other) {
  if (this != &other) *this = CountRows(other);
  return *this;
}

std::uint64_t CountRows::counts() const {
  std::uint64_t total = 0;
  for (std::uint32_t n : size_) total += n & kSizeMask;
  return total;
}

void CountRows::Reserve(std::size_t rows) {
  data_.reserve(rows);
  size_.reserve(rows);
}

void CountRows::Push(CountRow row) {
  data_.push_back(const_cast<void*>(row.data()));
  size_.push_back(static_cast<std::uint32_t>(row.size()) | (row.packed() ? kPackedBit : 0));
}

void CountRows::Append(CountRow row) {
  if (row.packed()) {
    std::uint32_t* to = storage_.packed_.Allocate(row.size());
    std::copy_n(static_cast<const std::uint32_t*>(row.data()), row.size(), to);
    Push(CountRow::Packed(to, row.size()));
    return;
  }
  Push(
      storage_.Store(Span<const TermCount>(static_cast<const TermCount*>(row.data()), row.size())));
}

void CountRows::Resize(std::size_t rows) {
  data_.resize(rows, nullptr);
  size_.resize(rows, 0);
}

void CountRows::Set(std::size_t i, CountRow row) {
  data_[i] = const_cast<void*>(row.data());
  size_[i] = static_cast<std::uint32_t>(row.size()) | (row.packed() ? kPackedBit : 0);
}

void CountRows::Adopt(CountStorage&& storage) {
  for (auto& block : storage.wide_.blocks) adopted_wide_.push_back(std::move(block));
  for (auto& block : storage.packed_.blocks) adopted_packed_.push_back(std::move(block));
  storage = CountStorage();
}

void CountRows::Rewrite(std::size_t i, Span<const TermCount> row, CountStorage* spare) {
  const std::size_t room = size_[i] & kSizeMask;
  const bool packed = (size_[i] & kPackedBit) != 0;
  if (row.size() <= room && (!packed || Packable(row))) {
    if (packed) {
      auto* to = static_cast<std::uint32_t*>(data_[i]);
      for (std::size_t j = 0; j < row.size(); ++j) to[j] = Pack(row[j]);
    } else {
      std::copy(row.begin(), row.end(), static_cast<TermCount*>(data_[i]));
    }
    size_[i] = static_cast<std::uint32_t>(row.size()) | (packed ? kPackedBit : 0);
    return;
  }
  Set(i, spare->Store(row));
}

void CountRows::AdoptStorageOf(CountRows* from) {
  Adopt(std::move(from->storage_));
  for (auto& block : from->adopted_wide_) adopted_wide_.push_back(std::move(block));
  for (auto& block : from->adopted_packed_) adopted_packed_.push_back(std::move(block));
  from->adopted_wide_.clear();
  from->adopted_packed_.clear();
}

void CountRows::AppendAdopted(CountRow row) { Push(row); }

void CountRows::AppendAdoptedRenumbered(CountRow row, const std::vector<std::uint32_t>& map) {
  if (!row.packed()) {
    auto* pairs = static_cast<TermCount*>(const_cast<void*>(row.data()));
    for (std::size_t j = 0; j < row.size(); ++j) pairs[j].term = map[pairs[j].term];
    Push(row);
    return;
  }
  auto* words = static_cast<std::uint32_t*>(const_cast<void*>(row.data()));
  const bool fits = std::all_of(words, words + row.size(),
                                [&](std::uint32_t w) { return map[Unpack(w).term] < (1u << 24); });
  if (fits) {
    for (std::size_t j = 0; j < row.size(); ++j) {
      const TermCount tc = Unpack(words[j]);
      words[j] = Pack({map[tc.term], tc.count});
    }
    Push(row);
    return;
  }
  TermCount* to = storage_.Allocate(row.size());
  for (std::size_t j = 0; j < row.size(); ++j) {
    const TermCount tc = Unpack(words[j]);
    to[j] = {map[tc.term], tc.count};
  }
  Push(CountRow(to, row.size()));
}

}  // namespace trendscan
