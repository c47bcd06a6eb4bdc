// signal_set delivers signals raised in the process: a pending async_wait completes with the
// signal's number; a signal raised before the wait is kept for the next wait; every set that
// holds the signal sees each delivery, also sets of two different contexts; a set holding
// two signals reports which one came.
// SIGINT and SIGTERM: signals both POSIX and the Windows C runtime have, safe to raise.

#include "backend_test.hpp"
#include "signal_recorder.hpp"

#include "ringport/signal_set.hpp"

#include <csignal>
#include <vector>

namespace signal_set_raise_delivers_test {

using SignalSetRaiseDelivers = ringport::test::backend_test;
using ringport::error_code;

using recorder = ringport::test::signal_recorder;

TEST_P(SignalSetRaiseDelivers, PendingWaitGetsTheSignal) {
  ringport::signal_set set(ctx(), SIGINT);
  recorder r;
  set.async_wait(r.handler());
  ctx().poll();
  EXPECT_EQ(r.calls, 0);
  ASSERT_EQ(std::raise(SIGINT), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.signal, SIGINT);
}

TEST_P(SignalSetRaiseDelivers, SignalBeforeWaitIsKept) {
  ringport::signal_set set(ctx(), SIGTERM);
  ASSERT_EQ(std::raise(SIGTERM), 0);
  ASSERT_EQ(std::raise(SIGTERM), 0);
  // The dispatcher may still be on its way: the first wait may be queued before it counts
  // the signals, or take one at once. Either way two waits get two deliveries.
  recorder first, second;
  set.async_wait(first.handler());
  ctx().run_for(std::chrono::seconds(10));
  ctx().restart();
  set.async_wait(second.handler());
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(first.calls, 1);
  EXPECT_EQ(first.signal, SIGTERM);
  EXPECT_EQ(second.calls, 1);
  EXPECT_EQ(second.signal, SIGTERM);
}

TEST_P(SignalSetRaiseDelivers, EverySetSeesTheSignal) {
  auto other_ctx = make_context();
  ringport::signal_set a(ctx(), SIGINT);
  ringport::signal_set b(ctx(), SIGINT);
  ringport::signal_set c(*other_ctx, SIGINT);
  recorder ra, rb, rc;
  a.async_wait(ra.handler());
  b.async_wait(rb.handler());
  c.async_wait(rc.handler());
  ASSERT_EQ(std::raise(SIGINT), 0);
  ctx().run_for(std::chrono::seconds(10));
  other_ctx->run_for(std::chrono::seconds(10));
  EXPECT_EQ(ra.calls, 1);
  EXPECT_EQ(rb.calls, 1);
  EXPECT_EQ(rc.calls, 1);
  EXPECT_EQ(ra.signal, SIGINT);
  EXPECT_EQ(rc.signal, SIGINT);
}

TEST_P(SignalSetRaiseDelivers, ReportsWhichSignal) {
  ringport::signal_set set(ctx(), SIGINT, SIGTERM);
  recorder r;
  set.async_wait(r.handler());
  ASSERT_EQ(std::raise(SIGTERM), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.signal, SIGTERM);
}

RINGPORT_INSTANTIATE_BACKENDS(SignalSetRaiseDelivers);

}  // namespace signal_set_raise_delivers_test
