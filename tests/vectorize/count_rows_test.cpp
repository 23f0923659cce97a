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

TEST_CASE("rows from vectors, copies and shrinking") {
  const CountRows rows = std::vector<std::vector<TermCount>>{{{1, 2}, {4, 1}}, {}, {{0, 9}}};
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].empty());
  CHECK(rows[2][0].count == 9);
  CountRows copy = rows;
  copy.Mutable(0)[0].count = 7;
  copy.Shrink(0, 1);
  CHECK(copy[0].size() == 1);
  CHECK(copy[0][0].count == 7);
  // The copy has storage of its own.
  CHECK(rows[0].size() == 2);
  CHECK(rows[0][0].count == 2);
  CountRows moved = std::move(copy);
  CHECK(moved[0][0].count == 7);
  CHECK(moved[2][0].term == 0);
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
        TermCount* to = storage[t].Allocate(row.size());
        std::copy(row.begin(), row.end(), to);
        rows.Set(r, to, row.size());
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
  std::vector<const TermCount*> where;
  {
    CountRows a = std::vector<std::vector<TermCount>>{{{1, 1}}, {{2, 2}, {3, 3}}};
    CountRows b = std::vector<std::vector<TermCount>>{{{5, 5}}};
    merged.AdoptStorageOf(&a);
    merged.AdoptStorageOf(&b);
    merged.AppendAdopted(b[0]);
    merged.AppendAdopted(a.Mutable(1));
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
