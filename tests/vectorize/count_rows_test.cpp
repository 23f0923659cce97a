#include "trendscan/vectorize/count_rows.hpp"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

namespace trendscan {
namespace {

std::vector<TermCount> AsVector(CountRow row) {
  return std::vector<TermCount>(row.begin(), row.end());
}

bool Same(const std::vector<TermCount>& a, const std::vector<TermCount>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].term != b[i].term || a[i].count != b[i].count) return false;
  }
  return true;
}

// Row r of the test rows: r % 7 counts (term r + i, count i + 1); some rows empty.
std::vector<TermCount> TestRow(std::size_t r) {
  std::vector<TermCount> row;
  for (std::size_t i = 0; i < r % 7; ++i) {
    row.push_back({static_cast<std::uint32_t>(r + i), static_cast<std::uint32_t>(i + 1)});
  }
  return row;
}

TEST_CASE("rows appended keep their counts while the storage grows past many blocks") {
  // 2,000,000 rows of 3 counts on average: 6 million counts, past the largest block (2 million).
  constexpr std::size_t kRows = 2000000;
  CountRows rows;
  for (std::size_t r = 0; r < kRows; ++r) {
    const std::vector<TermCount> row = TestRow(r);
    rows.Append(CountRow(row.data(), row.size()));
  }
  REQUIRE(rows.size() == kRows);
  std::uint64_t expected = 0;
  for (std::size_t r = 0; r < kRows; ++r) expected += r % 7;
  CHECK(rows.counts() == expected);
  for (std::size_t r : {std::size_t{0}, std::size_t{6}, std::size_t{12345}, kRows / 2, kRows - 1}) {
    CHECK(Same(AsVector(rows[r]), TestRow(r)));
  }
  std::size_t seen = 0;
  bool all_same = true;
  for (CountRow row : rows) all_same = all_same && Same(AsVector(row), TestRow(seen++));
  CHECK(seen == kRows);
  CHECK(all_same);
}

TEST_CASE("rows from vectors, copies and rewriting") {
  const CountRows rows = std::vector<std::vector<TermCount>>{{{1, 2}, {4, 1}}, {}, {{0, 9}}};
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].empty());
  CHECK(rows[2][0].count == 9);
  CountRows copy = rows;
  CountStorage spare;
  const std::vector<TermCount> shorter = {{1, 7}};
  copy.Rewrite(0, Span<const TermCount>(shorter.data(), shorter.size()), &spare);
  CHECK(copy[0].size() == 1);
  CHECK(copy[0][0].count == 7);
  CHECK(copy[0].data() != rows[0].data());  // the copy has storage of its own
  CHECK(spare.allocated() == 0);            // a shorter row stays where it was
  CHECK(rows[0].size() == 2);
  CHECK(rows[0][0].count == 2);
  // A longer row, or one that no longer packs, goes to the spare storage.
  const std::vector<TermCount> longer = {{1, 1}, {2, 1}, {3, 300}};
  copy.Rewrite(2, Span<const TermCount>(longer.data(), longer.size()), &spare);
  copy.Adopt(std::move(spare));
  CHECK(Same(AsVector(copy[2]), longer));
  CHECK(!copy[2].packed());
  CountRows moved = std::move(copy);
  CHECK(moved[0][0].count == 7);
  CHECK(moved[2][2].count == 300);
}

TEST_CASE("rows are packed unless a term or a count does not fit a word") {
  const std::vector<TermCount> small = {{0, 1}, {(1u << 24) - 1, 255}};
  const std::vector<TermCount> big_term = {{1, 1}, {1u << 24, 1}};
  const std::vector<TermCount> big_count = {{1, 256}};
  const CountRows rows = std::vector<std::vector<TermCount>>{small, big_term, big_count, {}};
  CHECK(rows[0].packed());
  CHECK(!rows[1].packed());
  CHECK(!rows[2].packed());
  CHECK(Same(AsVector(rows[0]), small));
  CHECK(Same(AsVector(rows[1]), big_term));
  CHECK(Same(AsVector(rows[2]), big_count));
  CHECK(rows[3].empty());
  CHECK(rows.counts() == 5);
  for (const TermCount tc : small) CHECK(Unpack(Pack(tc)).term == tc.term);
}

TEST_CASE("repeated terms of a sorted row are summed into one pair each") {
  std::vector<TermCount> row = {{1, 1}, {1, 2}, {3, 1}, {4, 5}, {4, 1}, {4, 1}};
  SumRepeatedTerms(&row);
  CHECK(Same(row, {{1, 3}, {3, 1}, {4, 7}}));
  std::vector<TermCount> empty;
  SumRepeatedTerms(&empty);
  CHECK(empty.empty());
}

TEST_CASE("renumbering adopted rows in place, and wide when a new term does not pack") {
  CountRows merged;
  CountRows a = std::vector<std::vector<TermCount>>{{{0, 1}, {1, 2}}, {{1, 3}, {2, 4}}};
  const void* packed_at = a[0].data();
  merged.AdoptStorageOf(&a);
  const std::vector<std::uint32_t> map = {5, 1u << 25, 9};
  merged.AppendAdoptedRenumbered(a[1], std::vector<std::uint32_t>{0, 6, 7});
  merged.AppendAdoptedRenumbered(a[0], map);
  CHECK(Same(AsVector(merged[0]), {{6, 3}, {7, 4}}));
  CHECK(merged[0].packed());
  CHECK(Same(AsVector(merged[1]), {{5, 1}, {1u << 25, 2}}));
  CHECK(!merged[1].packed());
  CHECK(merged[1].data() != packed_at);
}

TEST_CASE("rows filled from several threads in storages of their own, then adopted") {
  constexpr std::size_t kRows = 300000;
  CountRows rows;
  rows.Resize(kRows);
  std::vector<CountStorage> storage(2);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t r = t; r < kRows; r += 2) {
        const std::vector<TermCount> row = TestRow(r);
        rows.Set(r, storage[t].Store(Span<const TermCount>(row.data(), row.size())));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (CountStorage& s : storage) rows.Adopt(std::move(s));
  storage.clear();  // the blocks now belong to the rows
  bool all_same = true;
  for (std::size_t r = 0; r < kRows; ++r)
    all_same = all_same && Same(AsVector(rows[r]), TestRow(r));
  CHECK(all_same);
}

TEST_CASE("rows of other rows taken over without copying outlive them") {
  CountRows merged;
  std::vector<const void*> where;
  {
    CountRows a = std::vector<std::vector<TermCount>>{{{1, 1}}, {{2, 2}, {3, 3}}};
    CountRows b = std::vector<std::vector<TermCount>>{{{5, 5}}};
    merged.AdoptStorageOf(&a);
    merged.AdoptStorageOf(&b);
    merged.AppendAdopted(b[0]);
    merged.AppendAdopted(a[1]);
    merged.AppendAdopted(a[0]);
    where = {b[0].data(), a[1].data()};
  }  // a and b are gone; their blocks live on in `merged`
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].data() == where[0]);
  CHECK(merged[1].data() == where[1]);
  CHECK(Same(AsVector(merged[0]), {{5, 5}}));
  CHECK(Same(AsVector(merged[1]), {{2, 2}, {3, 3}}));
  CHECK(Same(AsVector(merged[2]), {{1, 1}}));
  // Appending copies after taking over still works, in this rows' own storage.
  merged.Append(merged[0]);
  CHECK(merged[3].data() != merged[0].data());
  CHECK(merged[3][0].term == 5);
}

}  // namespace
}  // namespace trendscan
