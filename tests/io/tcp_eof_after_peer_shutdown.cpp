// A pending receive on a TCP socket whose peer shuts down its sending side ends with
// error::eof and 0 bytes (the kernel's 0-byte read, mapped by the socket service); a
// receive into an empty buffer completes with 0 bytes and no error, never inline.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace tcp_eof_after_peer_shutdown_test {

using TcpEofAfterPeerShutdown = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(TcpEofAfterPeerShutdown, PendingReadGetsEof) {
  ringport::test::tcp_pair p(ctx());

  char buf[16];
  int calls = 0;
  error_code result;
  std::size_t bytes = 99;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    ++calls;
    result = ec;
    bytes = n;
  });
  int empty_calls = 0;
  p.server.async_read_some(ringport::mutable_buffer(), [&](error_code ec, std::size_t n) {
    ++empty_calls;
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 0u);
  });
  EXPECT_EQ(empty_calls, 0) << "never inside the initiating call";
  p.client.shutdown(tcp::socket::shutdown_send);
  ctx().run();
  EXPECT_EQ(empty_calls, 1);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::eof) << result.message();
  EXPECT_EQ(bytes, 0u);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpEofAfterPeerShutdown);

}  // namespace tcp_eof_after_peer_shutdown_test
