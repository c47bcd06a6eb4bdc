// Cancellation flows from the slot bound to co_spawn's token into the operation the
// coroutine awaits: emitting terminal cancellation aborts the pending timer wait (the
// coroutine sees system_error(operation_aborted)), this_coro::cancellation_state reports
// it, and the slot is released when the coroutine completes. Total cancellation is
// filtered out by default and let through after reset_cancellation_state.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <system_error>

namespace co_spawn_cancel_slot_test {

using CoSpawnCancelSlot = ringport::test::backend_test;
using ringport::awaitable;
using ringport::cancellation_type;
using ringport::use_awaitable;
using namespace std::chrono_literals;

TEST_P(CoSpawnCancelSlot, TerminalCancellationAbortsAwaitedWait) {
  ringport::cancellation_signal sig;
  std::error_code caught;
  cancellation_type seen = cancellation_type::none;
  int calls = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        ringport::steady_timer t(co_await ringport::this_coro::executor, 1h);
        try {
          co_await t.async_wait(use_awaitable);
        } catch (const std::system_error& e) {
          caught = e.code();
        }
        ringport::cancellation_state cs = co_await ringport::this_coro::cancellation_state;
        seen = cs.cancelled();
      },
      ringport::bind_cancellation_slot(sig.slot(), [&](std::exception_ptr e) {
        ++calls;
        EXPECT_FALSE(e);
      }));
  ctx().poll();  // the coroutine is waiting
  EXPECT_TRUE(sig.slot().has_handler());
  sig.emit(cancellation_type::terminal);
  ctx().run_for(10s);  // returns at once: the hour-long wait was cancelled
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(caught == ringport::error::operation_aborted) << caught.message();
  EXPECT_EQ(seen, cancellation_type::terminal);
  EXPECT_FALSE(sig.slot().has_handler());  // released when the coroutine completed
}

TEST_P(CoSpawnCancelSlot, TotalIsFilteredUntilResetWidensTheState) {
  ringport::cancellation_signal sig;
  ringport::steady_timer first(ctx(), 1h);
  int stage = 0;
  std::error_code caught;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        ringport::steady_timer t(co_await ringport::this_coro::executor, 20ms);
        co_await t.async_wait(use_awaitable);  // a total emit meanwhile does nothing
        stage = 1;
        co_await ringport::this_coro::reset_cancellation_state(
            ringport::enable_total_cancellation());
        t.expires_after(1h);
        try {
          co_await t.async_wait(use_awaitable);
        } catch (const std::system_error& e) {
          caught = e.code();
        }
        stage = 2;
      },
      ringport::bind_cancellation_slot(sig.slot(), [](std::exception_ptr e) { EXPECT_FALSE(e); }));
  ctx().poll();
  sig.emit(cancellation_type::total);
  for (int i = 0; i < 1000 && stage == 0; ++i)
    ctx().run_one_for(10ms);
  EXPECT_EQ(stage, 1);
  ctx().poll();
  sig.emit(cancellation_type::total);
  ctx().run_for(10s);
  EXPECT_EQ(stage, 2);
  EXPECT_TRUE(caught == ringport::error::operation_aborted) << caught.message();
}

TEST_P(CoSpawnCancelSlot, ThrowIfCancelledStopsTheNextOperation) {
  ringport::cancellation_signal sig;
  std::error_code caught;
  bool waited = false;
  bool default_setting = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        default_setting = co_await ringport::this_coro::throw_if_cancelled();
        co_await ringport::post(co_await ringport::this_coro::executor, use_awaitable);
        // The cancellation arrived while nothing was pending: the next operation throws
        // before it starts.
        ringport::steady_timer t(co_await ringport::this_coro::executor, 1h);
        try {
          co_await t.async_wait(use_awaitable);
          waited = true;
        } catch (const std::system_error& e) {
          caught = e.code();
        }
      },
      ringport::bind_cancellation_slot(sig.slot(), [](std::exception_ptr e) { EXPECT_FALSE(e); }));
  ringport::post(ctx(), [&] { sig.emit(cancellation_type::terminal); });
  ctx().run_for(10s);
  EXPECT_TRUE(default_setting);
  EXPECT_FALSE(waited);
  EXPECT_TRUE(caught == ringport::error::operation_aborted) << caught.message();
}

RINGPORT_INSTANTIATE_BACKENDS(CoSpawnCancelSlot);

}  // namespace co_spawn_cancel_slot_test
