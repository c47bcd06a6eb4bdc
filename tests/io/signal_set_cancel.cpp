// A pending signal wait ends exactly once with operation_aborted on cancel(), on its slot's
// emit (only that wait), and when the set is destroyed; the set keeps its signals after a
// cancel and delivers the next one; an io_context destroyed with a wait pending destroys the
// handler without calling it.
// SIGINT and SIGTERM: signals both POSIX and the Windows C runtime have, safe to raise.

#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/signal_set.hpp"

#include <csignal>
#include <memory>
#include <optional>

namespace signal_set_cancel_test {

using SignalSetCancel = ringport::test::backend_test;
using ringport::error_code;

TEST_P(SignalSetCancel, CancelAbortsThenNextSignalArrives) {
  ringport::signal_set set(ctx(), SIGINT);
  int calls = 0;
  error_code result;
  set.async_wait([&](error_code ec, int) {
    ++calls;
    result = ec;
  });
  set.cancel();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();

  ctx().restart();
  int got = 0;
  set.async_wait([&](error_code ec, int s) {
    EXPECT_FALSE(ec) << ec.message();
    got = s;
  });
  ASSERT_EQ(std::raise(SIGINT), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(got, SIGINT);
}

TEST_P(SignalSetCancel, SlotEmitAbortsOnlyThatWait) {
  ringport::signal_set set(ctx(), SIGINT);
  ringport::cancellation_signal signal;
  int first_calls = 0, second_calls = 0;
  error_code first_ec;
  int second_signal = 0;
  set.async_wait(ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec, int) {
    ++first_calls;
    first_ec = ec;
  }));
  set.async_wait([&](error_code, int s) {
    ++second_calls;
    second_signal = s;
  });
  signal.emit(ringport::cancellation_type::terminal);
  ctx().poll();
  EXPECT_EQ(first_calls, 1);
  EXPECT_TRUE(first_ec == ringport::error::operation_aborted) << first_ec.message();
  EXPECT_EQ(second_calls, 0);
  ASSERT_EQ(std::raise(SIGINT), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(second_calls, 1);
  EXPECT_EQ(second_signal, SIGINT);
  signal.emit(ringport::cancellation_type::terminal);  // after the end: nothing
  EXPECT_EQ(first_calls, 1);
}

TEST_P(SignalSetCancel, DestroyingTheSetAborts) {
  std::optional<ringport::signal_set> set(std::in_place, ctx(), SIGINT);
  int calls = 0;
  error_code result;
  set->async_wait([&](error_code ec, int) {
    ++calls;
    result = ec;
  });
  set.reset();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

TEST_P(SignalSetCancel, ContextDestroyedWithWaitPending) {
  bool called = false;
  std::weak_ptr<ringport::signal_set> alive;
  {
    // The Asio idiom: the handler owns the set, so nothing outlives the context.
    auto set = std::make_shared<ringport::signal_set>(ctx(), SIGINT);
    alive = set;
    set->async_wait([set, &called](error_code, int) { called = true; });
  }
  EXPECT_FALSE(alive.expired());
  ctx_.reset();
  EXPECT_FALSE(called);
  EXPECT_TRUE(alive.expired());  // the handler, and the set it owned, were destroyed
}

RINGPORT_INSTANTIATE_BACKENDS(SignalSetCancel);

}  // namespace signal_set_cancel_test
