// A socket moved (constructed and assigned) while a read is pending: the read keeps working
// (it refers to the descriptor, not to the object) and completes once with the data; the
// moved-from socket is closed.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <string>
#include <utility>

namespace socket_move_with_pending_read_test {

using SocketMoveWithPendingRead = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(SocketMoveWithPendingRead, ReadCompletesAfterMoves) {
  ringport::test::tcp_pair p(ctx());

  char buf[16];
  int calls = 0;
  std::size_t got = 0;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    ++calls;
    EXPECT_FALSE(ec) << ec.message();
    got = n;
  });
  ctx().poll();
  tcp::socket moved(std::move(p.server));
  EXPECT_FALSE(p.server.is_open());
  EXPECT_TRUE(moved.is_open());
  tcp::socket assigned(ctx());
  assigned = std::move(moved);
  EXPECT_FALSE(moved.is_open());
  p.client.write_some(ringport::buffer("hello", 5));
  ctx().run();
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(got, 5u);
  EXPECT_EQ(std::string(buf, 5), "hello");

  // The moved-to socket cancels what it inherited.
  ctx().restart();
  error_code second;
  assigned.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) { second = ec; });
  tcp::socket last(std::move(assigned));
  last.cancel();
  ctx().run();
  EXPECT_TRUE(second == ringport::error::operation_aborted) << second.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SocketMoveWithPendingRead);

}  // namespace socket_move_with_pending_read_test
