// co_await co_spawn(ex, child, use_awaitable): the parent resumes with the child's value, or
// the child's exception is rethrown in the parent; cancellation of the parent (through its
// own co_spawn slot) reaches the timer the child awaits.
#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <system_error>

namespace co_spawn_awaited_test {

using CoSpawnAwaited = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace std::chrono_literals;

awaitable<int> child(int v) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, 1ms);
  co_await t.async_wait(use_awaitable);
  if (v < 0) throw std::invalid_argument("negative");
  co_return v + 1;
}

awaitable<void> long_child(std::error_code& ended) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, 1h);
  try {
    co_await t.async_wait(use_awaitable);
  } catch (const std::system_error& e) {
    ended = e.code();
  }
}

TEST_P(CoSpawnAwaited, ValueAndExceptionOfChild) {
  int value = 0;
  bool caught = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto ex = co_await ringport::this_coro::executor;
        value = co_await ringport::co_spawn(ex, child(4), use_awaitable);
        try {
          co_await ringport::co_spawn(ex, child(-1), use_awaitable);
        } catch (const std::invalid_argument&) {
          caught = true;
        }
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_EQ(value, 5);
  EXPECT_TRUE(caught);
}

TEST_P(CoSpawnAwaited, ParentCancellationReachesChild) {
  ringport::cancellation_signal sig;
  std::error_code ended;
  int calls = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        co_await ringport::co_spawn(co_await ringport::this_coro::executor, long_child(ended),
                                    use_awaitable);
      },
      ringport::bind_cancellation_slot(sig.slot(), [&](std::exception_ptr e) {
        ++calls;
        EXPECT_FALSE(e);
      }));
  ctx().poll();  // parent and child started; the child waits
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run_for(10s);  // returns at once: the hour-long wait was cancelled
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(ended == ringport::error::operation_aborted) << ended.message();
}

RINGPORT_INSTANTIATE_BACKENDS(CoSpawnAwaited);

}  // namespace co_spawn_awaited_test
