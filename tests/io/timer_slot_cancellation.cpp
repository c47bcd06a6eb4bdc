// A wait whose handler is bound to a cancellation slot ends with operation_aborted, exactly
// once, when the signal is emitted with terminal, partial or total cancellation; other waits
// on the same timer are not affected, and cancellation_type::none does nothing.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>

namespace timer_slot_cancellation_test {

using TimerSlotCancellation = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerSlotCancellation, EachCancellationTypeAbortsOnce) {
  for (auto type : {ringport::cancellation_type::terminal, ringport::cancellation_type::partial,
                    ringport::cancellation_type::total, ringport::cancellation_type::all}) {
    ctx().restart();
    ringport::steady_timer t(ctx(), 1h);
    ringport::cancellation_signal sig;
    int calls = 0;
    ringport::error_code result;
    t.async_wait(ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) {
      ++calls;
      result = ec;
    }));
    EXPECT_TRUE(sig.slot().has_handler()) << "the wait installs its cancellation handler";
    sig.emit(type);
    sig.emit(type);  // a second emit finds the wait gone
    EXPECT_EQ(calls, 0) << "emit must not run the handler inline";
    EXPECT_EQ(ctx().run(), 1u);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(result, ringport::error::operation_aborted);
    EXPECT_EQ(t.cancel(), 0u) << "the cancelled wait must have left the timer";
  }
}

TEST_P(TimerSlotCancellation, OnlyTheBoundWaitIsCancelled) {
  ringport::steady_timer t(ctx(), 20ms);
  ringport::cancellation_signal sig;
  ringport::error_code bound_ec, plain_ec = ringport::error::operation_aborted;
  t.async_wait([&](ringport::error_code ec) { plain_ec = ec; });
  t.async_wait(ringport::bind_cancellation_slot(sig.slot(),
                                                [&](ringport::error_code ec) { bound_ec = ec; }));
  sig.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(ctx().run(), 2u);
  EXPECT_EQ(bound_ec, ringport::error::operation_aborted);
  EXPECT_FALSE(plain_ec) << "the unbound wait must still fire normally";
}

TEST_P(TimerSlotCancellation, NoneDoesNotCancel) {
  ringport::steady_timer t(ctx(), 5ms);
  ringport::cancellation_signal sig;
  ringport::error_code result = ringport::error::operation_aborted;
  t.async_wait(
      ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) { result = ec; }));
  sig.emit(ringport::cancellation_type::none);
  ctx().run();
  EXPECT_FALSE(result);
}

TEST_P(TimerSlotCancellation, EmitFromAnotherHandler) {
  ringport::steady_timer t(ctx(), 1h);
  ringport::steady_timer trigger(ctx(), 1ms);
  ringport::cancellation_signal sig;
  int calls = 0;
  ringport::error_code result;
  t.async_wait(ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) {
    ++calls;
    result = ec;
  }));
  trigger.async_wait([&](ringport::error_code) { sig.emit(ringport::cancellation_type::total); });
  EXPECT_EQ(ctx().run(), 2u);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result, ringport::error::operation_aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerSlotCancellation);

}  // namespace timer_slot_cancellation_test
