// thread_pool runs what is posted to it on its own threads, several at once, and wait()/join()
// return once the work has run out.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/thread_pool.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace thread_pool_runs_work_threads_test {

using ThreadPoolRunsWorkThreads = ringport::test::context_test;

TEST_F(ThreadPoolRunsWorkThreads, EveryHandlerRunsOnAPoolThread) {
  constexpr int count = 2000;
  ringport::thread_pool pool(2);
  std::atomic<int> ran{0}, off_pool{0};
  const auto caller = std::this_thread::get_id();
  EXPECT_FALSE(pool.get_executor().running_in_this_thread());
  for (int i = 0; i < count; ++i)
    ringport::post(pool, [&] {
      ++ran;
      if (std::this_thread::get_id() == caller || !pool.get_executor().running_in_this_thread())
        ++off_pool;
    });
  pool.wait();
  EXPECT_EQ(ran.load(), count);
  EXPECT_EQ(off_pool.load(), 0);
}

TEST_F(ThreadPoolRunsWorkThreads, JoinWaitsForWorkQueuedByHandlers) {
  ringport::thread_pool pool(2);
  std::atomic<int> links{0};
  std::function<void()> step = [&] {
    if (++links < 500) ringport::post(pool, step);
  };
  ringport::post(pool, step);
  pool.join();
  EXPECT_EQ(links.load(), 500);
}

TEST_F(ThreadPoolRunsWorkThreads, HandlersRunConcurrently) {
  // Each handler waits (bounded) for the other to start: both pool threads must be busy at once.
  ringport::thread_pool pool(2);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  for (int i = 0; i < 2; ++i)
    ringport::post(pool, [&] {
      {
        std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
      }
      ++inside;
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (inside.load() < 2 && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
      if (inside.load() == 2) overlapped = true;
    });
  pool.wait();
  EXPECT_TRUE(overlapped.load());
  EXPECT_EQ(threads.size(), 2u);
}

TEST_F(ThreadPoolRunsWorkThreads, DefaultPoolHasThreads) {
  ringport::thread_pool pool;
  std::atomic<bool> ran{false};
  ringport::post(pool.executor(), [&] { ran = true; });
  pool.join();
  EXPECT_TRUE(ran.load());
}

}  // namespace thread_pool_runs_work_threads_test
