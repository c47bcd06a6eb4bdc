// system_timer (std::chrono::system_clock): waits fire after their expiry, cancel aborts, wait()
// blocks.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/system_timer.hpp"

#include <chrono>

namespace system_timer_basic_test {

using SystemTimerBasic = ringport::test::backend_test;
using namespace std::chrono_literals;
using clock_type = std::chrono::system_clock;

TEST_P(SystemTimerBasic, AsyncWaitFiresAfterExpiry) {
  ringport::system_timer t(ctx(), 5ms);
  bool fired = false;
  t.async_wait([&](ringport::error_code ec) {
    fired = !ec;
    EXPECT_GE(clock_type::now(), t.expiry());
  });
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_TRUE(fired);
}

TEST_P(SystemTimerBasic, CancelAborts) {
  ringport::system_timer t(ctx().get_executor(), clock_type::now() + 1h);
  ringport::error_code result;
  t.async_wait([&](ringport::error_code ec) { result = ec; });
  EXPECT_EQ(t.cancel(), 1u);
  ctx().run();
  EXPECT_EQ(result, ringport::error::operation_aborted);
}

TEST_P(SystemTimerBasic, SyncWait) {
  ringport::system_timer t(ctx(), 2ms);
  t.wait();
  EXPECT_GE(clock_type::now(), t.expiry());
}

RINGPORT_INSTANTIATE_BACKENDS(SystemTimerBasic);

}  // namespace system_timer_basic_test
