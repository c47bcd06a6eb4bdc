// async_connect (and connect) to a loopback port where nothing listens fails with
// error::connection_refused, once; the closed socket is opened on the caller's behalf.

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace tcp_connection_refused_test {

using TcpConnectionRefused = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

// A port that was just bound and released: nothing listens there.
tcp::endpoint closed_port(ringport::io_context& ctx) {
  tcp::socket probe(ctx, tcp::v4());
  probe.bind(tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  return probe.local_endpoint();
}

TEST_P(TcpConnectionRefused, AsyncConnectIsRefused) {
  tcp::endpoint target = closed_port(ctx());
  tcp::socket socket(ctx());
  int calls = 0;
  error_code result;
  socket.async_connect(target, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  EXPECT_TRUE(socket.is_open());
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_refused) << result.message();
}

TEST_P(TcpConnectionRefused, SyncConnectIsRefused) {
  tcp::endpoint target = closed_port(ctx());
  tcp::socket socket(ctx());
  error_code ec;
  socket.connect(target, ec);
  EXPECT_TRUE(ec == ringport::error::connection_refused) << ec.message();
  EXPECT_THROW(socket.connect(target), ringport::system_error);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpConnectionRefused);

}  // namespace tcp_connection_refused_test
