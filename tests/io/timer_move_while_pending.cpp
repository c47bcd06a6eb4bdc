// Moving a timer moves its pending waits: cancelling, re-arming or destroying the new object
// aborts them, a slot still cancels them, and they fire at the old expiry. Move-assigning
// onto a timer aborts the target's own waits.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

namespace timer_move_while_pending_test {

using TimerMove = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerMove, MovedWaitFiresAtExpiry) {
  std::optional<ringport::error_code> result;
  ringport::steady_timer a(ctx(), 5ms);
  a.async_wait([&](ringport::error_code ec) { result = ec; });
  ringport::steady_timer b(std::move(a));
  EXPECT_EQ(a.cancel(), 0u) << "the waits moved away";
  EXPECT_EQ(ctx().run(), 1u);
  ASSERT_TRUE(result);
  EXPECT_FALSE(*result);
}

TEST_P(TimerMove, CancelOnMovedToTimerAborts) {
  std::optional<ringport::error_code> result;
  ringport::steady_timer a(ctx(), 1h);
  auto expiry = a.expiry();
  a.async_wait([&](ringport::error_code ec) { result = ec; });
  ringport::steady_timer b(std::move(a));
  EXPECT_EQ(b.expiry(), expiry);
  EXPECT_EQ(b.cancel(), 1u);
  ctx().run();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, ringport::error::operation_aborted);
}

TEST_P(TimerMove, SlotStillCancelsAfterMove) {
  ringport::cancellation_signal sig;
  std::optional<ringport::error_code> result;
  auto a = std::make_unique<ringport::steady_timer>(ctx(), 1h);
  a->async_wait(
      ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) { result = ec; }));
  ringport::steady_timer b(std::move(*a));
  a.reset();  // the old object is gone; the slot must reach the wait in its new home
  sig.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(ctx().run(), 1u);
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, ringport::error::operation_aborted);
}

TEST_P(TimerMove, MoveAssignAbortsTargetWaitsAndTakesSource) {
  std::optional<ringport::error_code> target_result, source_result;
  ringport::steady_timer target(ctx(), 1h);
  ringport::steady_timer source(ctx(), 5ms);
  target.async_wait([&](ringport::error_code ec) { target_result = ec; });
  source.async_wait([&](ringport::error_code ec) { source_result = ec; });
  target = std::move(source);
  EXPECT_EQ(ctx().run(), 2u);
  ASSERT_TRUE(target_result && source_result);
  EXPECT_EQ(*target_result, ringport::error::operation_aborted);
  EXPECT_FALSE(*source_result);
}

TEST_P(TimerMove, MovedFromTimerIsUsable) {
  ringport::steady_timer a(ctx(), 1h);
  ringport::steady_timer b(std::move(a));
  bool fired = false;
  a.expires_after(1ms);
  a.async_wait([&](ringport::error_code ec) { fired = !ec; });
  ctx().run();
  EXPECT_TRUE(fired);
}

TEST_P(TimerMove, ConvertingMoveBetweenExecutorTypes) {
  using native_timer =
      ringport::basic_waitable_timer<std::chrono::steady_clock,
                                     ringport::wait_traits<std::chrono::steady_clock>,
                                     ringport::io_context::executor_type>;
  std::optional<ringport::error_code> result;
  native_timer a(ctx(), 1h);
  a.async_wait([&](ringport::error_code ec) { result = ec; });
  ringport::steady_timer b(std::move(a));  // io_context executor -> any_io_executor
  EXPECT_EQ(b.cancel(), 1u);
  ctx().run();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, ringport::error::operation_aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerMove);

}  // namespace timer_move_while_pending_test
