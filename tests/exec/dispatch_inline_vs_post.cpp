// dispatch() runs the handler before returning when the caller may run it there (inside the
// io_context, inside the strand, or in an idle strand from a context thread); post() always
// queues it.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <algorithm>
#include <vector>

namespace dispatch_inline_vs_post_test {

using DispatchInlineVsPost = ringport::test::context_test;

TEST_F(DispatchInlineVsPost, IoContext) {
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    ringport::post(ctx(), [&] { order.push_back(4); });
    ringport::dispatch(ctx(), [&] { order.push_back(1); });
    order.push_back(2);
  });
  ringport::post(ctx(), [&] { order.push_back(3); });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}

TEST_F(DispatchInlineVsPost, InsideTheStrand) {
  auto strand = ringport::make_strand(ctx());
  std::vector<int> order;
  ringport::post(strand, [&] {
    ringport::post(strand, [&] { order.push_back(3); });
    ringport::dispatch(strand, [&] { order.push_back(1); });
    order.push_back(2);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(DispatchInlineVsPost, IdleStrandFromAContextThread) {
  auto strand = ringport::make_strand(ctx());
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    ringport::dispatch(strand, [&] { order.push_back(1); });  // strand idle: enters at once
    ringport::post(strand, [&] { order.push_back(3); });
    order.push_back(2);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(DispatchInlineVsPost, BusyStrandQueuesDispatchBehindItsWork) {
  // The strand already has a handler queued, so a dispatch from a context thread outside
  // the strand must wait its turn: FIFO wins over inline.
  auto strand = ringport::make_strand(ctx());
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    ringport::dispatch(strand, [&] { order.push_back(4); });
    order.push_back(1);
  });
  ringport::post(strand, [&] { order.push_back(3); });
  ringport::post(ctx(), [&] { order.push_back(2); });
  ctx().run();
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0], 1);
  auto three = std::find(order.begin(), order.end(), 3);
  auto four = std::find(order.begin(), order.end(), 4);
  EXPECT_LT(three, four) << "dispatch overtook a handler already queued in the strand";
}

TEST_F(DispatchInlineVsPost, OutsideTheContextBothQueue) {
  auto strand = ringport::make_strand(ctx());
  bool dispatched = false, posted = false;
  ringport::dispatch(strand, [&] { dispatched = true; });
  ringport::dispatch(ctx(), [&] { posted = true; });
  EXPECT_FALSE(dispatched);
  EXPECT_FALSE(posted);
  ctx().run();
  EXPECT_TRUE(dispatched);
  EXPECT_TRUE(posted);
}

TEST_F(DispatchInlineVsPost, ThroughAnyIoExecutor) {
  ringport::any_io_executor ex = ctx().get_executor();
  std::vector<int> order;
  ringport::post(ex, [&] {
    ringport::post(ex, [&] { order.push_back(3); });
    ringport::dispatch(ex, [&] { order.push_back(1); });
    order.push_back(2);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

}  // namespace dispatch_inline_vs_post_test
