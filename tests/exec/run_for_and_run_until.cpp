// run_for()/run_until() return at the deadline when work remains, or earlier when it ends.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"

#include <chrono>

namespace run_for_and_run_until_test {

using RunForAndRunUntil = ringport::test::context_test;
using namespace std::chrono_literals;

TEST_F(RunForAndRunUntil, RunForReturnsAfterDeadlineWithWorkGuard) {
  auto guard = ringport::make_work_guard(ctx());
  int ran = 0;
  ringport::post(ctx(), [&] { ++ran; });
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(ctx().run_for(30ms), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
  EXPECT_EQ(ran, 1);
  EXPECT_FALSE(ctx().stopped());
}

TEST_F(RunForAndRunUntil, RunUntilReturnsWhenWorkEnds) {
  int ran = 0;
  ringport::post(ctx(), [&] { ++ran; });
  EXPECT_EQ(ctx().run_until(std::chrono::steady_clock::now() + 60s), 1u);
  EXPECT_EQ(ran, 1);
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(RunForAndRunUntil, RunOneForTimesOutWithoutHandlers) {
  auto guard = ringport::make_work_guard(ctx());
  EXPECT_EQ(ctx().run_one_for(10ms), 0u);
  EXPECT_FALSE(ctx().stopped());
}

TEST_F(RunForAndRunUntil, RunUntilSystemClockDeadline) {
  auto guard = ringport::make_work_guard(ctx());
  auto deadline = std::chrono::system_clock::now() + 20ms;
  EXPECT_EQ(ctx().run_until(deadline), 0u);
  EXPECT_GE(std::chrono::system_clock::now(), deadline);
}

}  // namespace run_for_and_run_until_test
