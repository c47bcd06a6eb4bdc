// dispatch() runs inline inside the context and queues from outside; post() always queues.
#include "context_test.hpp"

#include "ringport/dispatch.hpp"
#include "ringport/defer.hpp"
#include "ringport/post.hpp"

#include <vector>

namespace dispatch_runs_inline_inside_test {

using DispatchRunsInlineInside = ringport::test::context_test;

TEST_F(DispatchRunsInlineInside, DispatchInsideRunsAtOnce) {
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    order.push_back(1);
    ringport::dispatch(ctx(), [&] { order.push_back(2); });
    ringport::post(ctx(), [&] { order.push_back(4); });
    ringport::defer(ctx(), [&] { order.push_back(5); });
    order.push_back(3);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST_F(DispatchRunsInlineInside, DispatchOutsideQueues) {
  bool ran = false;
  ringport::dispatch(ctx(), [&] { ran = true; });
  EXPECT_FALSE(ran);
  ctx().run();
  EXPECT_TRUE(ran);
}

TEST_F(DispatchRunsInlineInside, RunningInThisThread) {
  auto ex = ctx().get_executor();
  EXPECT_FALSE(ex.running_in_this_thread());
  bool inside = false;
  ringport::post(ex, [&] { inside = ex.running_in_this_thread(); });
  ctx().run();
  EXPECT_TRUE(inside);
}

}  // namespace dispatch_runs_inline_inside_test
