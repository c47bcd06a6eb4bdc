// A thread blocked in the backend with a far timer's timeout wakes when an earlier timer is
// added from another thread, and fires it instead of sleeping on.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace timer_wakeup_recomputes_threads_test {

using TimerWakeupThreads = ringport::test::backend_test;
using namespace std::chrono_literals;

// The runner calls run(), not run_for(): run_for() waits in one-second slices, which would
// wake the runner anyway. Without the wake-up the runner sleeps until the far timer, so the
// near timer cannot fire before the watchdog gives up: firing at all is the behaviour under
// test, not a measure of speed. The far timer also bounds the runner's sleep should even
// stop() fail to wake it.
constexpr auto watchdog = 20s;
constexpr auto far_expiry = 60s;

TEST_P(TimerWakeupThreads, EarlierTimerAddedLaterFiresFirst) {
  ringport::steady_timer far(ctx(), far_expiry);
  ringport::steady_timer near(ctx());
  std::atomic<bool> far_fired{false};
  std::atomic<bool> near_fired{false};
  std::promise<void> near_done;
  far.async_wait([&](ringport::error_code ec) { far_fired = !ec; });

  std::thread runner([&] { ctx().run(); });
  // Give the runner time to block in the backend with the far timer's timeout (if it has not
  // got there yet, the test only gets easier).
  std::this_thread::sleep_for(20ms);
  near.expires_after(10ms);
  near.async_wait([&](ringport::error_code ec) {
    near_fired = !ec;
    far.cancel();  // lets run() return
    near_done.set_value();
  });
  const bool woke = near_done.get_future().wait_for(watchdog) == std::future_status::ready;
  if (!woke) ctx().stop();
  runner.join();
  ASSERT_TRUE(woke) << "the near timer had not fired after " << watchdog.count()
                    << " s: the thread blocked in the backend did not wake to recompute its "
                       "timeout for the earlier timer";
  EXPECT_TRUE(near_fired);
  EXPECT_FALSE(far_fired);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerWakeupThreads);

}  // namespace timer_wakeup_recomputes_threads_test
