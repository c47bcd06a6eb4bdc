// A work guard keeps run() waiting for handlers posted from another thread until reset.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"

#include <atomic>
#include <thread>

namespace work_guard_keeps_run_alive_test {

using WorkGuardThreads = ringport::test::context_test;

TEST_F(WorkGuardThreads, RunWaitsUntilGuardReset) {
  auto guard = ringport::make_work_guard(ctx());
  EXPECT_TRUE(guard.owns_work());
  std::atomic<int> ran{0};
  std::thread poster([&] {
    for (int i = 0; i < 50; ++i)
      ringport::post(ctx(), [&] { ++ran; });
    // The last handler releases the guard from inside the context.
    ringport::post(ctx(), [&] { guard.reset(); });
  });
  std::size_t n = ctx().run();
  poster.join();
  EXPECT_EQ(n, 51u);
  EXPECT_EQ(ran.load(), 50);
  EXPECT_FALSE(guard.owns_work());
}

TEST_F(WorkGuardThreads, GuardCopiesEachHoldWork) {
  auto guard = ringport::make_work_guard(ctx());
  auto copy = guard;
  guard.reset();
  EXPECT_TRUE(copy.owns_work());
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_FALSE(ctx().stopped());  // copy still holds work
  copy.reset();
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_TRUE(ctx().stopped());
}

}  // namespace work_guard_keeps_run_alive_test
