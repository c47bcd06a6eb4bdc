// Destroying a timer completes its pending waits with operation_aborted, once each.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace timer_destroy_aborts_wait_test {

using TimerDestroy = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerDestroy, PendingWaitsAborted) {
  int calls = 0;
  std::optional<ringport::error_code> result;
  {
    ringport::steady_timer t(ctx(), 1h);
    t.async_wait([&](ringport::error_code ec) {
      ++calls;
      result = ec;
    });
    t.async_wait([&](ringport::error_code) { ++calls; });
  }
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(ctx().run(), 2u);
  EXPECT_EQ(calls, 2);
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, ringport::error::operation_aborted);
}

TEST_P(TimerDestroy, DestroyedFromItsOwnHandler) {
  auto t = std::make_unique<ringport::steady_timer>(ctx(), 1ms);
  ringport::steady_timer other(ctx(), 1h);
  std::optional<ringport::error_code> other_result;
  other.async_wait([&](ringport::error_code ec) { other_result = ec; });
  t->async_wait([&](ringport::error_code) {
    t.reset();
    other.cancel();
  });
  ctx().run();
  EXPECT_FALSE(t);
  ASSERT_TRUE(other_result);
  EXPECT_EQ(*other_result, ringport::error::operation_aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerDestroy);

}  // namespace timer_destroy_aborts_wait_test
