// run_one() runs exactly one handler; poll()/poll_one() run only what is ready, never block.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"

namespace run_one_and_poll_test {

using RunOneAndPoll = ringport::test::context_test;

TEST_F(RunOneAndPoll, RunOneRunsExactlyOneHandler) {
  int ran = 0;
  for (int i = 0; i < 3; ++i)
    ringport::post(ctx(), [&] { ++ran; });
  EXPECT_EQ(ctx().run_one(), 1u);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(ctx().run_one(), 1u);
  EXPECT_EQ(ran, 2);
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(ran, 3);
}

TEST_F(RunOneAndPoll, PollRunsReadyHandlersAndReturns) {
  int ran = 0;
  for (int i = 0; i < 5; ++i)
    ringport::post(ctx(), [&] { ++ran; });
  EXPECT_EQ(ctx().poll(), 5u);
  EXPECT_EQ(ran, 5);
}

TEST_F(RunOneAndPoll, PollOneRunsOneHandler) {
  int ran = 0;
  for (int i = 0; i < 2; ++i)
    ringport::post(ctx(), [&] { ++ran; });
  EXPECT_EQ(ctx().poll_one(), 1u);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(ctx().poll_one(), 1u);
  EXPECT_EQ(ran, 2);
  EXPECT_EQ(ctx().poll_one(), 0u);
}

TEST_F(RunOneAndPoll, PollWithOnlyWorkGuardDoesNotBlock) {
  auto guard = ringport::make_work_guard(ctx());
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_EQ(ctx().poll_one(), 0u);
  EXPECT_FALSE(ctx().stopped());
}

}  // namespace run_one_and_poll_test
