// signal_set delivers signals raised in the process: a pending async_wait completes with the
// signal's number; a signal raised before the wait is kept for the next wait; every set that
// holds the signal sees each delivery, also sets of two different contexts; a set holding
// two signals reports which one came.
#if defined(__linux__)

#include "backend_test.hpp"

#include "ringport/signal_set.hpp"

#include <csignal>
#include <vector>

namespace signal_set_raise_delivers_test {

using SignalSetRaiseDelivers = ringport::test::backend_test;
using ringport::error_code;

struct recorder {
  int calls = 0;
  error_code ec;
  int signal = 0;
  auto handler() {
    return [this](error_code e, int s) {
      ++calls;
      ec = e;
      signal = s;
    };
  }
};

TEST_P(SignalSetRaiseDelivers, PendingWaitGetsTheSignal) {
  ringport::signal_set set(ctx(), SIGUSR1);
  recorder r;
  set.async_wait(r.handler());
  ctx().poll();
  EXPECT_EQ(r.calls, 0);
  ASSERT_EQ(std::raise(SIGUSR1), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.signal, SIGUSR1);
}

TEST_P(SignalSetRaiseDelivers, SignalBeforeWaitIsKept) {
  ringport::signal_set set(ctx(), SIGUSR2);
  ASSERT_EQ(std::raise(SIGUSR2), 0);
  ASSERT_EQ(std::raise(SIGUSR2), 0);
  // The dispatcher may still be on its way: the first wait may be queued before it counts
  // the signals, or take one at once. Either way two waits get two deliveries.
  recorder first, second;
  set.async_wait(first.handler());
  ctx().run_for(std::chrono::seconds(10));
  ctx().restart();
  set.async_wait(second.handler());
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(first.calls, 1);
  EXPECT_EQ(first.signal, SIGUSR2);
  EXPECT_EQ(second.calls, 1);
  EXPECT_EQ(second.signal, SIGUSR2);
}

TEST_P(SignalSetRaiseDelivers, EverySetSeesTheSignal) {
  auto other_ctx = make_context();
  ringport::signal_set a(ctx(), SIGUSR1);
  ringport::signal_set b(ctx(), SIGUSR1);
  ringport::signal_set c(*other_ctx, SIGUSR1);
  recorder ra, rb, rc;
  a.async_wait(ra.handler());
  b.async_wait(rb.handler());
  c.async_wait(rc.handler());
  ASSERT_EQ(std::raise(SIGUSR1), 0);
  ctx().run_for(std::chrono::seconds(10));
  other_ctx->run_for(std::chrono::seconds(10));
  EXPECT_EQ(ra.calls, 1);
  EXPECT_EQ(rb.calls, 1);
  EXPECT_EQ(rc.calls, 1);
  EXPECT_EQ(ra.signal, SIGUSR1);
  EXPECT_EQ(rc.signal, SIGUSR1);
}

TEST_P(SignalSetRaiseDelivers, ReportsWhichSignal) {
  ringport::signal_set set(ctx(), SIGUSR1, SIGUSR2);
  recorder r;
  set.async_wait(r.handler());
  ASSERT_EQ(std::raise(SIGUSR2), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.signal, SIGUSR2);
}

RINGPORT_INSTANTIATE_BACKENDS(SignalSetRaiseDelivers);

}  // namespace signal_set_raise_delivers_test

#endif  // __linux__
