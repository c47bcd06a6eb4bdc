// stop() makes run() return with handlers left queued; restart() lets run() continue them.
#include "context_test.hpp"

#include "ringport/post.hpp"

namespace stop_and_restart_test {

using StopAndRestart = ringport::test::context_test;

TEST_F(StopAndRestart, StopLeavesRemainingHandlersQueued) {
  int ran = 0;
  ringport::post(ctx(), [&] {
    ++ran;
    ctx().stop();
  });
  ringport::post(ctx(), [&] { ++ran; });
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(ran, 1);
  // While stopped, run() returns at once.
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_EQ(ran, 1);
  ctx().restart();
  EXPECT_FALSE(ctx().stopped());
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(ran, 2);
}

TEST_F(StopAndRestart, StopBeforeRunMakesRunReturnImmediately) {
  int ran = 0;
  ringport::post(ctx(), [&] { ++ran; });
  ctx().stop();
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_EQ(ran, 0);
  ctx().restart();
  EXPECT_EQ(ctx().run(), 1u);
}

}  // namespace stop_and_restart_test
