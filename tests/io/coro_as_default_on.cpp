// An I/O object whose executor is rebound with use_awaitable_t's executor_with_default
// (use_awaitable_t<>::as_default_on_t<T>, or as_default_on(object)) uses use_awaitable when
// no token is given: co_await t.async_wait() works with no argument.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <type_traits>

namespace coro_as_default_on_test {

using CoroAsDefaultOn = ringport::test::backend_test;
using ringport::awaitable;
using namespace std::chrono_literals;

using timer = ringport::use_awaitable_t<>::as_default_on_t<ringport::steady_timer>;

static_assert(std::is_same_v<ringport::default_completion_token_t<timer::executor_type>,
                             ringport::use_awaitable_t<>>);

TEST_P(CoroAsDefaultOn, DefaultTokenIsUseAwaitable) {
  int steps = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        timer t(co_await ringport::this_coro::executor, 1ms);
        co_await t.async_wait();
        ++steps;
        auto t2 = ringport::use_awaitable_t<>::as_default_on(
            ringport::steady_timer(co_await ringport::this_coro::executor, 1ms));
        co_await t2.async_wait();
        ++steps;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_EQ(steps, 2);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroAsDefaultOn);

}  // namespace coro_as_default_on_test
