// (read || timer): when the timer wins, the pending socket read is cancelled through its
// cancellation slot and the || yields index 1; when data arrives first, the read wins and
// the timer wait is cancelled. Either way the expression completes only once both are done.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/experimental/awaitable_operators.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>
#include <system_error>
#include <variant>

namespace coro_or_cancels_read_test {

using CoroOrCancelsRead = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace ringport::experimental::awaitable_operators;
using namespace std::chrono_literals;

awaitable<std::size_t> read_some(ringport::ip::tcp::socket& s, std::error_code& ended) {
  char buf[16];
  try {
    co_return co_await s.async_read_some(ringport::buffer(buf), use_awaitable);
  } catch (const std::system_error& e) {
    ended = e.code();
    throw;
  }
}

awaitable<void> sleep_for(std::chrono::steady_clock::duration d) {
  ringport::steady_timer t(co_await ringport::this_coro::executor, d);
  co_await t.async_wait(use_awaitable);
}

TEST_P(CoroOrCancelsRead, TimerWinsAndCancelsTheRead) {
  ringport::test::tcp_pair p(ctx());
  std::error_code read_end;
  std::size_t index = 99;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto r = co_await (read_some(p.server, read_end) || sleep_for(5ms));
        index = r.index();
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run_for(10s);  // bounded; returns when the coroutine is done
  EXPECT_EQ(index, 1u);
  EXPECT_TRUE(read_end == ringport::error::operation_aborted) << read_end.message();
  // The socket is still usable.
  p.client.write_some(ringport::buffer("z", 1));
  char c = 0;
  EXPECT_EQ(p.server.read_some(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'z');
}

TEST_P(CoroOrCancelsRead, ReadWinsAndCancelsTheTimer) {
  ringport::test::tcp_pair p(ctx());
  std::error_code read_end;
  std::size_t index = 99;
  std::size_t bytes = 0;
  p.client.write_some(ringport::buffer("abc", 3));
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto r = co_await (read_some(p.server, read_end) || sleep_for(1h));
        index = r.index();
        if (index == 0) bytes = std::get<0>(r);
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run_for(10s);  // returns at once when the hour-long wait was cancelled
  EXPECT_EQ(index, 0u);
  EXPECT_EQ(bytes, 3u);
  EXPECT_FALSE(read_end);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroOrCancelsRead);

}  // namespace coro_or_cancels_read_test
