// close() with a read and a wait pending on the socket: each handler runs once with
// operation_aborted, and no op is left behind (the fixture counts live ops at teardown).

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace socket_close_with_pending_ops_test {

using SocketCloseWithPendingOps = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(SocketCloseWithPendingOps, EachHandlerAbortedOnce) {
  ringport::test::tcp_pair p(ctx());

  char buf[8];
  int read_calls = 0, wait_calls = 0;
  error_code read_ec, wait_ec;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++read_calls;
    read_ec = ec;
  });
  p.server.async_wait(tcp::socket::wait_error, [&](error_code ec) {
    ++wait_calls;
    wait_ec = ec;
  });
  ctx().poll();
  p.server.close();
  EXPECT_FALSE(p.server.is_open());
  ctx().run();
  EXPECT_EQ(read_calls, 1);
  EXPECT_EQ(wait_calls, 1);
  EXPECT_TRUE(read_ec == ringport::error::operation_aborted) << read_ec.message();
  EXPECT_TRUE(wait_ec == ringport::error::operation_aborted) << wait_ec.message();
}

TEST_P(SocketCloseWithPendingOps, DestroyingTheSocketAbortsToo) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  int calls = 0;
  error_code result;
  {
    tcp::socket peer(ctx());
    acceptor.async_accept(peer, [&](error_code ec) {
      ++calls;
      result = ec;
    });
    // The acceptor goes first: its pending accept must be aborted, not left to write into
    // the (dying) peer object.
    acceptor.close();
  }
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SocketCloseWithPendingOps);

}  // namespace socket_close_with_pending_ops_test
