// co_await socket.async_read_some(buf, use_awaitable) yields the byte count once data
// arrives; end of stream throws system_error(eof).

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>
#include <string>
#include <system_error>

namespace coro_await_socket_read_test {

using CoroAwaitSocketRead = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;

TEST_P(CoroAwaitSocketRead, ReadYieldsBytesThenEofThrows) {
  ringport::test::tcp_pair p(ctx());
  std::string got;
  std::error_code end;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        char buf[16];
        std::size_t n = co_await p.server.async_read_some(ringport::buffer(buf), use_awaitable);
        got.assign(buf, n);
        try {
          co_await p.server.async_read_some(ringport::buffer(buf), use_awaitable);
        } catch (const std::system_error& e) {
          end = e.code();
        }
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().poll();
  EXPECT_TRUE(got.empty());
  p.client.write_some(ringport::buffer("hello", 5));
  for (int i = 0; i < 500 && got.empty(); ++i)
    ctx().run_one_for(std::chrono::milliseconds(10));
  EXPECT_EQ(got, "hello");
  p.client.close();
  ctx().run_for(std::chrono::seconds(5));
  EXPECT_TRUE(end == ringport::error::eof) << end.message();
}

RINGPORT_INSTANTIATE_BACKENDS(CoroAwaitSocketRead);

}  // namespace coro_await_socket_read_test
