#include "trendscan/vectorize/count_rows.hpp"

#include <algorithm>

namespace trendscan {
namespace {

// Blocks grow from 512 KB to 16 MB (counts of 8 bytes): a few blocks for one essay's rows, and
// blocks large enough at scale for the allocator to map each apart from its heap.
constexpr std::size_t kFirstBlock = std::size_t{1} << 16;
constexpr std::size_t kLargestBlock = std::size_t{1} << 21;

}  // namespace

TermCount* CountStorage::Allocate(std::size_t n) {
  if (n == 0) return nullptr;
  if (capacity_ - used_ < n) {
    const std::size_t grown = std::min(kLargestBlock, std::max(kFirstBlock, allocated_));
    const std::size_t size = std::max(n, grown);
    // Default-initialised, so the pages are touched only as the counts are written.
    blocks_.emplace_back(new TermCount[size]);
    capacity_ = size;
    used_ = 0;
  }
  TermCount* out = blocks_.back().get() + used_;
  used_ += n;
  allocated_ += n;
  return out;
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
  for (std::uint32_t n : size_) total += n;
  return total;
}

void CountRows::Reserve(std::size_t rows) {
  data_.reserve(rows);
  size_.reserve(rows);
}

void CountRows::Append(CountRow row) {
  TermCount* to = AppendUninitialised(row.size());
  std::copy(row.begin(), row.end(), to);
}

TermCount* CountRows::AppendUninitialised(std::size_t n) {
  TermCount* to = storage_.Allocate(n);
  data_.push_back(to);
  size_.push_back(static_cast<std::uint32_t>(n));
  return to;
}

void CountRows::Resize(std::size_t rows) {
  data_.resize(rows, nullptr);
  size_.resize(rows, 0);
}

void CountRows::Set(std::size_t i, TermCount* data, std::size_t n) {
  data_[i] = data;
  size_[i] = static_cast<std::uint32_t>(n);
}

void CountRows::Adopt(CountStorage&& storage) {
  for (std::unique_ptr<TermCount[]>& block : storage.blocks_) adopted_.push_back(std::move(block));
  storage = CountStorage();
}

void CountRows::AdoptStorageOf(CountRows* from) {
  Adopt(std::move(from->storage_));
  for (std::unique_ptr<TermCount[]>& block : from->adopted_) adopted_.push_back(std::move(block));
  from->adopted_.clear();
}

void CountRows::AppendAdopted(CountRow row) {
  data_.push_back(const_cast<TermCount*>(row.data()));
  size_.push_back(static_cast<std::uint32_t>(row.size()));
}

}  // namespace trendscan
