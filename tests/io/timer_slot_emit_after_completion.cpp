// Emitting a signal after its wait has completed does nothing, even once the timer is gone;
// the signal can be reused for the next wait.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <optional>

namespace timer_slot_emit_after_completion_test {

using TimerSlotEmitAfterCompletion = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerSlotEmitAfterCompletion, EmitAfterExpiryIsHarmless) {
  ringport::cancellation_signal sig;
  ringport::steady_timer t(ctx(), 1ms);
  int calls = 0;
  ringport::error_code result = ringport::error::operation_aborted;
  t.async_wait(ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) {
    ++calls;
    result = ec;
  }));
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result);
  sig.emit(ringport::cancellation_type::terminal);
  ctx().restart();
  EXPECT_EQ(ctx().run(), 0u) << "nothing may be queued by a late emit";
  EXPECT_EQ(calls, 1);
}

TEST_P(TimerSlotEmitAfterCompletion, EmitAfterTimerDestroyedIsHarmless) {
  ringport::cancellation_signal sig;
  int calls = 0;
  {
    ringport::steady_timer t(ctx(), 0s);
    t.async_wait(
        ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code) { ++calls; }));
    ctx().run();
  }
  sig.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(calls, 1);
}

TEST_P(TimerSlotEmitAfterCompletion, EmitAfterCancelIsHarmless) {
  ringport::cancellation_signal sig;
  ringport::steady_timer t(ctx(), 1h);
  int calls = 0;
  t.async_wait(
      ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code) { ++calls; }));
  EXPECT_EQ(t.cancel(), 1u);
  sig.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(calls, 1);
}

TEST_P(TimerSlotEmitAfterCompletion, SignalReusedForNextWait) {
  ringport::cancellation_signal sig;
  ringport::steady_timer t(ctx(), 0s);
  std::optional<ringport::error_code> first, second;
  t.async_wait(ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) {
    first = ec;
    t.expires_after(1h);
    t.async_wait(ringport::bind_cancellation_slot(sig.slot(),
                                                  [&](ringport::error_code ec2) { second = ec2; }));
    sig.emit(ringport::cancellation_type::terminal);  // reaches the second wait only
  }));
  EXPECT_EQ(ctx().run(), 2u);
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(*first);
  EXPECT_EQ(*second, ringport::error::operation_aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerSlotEmitAfterCompletion);

}  // namespace timer_slot_emit_after_completion_test
