#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace itkal {

/// Threads for jobs that would stall an event loop (rendering a filtered feed or the index
/// page). A thread is started only when a job finds every thread busy, up to `max_threads`;
/// most servers never render and so never start one.
class WorkerPool {
 public:
  explicit WorkerPool(std::size_t max_threads);
  /// Runs the jobs still queued, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> job);
  /// Runs the jobs still queued, then joins the threads; later jobs are not run.
  void finish();

 private:
  void run();

  std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace itkal
