// (a && b) runs both awaitables concurrently and yields both values (std::tuple, or the one
// value when the other is void); when one throws, the other is cancelled and the exception
// is rethrown once both are done.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/experimental/awaitable_operators.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <tuple>

namespace coro_and_operator_test {

using CoroAndOperator = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace ringport::experimental::awaitable_operators;
using namespace std::chrono_literals;

awaitable<int> after(std::chrono::steady_clock::duration d, int v) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, d);
  co_await t.async_wait(use_awaitable);
  co_return v;
}

awaitable<void> fail_after(std::chrono::steady_clock::duration d) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, d);
  co_await t.async_wait(use_awaitable);
  throw std::runtime_error("failed");
}

awaitable<void> sleep_noting(std::chrono::steady_clock::duration d, std::error_code& ended) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, d);
  try {
    co_await t.async_wait(use_awaitable);
  } catch (const std::system_error& e) {
    ended = e.code();
    throw;
  }
}

TEST_P(CoroAndOperator, BothValues) {
  std::tuple<int, int> got{0, 0};
  int single = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        got = co_await (after(2ms, 1) && after(1ms, 2));
        std::error_code unused;
        single = co_await (after(1ms, 3) && sleep_noting(1ms, unused));
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run_for(10s);
  EXPECT_EQ(got, std::make_tuple(1, 2));
  EXPECT_EQ(single, 3);
}

TEST_P(CoroAndOperator, FailureCancelsTheOther) {
  std::error_code other_end;
  std::exception_ptr error;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> { co_await (fail_after(1ms) && sleep_noting(1h, other_end)); },
      [&](std::exception_ptr e) { error = e; });
  ctx().run_for(10s);  // returns at once: the hour-long wait is cancelled
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), std::runtime_error);
  EXPECT_TRUE(other_end == ringport::error::operation_aborted) << other_end.message();
}

RINGPORT_INSTANTIATE_BACKENDS(CoroAndOperator);

}  // namespace coro_and_operator_test
