// as_tuple(use_awaitable) (also as experimental::as_tuple): co_await yields every completion
// argument in a std::tuple, a failure included, without throwing. as_tuple of a callback
// hands the callback one tuple.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/experimental/as_tuple.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <tuple>

namespace token_as_tuple_test {

using TokenAsTuple = ringport::test::backend_test;
using ringport::awaitable;
using ringport::error_code;
using ringport::use_awaitable;
using namespace std::chrono_literals;

TEST_P(TokenAsTuple, FailureComesBackInTheTuple) {
  ringport::steady_timer t(ctx(), 1h);
  error_code got;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        std::tuple<error_code> r = co_await t.async_wait(ringport::as_tuple(use_awaitable));
        got = std::get<0>(r);
        done = true;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().poll();
  t.cancel();
  ctx().run();
  EXPECT_TRUE(done);
  EXPECT_TRUE(got == ringport::error::operation_aborted) << got.message();
}

TEST_P(TokenAsTuple, ExperimentalNameAndSuccess) {
  error_code got = make_error_code(std::errc::invalid_argument);
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        ringport::steady_timer quick(co_await ringport::this_coro::executor, 1ms);
        auto [ec] = co_await quick.async_wait(ringport::experimental::as_tuple(use_awaitable));
        got = ec;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_FALSE(got) << got.message();
}

TEST_P(TokenAsTuple, CallbackGetsOneTuple) {
  ringport::steady_timer t(ctx(), 1ms);
  int calls = 0;
  t.async_wait(ringport::as_tuple([&](std::tuple<error_code> r) {
    ++calls;
    EXPECT_FALSE(std::get<0>(r));
  }));
  ctx().run();
  EXPECT_EQ(calls, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(TokenAsTuple);

}  // namespace token_as_tuple_test
