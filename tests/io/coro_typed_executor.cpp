// awaitable<T, io_context::executor_type>: a coroutine bound to a concrete executor type
// awaits a timer of that executor type with use_awaitable_t<that executor>, and
// this_coro::executor yields that type; co_spawn on the context runs it.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <type_traits>

namespace coro_typed_executor_test {

using CoroTypedExecutor = ringport::test::backend_test;
using executor = ringport::io_context::executor_type;
using ringport::awaitable;
using namespace std::chrono_literals;

using timer =
    ringport::basic_waitable_timer<std::chrono::steady_clock,
                                   ringport::wait_traits<std::chrono::steady_clock>, executor>;
using default_timer = ringport::use_awaitable_t<executor>::as_default_on_t<timer>;

awaitable<int, executor> typed() {
  auto ex = co_await ringport::this_coro::executor;
  static_assert(std::is_same_v<decltype(ex), executor>);
  timer t(ex, 1ms);
  co_await t.async_wait(ringport::use_awaitable_t<executor>());
  default_timer d(ex, 1ms);
  co_await d.async_wait();
  co_return 3;
}

TEST_P(CoroTypedExecutor, AwaitsWithItsOwnExecutorType) {
  int value = 0;
  ringport::co_spawn(ctx(), typed(), [&](std::exception_ptr e, int v) {
    EXPECT_FALSE(e);
    value = v;
  });
  ctx().run();
  EXPECT_EQ(value, 3);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroTypedExecutor);

}  // namespace coro_typed_executor_test
