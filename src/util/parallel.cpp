#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace trendscan::internal {
namespace {

// Set on a thread while it runs tasks: a ParallelFor called from inside a task runs serially
// on that thread (it cannot wait for a pool that is busy running its caller).
thread_local bool in_parallel_for = false;

// Threads started once and reused: k-means refinement alone calls ParallelFor thousands of times
// on a corpus like 20news, and starting threads each time cost more than the work.
class Pool {
 public:
  static Pool& Instance() {
    static Pool pool;
    return pool;
  }

  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void Run(std::size_t num_tasks, int workers, const std::function<void(std::size_t, int)>& task) {
    std::lock_guard<std::mutex> one_job(job_mutex_);  // callers from different threads take turns
    {
      std::lock_guard<std::mutex> lock(mutex_);
      while (static_cast<int>(threads_.size()) < workers - 1) {
        threads_.emplace_back([this] { Work(); });
      }
      task_ = &task;
      num_tasks_ = num_tasks;
      next_.store(0);
      workers_ = workers;
      claimed_ = 1;  // worker 0 is the caller
      active_ = 0;
      closed_ = false;
      ++generation_;
    }
    wake_.notify_all();
    RunTasks(0);
    std::unique_lock<std::mutex> lock(mutex_);
    closed_ = true;  // a thread waking from now on finds nothing to do
    done_.wait(lock, [this] { return active_ == 0; });
    task_ = nullptr;
  }

 private:
  void RunTasks(int worker) {
    in_parallel_for = true;
    for (std::size_t i = next_.fetch_add(1); i < num_tasks_; i = next_.fetch_add(1)) {
      (*task_)(i, worker);
    }
    in_parallel_for = false;
  }

  void Work() {
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (closed_ || claimed_ >= workers_) continue;
      const int worker = claimed_++;
      ++active_;
      lock.unlock();
      RunTasks(worker);
      lock.lock();
      if (--active_ == 0) done_.notify_one();
    }
  }

  std::mutex job_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> threads_;
  const std::function<void(std::size_t, int)>* task_ = nullptr;
  std::size_t num_tasks_ = 0;
  std::atomic<std::size_t> next_{0};
  int workers_ = 0;
  int claimed_ = 0;
  int active_ = 0;
  bool closed_ = true;
  bool stop_ = false;
  std::uint64_t generation_ = 0;
};

}  // namespace

int ResolveThreads(int requested) {
  if (requested > 0) return std::min(requested, kMaxThreads);
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

void ParallelFor(std::size_t num_tasks, int threads,
                 const std::function<void(std::size_t, int)>& task) {
  const int workers = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(ResolveThreads(threads)), num_tasks));
  if (workers <= 1 || in_parallel_for) {
    for (std::size_t i = 0; i < num_tasks; ++i) task(i, 0);
    return;
  }
  Pool::Instance().Run(num_tasks, workers, task);
}

void ParallelForBlocks(std::size_t items, std::size_t block_size, int threads,
                       const std::function<void(const Block& block, int worker)>& body) {
  ParallelFor(BlockCount(items, block_size), threads, [&](std::size_t b, int worker) {
    body(Block{b, b * block_size, std::min(items, (b + 1) * block_size)}, worker);
  });
}

}  // namespace trendscan::internal
