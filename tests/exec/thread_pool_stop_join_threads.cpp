// thread_pool::stop() makes its threads return after their current handler; what was still
// queued is destroyed (not run) with the pool. Destroying a pool stops and joins it.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/thread_pool.hpp"

#include <atomic>
#include <future>
#include <memory>

namespace thread_pool_stop_join_threads_test {

using ThreadPoolStopJoinThreads = ringport::test::context_test;

TEST_F(ThreadPoolStopJoinThreads, StopAbandonsQueuedWork) {
  auto alive = std::make_shared<int>(0);
  std::atomic<int> ran{0};
  std::promise<void> entered, release;
  auto released = release.get_future();
  {
    ringport::thread_pool pool(1);
    // Occupy the only thread so the next handlers stay queued.
    ringport::post(pool, [&] {
      entered.set_value();
      released.wait();
    });
    entered.get_future().wait();
    for (int i = 0; i < 10; ++i)
      ringport::post(pool, [&, alive] { ++ran; });
    pool.stop();
    release.set_value();
    pool.join();
    EXPECT_EQ(ran.load(), 0) << "handlers ran after stop()";
    EXPECT_EQ(alive.use_count(), 11) << "queued handlers live until the pool goes";
  }
  EXPECT_EQ(alive.use_count(), 1) << "the pool's destructor destroys queued handlers";
}

TEST_F(ThreadPoolStopJoinThreads, DestructorStopsAndJoins) {
  constexpr int count = 1000;
  auto alive = std::make_shared<int>(0);
  std::atomic<int> ran{0};
  {
    ringport::thread_pool pool(2);
    for (int i = 0; i < count; ++i)
      ringport::post(pool, [&ran, alive] { ++ran; });
  }  // some ran, the rest are destroyed; nothing is left behind
  EXPECT_LE(ran.load(), count);
  EXPECT_EQ(alive.use_count(), 1);
}

TEST_F(ThreadPoolStopJoinThreads, JoinWithoutStopRunsEverything) {
  constexpr int count = 1000;
  std::atomic<int> ran{0};
  ringport::thread_pool pool(2);
  for (int i = 0; i < count; ++i)
    ringport::post(pool, [&] { ++ran; });
  pool.join();
  EXPECT_EQ(ran.load(), count);
  pool.join();  // nothing left to join: returns at once
  pool.wait();
}

}  // namespace thread_pool_stop_join_threads_test
