// Destroying the io_context destroys the handlers of waits still pending (and of aborted
// waits not yet run) without calling them.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <chrono>
#include <memory>

namespace timer_context_destroyed_with_pending_waits_test {

using TimerContextDestroyed = ringport::test::backend_test;
using namespace std::chrono_literals;

// Counts its own destruction; the handler owns one.
struct destruction_probe {
  explicit destruction_probe(int* d) : destroyed(d) {}
  destruction_probe(const destruction_probe&) = delete;
  ~destruction_probe() { ++*destroyed; }
  int* destroyed;
};

TEST_P(TimerContextDestroyed, PendingHandlersDestroyedNotCalled) {
  int called = 0, destroyed = 0;
  {
    // The Asio idiom: the handler owns the timer, so nothing outlives the context.
    auto t = std::make_shared<ringport::steady_timer>(ctx(), 1h);
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    t->async_wait([t, probe, &called](ringport::error_code) { ++called; });
  }
  EXPECT_EQ(destroyed, 0);
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 1);
}

TEST_P(TimerContextDestroyed, AbortedButUnrunHandlersDestroyedNotCalled) {
  int called = 0, destroyed = 0;
  {
    ringport::steady_timer t(ctx(), 1h);
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    t.async_wait([probe, &called](ringport::error_code) { ++called; });
  }  // the timer's destruction aborts the wait; its handler is queued, never run
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 1);
}

TEST_P(TimerContextDestroyed, ManyTimersSomeExpired) {
  int called = 0, destroyed = 0;
  for (int i = 0; i < 10; ++i) {
    auto t = std::make_shared<ringport::steady_timer>(ctx(), i % 2 ? 1h : 0s);
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    t->async_wait([t, probe, &called](ringport::error_code) { ++called; });
  }
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 10);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerContextDestroyed);

}  // namespace timer_context_destroyed_with_pending_waits_test
