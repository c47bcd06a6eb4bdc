// post(ctx, use_future) returns a std::future<void> that becomes ready once run() has
// executed the posted completion, never before.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <chrono>
#include <future>
#include <type_traits>

namespace use_future_post_test {

using UseFuturePost = ringport::test::context_test;

TEST_F(UseFuturePost, FutureIsReadyOnlyAfterRun) {
  std::future<void> f = ringport::post(ctx(), ringport::use_future);
  static_assert(
      std::is_same_v<decltype(ringport::post(ctx(), ringport::use_future)), std::future<void>>);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
      << "post() must not complete inside the initiating call";
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_NO_THROW(f.get());
}

TEST_F(UseFuturePost, ExecutorOverloadWorksToo) {
  std::future<void> f = ringport::post(ctx().get_executor(), ringport::use_future);
  ctx().run();
  EXPECT_NO_THROW(f.get());
}

TEST_F(UseFuturePost, DestroyedContextBreaksThePromise) {
  std::future<void> f = ringport::post(ctx(), ringport::use_future);
  ctx_.reset();  // the queued completion is destroyed, not run
  EXPECT_THROW(f.get(), std::future_error);
}

}  // namespace use_future_post_test
