// The parallel-for every stage runs on: each task exactly once, worker indices in range, reused
// threads across many calls, nested calls run serially instead of deadlocking.
#include "util/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

using trendscan::internal::ParallelFor;

TEST_CASE("every task runs once, on a worker index below the thread count") {
  for (int threads : {1, 2, 3, 8}) {
    for (std::size_t tasks : {0u, 1u, 2u, 7u, 1000u}) {
      CAPTURE(threads);
      CAPTURE(tasks);
      std::vector<std::atomic<int>> runs(tasks);
      std::atomic<int> bad_worker{0};
      ParallelFor(tasks, threads, [&](std::size_t i, int worker) {
        runs[i].fetch_add(1);
        if (worker < 0 || worker >= threads) bad_worker.fetch_add(1);
      });
      for (std::size_t i = 0; i < tasks; ++i) REQUIRE(runs[i].load() == 1);
      CHECK(bad_worker.load() == 0);
    }
  }
}

TEST_CASE("thousands of calls in a row, and calls from several threads, all complete") {
  std::atomic<long> sum{0};
  for (int call = 0; call < 5000; ++call) {
    ParallelFor(4, 2, [&](std::size_t i, int) { sum.fetch_add(static_cast<long>(i)); });
  }
  CHECK(sum.load() == 5000L * 6);
  std::atomic<long> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 3; ++c) {
    callers.emplace_back([&] {
      for (int call = 0; call < 200; ++call) {
        ParallelFor(10, 3, [&](std::size_t, int) { total.fetch_add(1); });
      }
    });
  }
  for (std::thread& t : callers) t.join();
  CHECK(total.load() == 3L * 200 * 10);
}

TEST_CASE("a parallel-for inside a task runs serially on that thread") {
  std::atomic<int> inner{0};
  std::atomic<int> inner_not_zero{0};
  ParallelFor(6, 2, [&](std::size_t, int) {
    ParallelFor(5, 4, [&](std::size_t, int worker) {
      inner.fetch_add(1);
      if (worker != 0) inner_not_zero.fetch_add(1);
    });
  });
  CHECK(inner.load() == 30);
  CHECK(inner_not_zero.load() == 0);
}

TEST_CASE("blocks cover every item once, in fixed blocks whatever the thread count") {
  using trendscan::internal::Block;
  using trendscan::internal::ParallelForBlocks;
  for (std::size_t items : {0u, 1u, 9u, 10u, 11u, 1000u}) {
    for (int threads : {1, 2, 5}) {
      CAPTURE(items);
      CAPTURE(threads);
      std::vector<std::atomic<int>> seen(items);
      std::vector<std::size_t> begin_of(trendscan::internal::BlockCount(items, 10), 99999);
      ParallelForBlocks(items, 10, threads, [&](const Block& b, int) {
        REQUIRE(b.end <= items);
        REQUIRE(b.end - b.begin <= 10);
        begin_of[b.index] = b.begin;
        for (std::size_t i = b.begin; i < b.end; ++i) seen[i].fetch_add(1);
      });
      for (std::size_t i = 0; i < items; ++i) REQUIRE(seen[i].load() == 1);
      for (std::size_t b = 0; b < begin_of.size(); ++b) CHECK(begin_of[b] == 10 * b);
    }
  }
}
