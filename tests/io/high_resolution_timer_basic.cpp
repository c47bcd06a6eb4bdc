// high_resolution_timer (std::chrono::high_resolution_clock): waits fire after their expiry, cancel
// aborts, wait() blocks.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/high_resolution_timer.hpp"

#include <chrono>

namespace high_resolution_timer_basic_test {

using HighResolutionTimerBasic = ringport::test::backend_test;
using namespace std::chrono_literals;
using clock_type = std::chrono::high_resolution_clock;

TEST_P(HighResolutionTimerBasic, AsyncWaitFiresAfterExpiry) {
  ringport::high_resolution_timer t(ctx(), 5ms);
  bool fired = false;
  t.async_wait([&](ringport::error_code ec) {
    fired = !ec;
    EXPECT_GE(clock_type::now(), t.expiry());
  });
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_TRUE(fired);
}

TEST_P(HighResolutionTimerBasic, CancelAborts) {
  ringport::high_resolution_timer t(ctx().get_executor(), clock_type::now() + 1h);
  ringport::error_code result;
  t.async_wait([&](ringport::error_code ec) { result = ec; });
  EXPECT_EQ(t.cancel(), 1u);
  ctx().run();
  EXPECT_EQ(result, ringport::error::operation_aborted);
}

TEST_P(HighResolutionTimerBasic, SyncWait) {
  ringport::high_resolution_timer t(ctx(), 2ms);
  t.wait();
  EXPECT_GE(clock_type::now(), t.expiry());
}

RINGPORT_INSTANTIATE_BACKENDS(HighResolutionTimerBasic);

}  // namespace high_resolution_timer_basic_test
