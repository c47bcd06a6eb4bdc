// wait() blocks the calling thread until the expiry has passed; an expired timer returns at
// once. No io_context needs to run.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <chrono>

namespace timer_sync_wait_test {

using TimerSyncWait = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerSyncWait, BlocksUntilExpiry) {
  ringport::steady_timer t(ctx(), 20ms);
  t.wait();
  EXPECT_GE(std::chrono::steady_clock::now(), t.expiry());
}

TEST_P(TimerSyncWait, ErrorCodeFormClearsTheCode) {
  ringport::steady_timer t(ctx(), 2ms);
  ringport::error_code ec = std::make_error_code(std::errc::invalid_argument);
  t.wait(ec);
  EXPECT_FALSE(ec);
  EXPECT_GE(std::chrono::steady_clock::now(), t.expiry());
}

TEST_P(TimerSyncWait, ExpiredTimerReturnsAtOnce) {
  ringport::steady_timer t(ctx());  // expiry: the clock's epoch
  auto start = std::chrono::steady_clock::now();
  t.wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerSyncWait);

}  // namespace timer_sync_wait_test
