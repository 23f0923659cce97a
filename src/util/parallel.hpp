// A minimal parallel-for over a fixed number of tasks (not part of the public API).
//
// Determinism rule for every caller: what a task computes depends only on its task index, never
// on which thread runs it or in what order, and results are combined by task index afterwards.
// That is how every stage gives identical output for any --threads value.
#ifndef TRENDSCAN_SRC_UTIL_PARALLEL_HPP_
#define TRENDSCAN_SRC_UTIL_PARALLEL_HPP_

#include <cstddef>
#include <functional>

namespace trendscan::internal {

// The most worker threads ResolveThreads gives, whatever was asked: each costs a stack and
// per-thread buffers, and no result depends on the count.
constexpr int kMaxThreads = 1024;

// The number of worker threads to use for `requested` (0 = all hardware threads), from 1 to
// kMaxThreads. The pipeline resolves --threads once, with this, and hands the number to every
// stage.
int ResolveThreads(int requested);

// Runs task(i) for i in [0, num_tasks) on up to `threads` threads (0 = all cores, as everywhere
// in trendscan); returns when all are done.
// task receives (task index, worker index in [0, threads)).
void ParallelFor(std::size_t num_tasks, int threads,
                 const std::function<void(std::size_t task, int worker)>& task);

// A run of consecutive items, [begin, end), and its position among the blocks.
struct Block {
  std::size_t index = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The number of blocks of `block_size` items that cover `items` (the last may be shorter).
inline std::size_t BlockCount(std::size_t items, std::size_t block_size) {
  return (items + block_size - 1) / block_size;
}

// Runs body(block, worker) for each block of `block_size` consecutive items of [0, items), on
// up to `threads` threads. The blocks depend only on `items` and `block_size`, never on the
// thread count: per-block results combined in block order are the same for any --threads.
void ParallelForBlocks(std::size_t items, std::size_t block_size, int threads,
                       const std::function<void(const Block& block, int worker)>& body);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_PARALLEL_HPP_
