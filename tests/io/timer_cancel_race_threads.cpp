// cancel() and a slot's emit racing the expiry from another thread: every wait ends exactly
// once, with success or operation_aborted, never both and never neither.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace timer_cancel_race_threads_test {

using TimerCancelRaceThreads = ringport::test::backend_test;
using namespace std::chrono_literals;

constexpr int rounds = 300;

// Runs `body` on a thread inside ctx (so that, like a real program, the timer and signal are
// used from the context's thread) and waits for it.
template <typename F>
void on_context(ringport::io_context& ctx, F body) {
  std::promise<void> done;
  ringport::post(ctx, [&] {
    body();
    done.set_value();
  });
  done.get_future().wait();
}

TEST_P(TimerCancelRaceThreads, CancelRacingExpiry) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([&] { ctx().run(); });
  std::atomic<int> success{0}, aborted{0}, other{0};
  for (int i = 0; i < rounds; ++i) {
    ringport::steady_timer t(ctx());
    std::atomic<int> calls{0};
    t.expires_after(std::chrono::microseconds(i % 50));
    t.async_wait([&](ringport::error_code ec) {
      if (!ec)
        ++success;
      else if (ec == ringport::error::operation_aborted)
        ++aborted;
      else
        ++other;
      ++calls;  // last: the loop below may end `calls` as soon as it sees this
    });
    // Spin a little so the cancel lands on either side of the expiry.
    for (int spin = 0; spin < (i % 7) * 500; ++spin)
      std::atomic_signal_fence(std::memory_order_seq_cst);
    std::size_t n = t.cancel();
    EXPECT_LE(n, 1u);
    // Let the handler run before the timer (and `calls`) go away, then make sure nothing
    // else for this wait is still queued.
    while (calls.load() == 0)
      std::this_thread::yield();
    on_context(ctx(), [] {});
    EXPECT_EQ(calls.load(), 1);
  }
  guard.reset();
  runner.join();
  EXPECT_EQ(success + aborted, rounds);
  EXPECT_EQ(other, 0);
}

TEST_P(TimerCancelRaceThreads, SlotEmitRacingExpiry) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([&] { ctx().run(); });
  std::atomic<int> total{0};
  for (int i = 0; i < rounds; ++i) {
    ringport::steady_timer t(ctx());
    ringport::cancellation_signal sig;
    std::atomic<int> calls{0};
    t.expires_after(std::chrono::microseconds(i % 50));
    t.async_wait(ringport::bind_cancellation_slot(sig.slot(), [&](ringport::error_code ec) {
      EXPECT_TRUE(!ec || ec == ringport::error::operation_aborted) << ec.message();
      ++total;
      ++calls;
    }));
    for (int spin = 0; spin < (i % 7) * 500; ++spin)
      std::atomic_signal_fence(std::memory_order_seq_cst);
    sig.emit(ringport::cancellation_type::terminal);
    while (calls.load() == 0)
      std::this_thread::yield();
    on_context(ctx(), [] {});
    EXPECT_EQ(calls.load(), 1);
  }
  guard.reset();
  runner.join();
  EXPECT_EQ(total, rounds);
}

TEST_P(TimerCancelRaceThreads, TwoRunThreadsManyTimers) {
  // Many timers, two threads running the context, cancels from a third: counts add up.
  constexpr int timers = 200;
  std::atomic<int> done{0};
  std::vector<std::unique_ptr<ringport::steady_timer>> ts;
  for (int i = 0; i < timers; ++i) {
    ts.push_back(
        std::make_unique<ringport::steady_timer>(ctx(), std::chrono::microseconds(i * 20)));
    ts.back()->async_wait([&](ringport::error_code) { ++done; });
  }
  std::thread a([&] { ctx().run(); });
  std::thread b([&] { ctx().run(); });
  for (int i = 0; i < timers; i += 3)
    ts[i]->cancel();
  a.join();
  b.join();
  EXPECT_EQ(done.load(), timers);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerCancelRaceThreads);

}  // namespace timer_cancel_race_threads_test
