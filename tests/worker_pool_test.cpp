// The render worker pool: every job submitted runs, on at most max_threads threads, started
// only when needed; finish() runs what is queued and then refuses more.
#include "itkal/serve/http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

namespace itkal {
namespace {

using namespace std::chrono_literals;

TEST(WorkerPool, RunsEveryJobOnAtMostMaxThreads) {
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::atomic<int> done{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 200; ++i) {
      pool.submit([&] {
        {
          const std::lock_guard lock(mutex);
          threads.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(100us);
        ++done;
      });
    }
    pool.finish();
  }
  EXPECT_EQ(done.load(), 200);
  EXPECT_GE(threads.size(), 1u);
  EXPECT_LE(threads.size(), 3u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u) << "jobs run on the pool's threads";
}

TEST(WorkerPool, AJobThatWaitsDoesNotStopTheOthers) {
  // With two threads, a job blocked on a promise leaves the other thread to run the job that
  // fulfils it: the pool starts a second thread when the first is busy.
  WorkerPool pool(2);
  std::promise<void> release;
  std::future<void> released = release.get_future();
  std::atomic<bool> first_done{false};
  pool.submit([&] {
    released.wait();
    first_done = true;
  });
  pool.submit([&] { release.set_value(); });
  pool.finish();
  EXPECT_TRUE(first_done.load());
}

TEST(WorkerPool, JobsAfterFinishAreNotRun) {
  std::atomic<int> runs{0};
  WorkerPool pool(1);
  pool.submit([&] { ++runs; });
  pool.finish();
  pool.submit([&] { ++runs; });
  pool.finish();
  EXPECT_EQ(runs.load(), 1);
}

}  // namespace
}  // namespace itkal
