// A thread blocked in the backend with a far timer's timeout wakes when an earlier timer is
// added from another thread, and fires it on time instead of sleeping on.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <atomic>
#include <chrono>
#include <thread>

namespace timer_wakeup_recomputes_threads_test {

using TimerWakeupThreads = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerWakeupThreads, EarlierTimerAddedLaterFiresFirst) {
  ringport::steady_timer far(ctx(), 1h);
  ringport::steady_timer near(ctx());
  std::atomic<bool> far_fired{false};
  std::atomic<bool> near_fired{false};
  far.async_wait([&](ringport::error_code ec) { far_fired = !ec; });

  std::thread runner([&] { ctx().run(); });
  // Give the runner time to block in the backend with the far timer's timeout (if it has not
  // got there yet, the test only gets easier).
  std::this_thread::sleep_for(20ms);
  auto start = std::chrono::steady_clock::now();
  near.expires_after(10ms);
  near.async_wait([&](ringport::error_code ec) {
    near_fired = !ec;
    far.cancel();  // lets run() return
  });
  runner.join();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(near_fired);
  EXPECT_FALSE(far_fired);
  // The far timer is an hour away; anything short of that proves the wake-up recomputed.
  // The bound is loose on purpose: the machine is noisy.
  EXPECT_LT(elapsed, 30s);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerWakeupThreads);

}  // namespace timer_wakeup_recomputes_threads_test
