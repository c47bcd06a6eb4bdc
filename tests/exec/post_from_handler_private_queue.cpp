// A handler's own posts wait in its thread's private queue until it returns (no lock, no
// atomic work count while it runs). These check what must still hold: a run() nested in the
// handler sees them, a handler that throws still publishes them, run_one() leaves them
// queued for the next call, and the work count stays exact (run() ends when all is done).
#include "context_test.hpp"

#include "ringport/defer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <chrono>
#include <stdexcept>
#include <vector>

namespace post_from_handler_private_queue_test {

using PostFromHandlerPrivateQueue = ringport::test::context_test;

TEST_F(PostFromHandlerPrivateQueue, NestedRunSeesWhatTheOuterHandlerPosted) {
  bool inner_ran = false;
  std::size_t nested = 99;
  ringport::post(ctx(), [&] {
    ringport::post(ctx(), [&] { inner_ran = true; });
    // Bounded: if the nested loop could not see the post it would wait the whole second.
    nested = ctx().run_one_for(std::chrono::seconds(1));
  });
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(nested, 1u);
  EXPECT_TRUE(inner_ran);
}

TEST_F(PostFromHandlerPrivateQueue, ThrowingHandlerStillPublishesItsPosts) {
  int ran = 0;
  ringport::post(ctx(), [&] {
    ringport::post(ctx(), [&] { ++ran; });
    ringport::defer(ctx(), [&] { ++ran; });
    throw std::runtime_error("handler failed");
  });
  EXPECT_THROW(ctx().run(), std::runtime_error);
  EXPECT_EQ(ran, 0);
  ctx().restart();
  EXPECT_EQ(ctx().run(), 2u);
  EXPECT_EQ(ran, 2);
}

TEST_F(PostFromHandlerPrivateQueue, RunOneLeavesThePostsQueued) {
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    order.push_back(1);
    ringport::post(ctx(), [&] { order.push_back(2); });
    ringport::post(ctx(), [&] { order.push_back(3); });
  });
  EXPECT_EQ(ctx().run_one(), 1u);
  EXPECT_EQ(order, (std::vector<int>{1}));
  EXPECT_FALSE(ctx().stopped());
  EXPECT_EQ(ctx().poll(), 2u);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  // Every unit of work was counted once and finished once: nothing keeps run() going.
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(PostFromHandlerPrivateQueue, WorkCountStaysExactAcrossFanOutAndChains) {
  // Each handler posts 0, 1 or 3 more (below, at and above the one unit it consumes).
  int ran = 0;
  struct fan {
    ringport::io_context* ctx;
    int* ran;
    int depth;
    void operator()() const {
      ++*ran;
      if (depth == 0) return;
      int children = depth % 2 == 0 ? 3 : 1;
      for (int i = 0; i < children; ++i)
        ringport::post(*ctx, fan{ctx, ran, depth - 1});
    }
  };
  ringport::post(ctx(), fan{&ctx(), &ran, 6});
  // depths 6..0 with 3,1,3,1,3,1 children: 1+3+3+9+9+27+27 handlers.
  EXPECT_EQ(ctx().run(), 79u);
  EXPECT_EQ(ran, 79);
  EXPECT_TRUE(ctx().stopped());
}

}  // namespace post_from_handler_private_queue_test
