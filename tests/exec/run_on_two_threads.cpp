// run() called from two threads at once: handlers spread over both, stop() wakes both.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

namespace run_on_two_threads_test {

using RunThreads = ringport::test::context_test;

TEST_F(RunThreads, HandlersSpreadOverBothThreads) {
  // Each handler waits (bounded) until a second thread has entered a handler, so both run()
  // threads must be taking handlers at the same time.
  std::mutex mutex;
  std::set<std::thread::id> seen;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  for (int i = 0; i < 2; ++i) {
    ringport::post(ctx(), [&] {
      {
        std::lock_guard lock(mutex);
        seen.insert(std::this_thread::get_id());
      }
      ++inside;
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (inside.load() < 2 && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
      if (inside.load() == 2) overlapped = true;
    });
  }
  std::thread other([&] { ctx().run(); });
  ctx().run();
  other.join();
  EXPECT_TRUE(overlapped.load());
  EXPECT_EQ(seen.size(), 2u);
}

TEST_F(RunThreads, StopWakesAllRunThreads) {
  auto guard = ringport::make_work_guard(ctx());
  std::atomic<int> entered{0};
  auto runner = [&] {
    ++entered;
    ctx().run();
  };
  std::thread a(runner), b(runner);
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (entered.load() < 2 && std::chrono::steady_clock::now() < until)
    std::this_thread::yield();
  // Give both a moment to block, then stop: both must return although work remains.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ctx().stop();
  a.join();
  b.join();
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(RunThreads, PostsFromManyThreadsAllRun) {
  constexpr int per_thread = 2000;
  std::atomic<int> ran{0};
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([&] { ctx().run(); });
  std::thread posters[3];
  for (auto& t : posters)
    t = std::thread([&] {
      for (int i = 0; i < per_thread; ++i)
        ringport::post(ctx(), [&] { ++ran; });
    });
  for (auto& t : posters)
    t.join();
  guard.reset();
  ctx().run();
  runner.join();
  EXPECT_EQ(ran.load(), 3 * per_thread);
}

}  // namespace run_on_two_threads_test
