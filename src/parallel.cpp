#include "parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace trendscan::internal {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

void ParallelFor(std::size_t num_tasks, int threads,
                 const std::function<void(std::size_t, int)>& task) {
  const int workers = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), num_tasks));
  if (workers <= 1) {
    for (std::size_t i = 0; i < num_tasks; ++i) task(i, 0);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto run = [&](int worker) {
    for (std::size_t i = next.fetch_add(1); i < num_tasks; i = next.fetch_add(1)) task(i, worker);
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace trendscan::internal
