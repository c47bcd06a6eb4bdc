// co_await timer.async_wait(use_awaitable) resumes the coroutine once the timer expires; a
// wait that ends with an error (the timer cancelled) throws system_error with that code.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <system_error>

namespace coro_await_timer_test {

using CoroAwaitTimer = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace std::chrono_literals;

awaitable<int> wait_then_count(int& before) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, 1ms);
  auto start = std::chrono::steady_clock::now();
  ++before;
  co_await t.async_wait(use_awaitable);
  co_return std::chrono::steady_clock::now() >= start + 1ms ? 1 : 0;
}

TEST_P(CoroAwaitTimer, WaitResumesAfterExpiry) {
  int before = 0;
  int result = -1;
  ringport::co_spawn(ctx(), wait_then_count(before), [&](std::exception_ptr e, int v) {
    EXPECT_FALSE(e);
    result = v;
  });
  ctx().run();
  EXPECT_EQ(before, 1);
  EXPECT_EQ(result, 1);  // never resumed before the expiry
}

TEST_P(CoroAwaitTimer, CancelledWaitThrowsSystemError) {
  ringport::steady_timer t(ctx(), 1h);
  std::error_code caught;
  bool resumed = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        try {
          co_await t.async_wait(use_awaitable);
          resumed = true;
        } catch (const std::system_error& e) {
          caught = e.code();
        }
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().poll();  // the coroutine starts and waits
  EXPECT_EQ(t.cancel(), 1u);
  ctx().run();
  EXPECT_FALSE(resumed);
  EXPECT_TRUE(caught == ringport::error::operation_aborted) << caught.message();
}

RINGPORT_INSTANTIATE_BACKENDS(CoroAwaitTimer);

}  // namespace coro_await_timer_test
