// redirect_error(use_awaitable, ec): a failed operation does not throw; its error_code lands
// in `ec` (cleared on success) and co_await yields the remaining arguments.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/redirect_error.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>

namespace token_redirect_error_test {

using TokenRedirectError = ringport::test::backend_test;
using ringport::awaitable;
using ringport::error_code;
using ringport::redirect_error;
using ringport::use_awaitable;
using namespace std::chrono_literals;

TEST_P(TokenRedirectError, ErrorGoesToCodeNotException) {
  ringport::steady_timer t(ctx(), 1h);
  error_code first = make_error_code(std::errc::invalid_argument);
  error_code second;
  int steps = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        ringport::steady_timer quick(co_await ringport::this_coro::executor, 1ms);
        co_await quick.async_wait(redirect_error(use_awaitable, first));  // success clears it
        ++steps;
        co_await t.async_wait(redirect_error(use_awaitable, second));  // cancelled
        ++steps;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  for (int i = 0; i < 1000 && steps == 0; ++i)
    ctx().run_one_for(10ms);
  EXPECT_EQ(steps, 1);
  EXPECT_FALSE(first) << first.message();
  ctx().poll();
  t.cancel();
  ctx().run();
  EXPECT_EQ(steps, 2);
  EXPECT_TRUE(second == ringport::error::operation_aborted) << second.message();
}

RINGPORT_INSTANTIATE_BACKENDS(TokenRedirectError);

}  // namespace token_redirect_error_test
