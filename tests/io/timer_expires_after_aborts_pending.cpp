// Re-arming a timer (expires_after, expires_at) aborts the waits pending on the old expiry,
// once each, and reports how many; a wait started afterwards uses the new expiry.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <functional>
#include <vector>

namespace timer_expires_after_aborts_pending_test {

using TimerRearm = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerRearm, ExpiresAfterAbortsOldWait) {
  ringport::steady_timer t(ctx(), 1h);
  std::vector<std::pair<char, ringport::error_code>> done;
  t.async_wait([&](ringport::error_code ec) { done.emplace_back('a', ec); });
  EXPECT_EQ(t.expires_after(5ms), 1u);
  t.async_wait([&](ringport::error_code ec) { done.emplace_back('b', ec); });
  EXPECT_EQ(ctx().run(), 2u);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[0].first, 'a');
  EXPECT_EQ(done[0].second, ringport::error::operation_aborted);
  EXPECT_EQ(done[1].first, 'b');
  EXPECT_FALSE(done[1].second);
}

TEST_P(TimerRearm, ExpiresAtAbortsOldWaits) {
  ringport::steady_timer t(ctx(), 1h);
  int aborted = 0, other = 0;
  for (int i = 0; i < 2; ++i)
    t.async_wait([&](ringport::error_code ec) {
      (ec == ringport::error::operation_aborted ? aborted : other)++;
    });
  auto when = std::chrono::steady_clock::now() + 1ms;
  EXPECT_EQ(t.expires_at(when), 2u);
  EXPECT_EQ(t.expiry(), when);
  EXPECT_EQ(t.expires_at(when), 0u) << "no wait left to abort";
  ctx().run();
  EXPECT_EQ(aborted, 2);
  EXPECT_EQ(other, 0);
}

TEST_P(TimerRearm, RearmFromHandlerChainsWaits) {
  ringport::steady_timer t(ctx(), 0s);
  int fired = 0;
  std::function<void(ringport::error_code)> step = [&](ringport::error_code ec) {
    EXPECT_FALSE(ec);
    if (++fired < 50) {
      EXPECT_EQ(t.expires_after(10us), 0u);
      t.async_wait(step);
    }
  };
  t.async_wait(step);
  EXPECT_EQ(ctx().run(), 50u);
  EXPECT_EQ(fired, 50);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerRearm);

}  // namespace timer_expires_after_aborts_pending_test
