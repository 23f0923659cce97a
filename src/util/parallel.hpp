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

// The number of worker threads to use for `requested` (0 = all hardware threads), at least 1.
int ResolveThreads(int requested);

// Runs task(i) for i in [0, num_tasks) on up to `threads` threads; returns when all are done.
// task receives (task index, worker index in [0, threads)).
void ParallelFor(std::size_t num_tasks, int threads,
                 const std::function<void(std::size_t task, int worker)>& task);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_PARALLEL_HPP_
