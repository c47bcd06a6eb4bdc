// cancel() completes every pending wait with operation_aborted, exactly once, and returns how
// many it aborted.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>

namespace timer_cancel_aborts_once_test {

using TimerCancel = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerCancel, AbortsEveryPendingWaitOnce) {
  ringport::steady_timer t(ctx(), 1h);
  int calls[3] = {0, 0, 0};
  ringport::error_code codes[3];
  for (int i = 0; i < 3; ++i)
    t.async_wait([&calls, &codes, i](ringport::error_code ec) {
      ++calls[i];
      codes[i] = ec;
    });
  EXPECT_EQ(t.cancel(), 3u);
  EXPECT_EQ(t.cancel(), 0u) << "nothing left to cancel";
  EXPECT_EQ(calls[0] + calls[1] + calls[2], 0) << "cancel() must not run handlers inline";
  EXPECT_EQ(ctx().run(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(calls[i], 1);
    EXPECT_EQ(codes[i], ringport::error::operation_aborted);
  }
}

TEST_P(TimerCancel, NothingPendingReturnsZero) {
  ringport::steady_timer t(ctx(), 1h);
  EXPECT_EQ(t.cancel(), 0u);
  EXPECT_EQ(ctx().run(), 0u);
}

TEST_P(TimerCancel, ExpiredWaitIsNotCancelled) {
  // Once the wait has fired, cancel() finds nothing: the handler sees success.
  ringport::steady_timer t(ctx(), 0s);
  ringport::error_code result = ringport::error::operation_aborted;
  int calls = 0;
  t.async_wait([&](ringport::error_code ec) {
    ++calls;
    result = ec;
    EXPECT_EQ(t.cancel(), 0u);
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerCancel);

}  // namespace timer_cancel_aborts_once_test
