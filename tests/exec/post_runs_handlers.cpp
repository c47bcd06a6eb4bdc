// post() queues handlers; run() executes them in FIFO order and returns when work runs out.
#include "context_test.hpp"

#include "ringport/post.hpp"

#include <functional>
#include <vector>

namespace post_runs_handlers_test {

using PostRunsHandlers = ringport::test::context_test;

TEST_F(PostRunsHandlers, RunsEveryHandlerInOrderThenReturns) {
  std::vector<int> order;
  for (int i = 0; i < 100; ++i)
    ringport::post(ctx(), [&order, i] { order.push_back(i); });
  EXPECT_TRUE(order.empty()) << "post() must never run the handler inline";
  EXPECT_EQ(ctx().run(), 100u);
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(order[i], i);
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(PostRunsHandlers, RunWithoutWorkReturnsAtOnce) {
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(PostRunsHandlers, HandlerPostingMoreKeepsRunGoing) {
  int count = 0;
  std::function<void()> step = [&] {
    if (++count < 1000) ringport::post(ctx(), step);
  };
  ringport::post(ctx(), step);
  EXPECT_EQ(ctx().run(), 1000u);
  EXPECT_EQ(count, 1000);
}

}  // namespace post_runs_handlers_test
