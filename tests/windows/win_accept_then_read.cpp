// The AcceptEx path end to end: an accepted socket reads at once from its accept handler;
// after SO_UPDATE_ACCEPT_CONTEXT / SO_UPDATE_CONNECT_CONTEXT both sides know their endpoints
// (getsockname/getpeername) and shutdown() works on them; the peer address comes from
// GetAcceptExSockaddrs.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/write.hpp"

#include <cstring>

namespace win_accept_then_read_test {

using WinAcceptThenRead = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(WinAcceptThenRead, AcceptedSocketReadsFromItsAcceptHandler) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket server(ctx()), client(ctx());
  tcp::endpoint peer_ep;
  char buf[16] = {};
  std::size_t got = 0;
  int accepts = 0, reads = 0;
  acceptor.async_accept(server, peer_ep, [&](error_code ec) {
    ++accepts;
    ASSERT_FALSE(ec) << ec.message();
    server.async_read_some(ringport::buffer(buf), [&](error_code rec, std::size_t n) {
      ++reads;
      EXPECT_FALSE(rec) << rec.message();
      got = n;
    });
  });
  client.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    ringport::async_write(client, ringport::buffer("hello", 5),
                          [](error_code wec, std::size_t) { EXPECT_FALSE(wec) << wec.message(); });
  });
  ctx().run();
  EXPECT_EQ(accepts, 1);
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(got, 5u);
  EXPECT_EQ(std::memcmp(buf, "hello", 5), 0);

  EXPECT_EQ(peer_ep, client.local_endpoint());
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
  EXPECT_EQ(server.local_endpoint(), acceptor.local_endpoint());
  EXPECT_EQ(client.remote_endpoint(), acceptor.local_endpoint());

  // shutdown needs the updated contexts: the client sees end of file.
  server.shutdown(tcp::socket::shutdown_send);
  error_code ec;
  char c;
  client.read_some(ringport::buffer(&c, 1), ec);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
}

TEST_P(WinAcceptThenRead, MoveAcceptHandsOverAWorkingSocket) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  tcp::socket accepted(ctx());
  acceptor.async_accept([&](error_code ec, tcp::socket s) {
    ASSERT_FALSE(ec) << ec.message();
    accepted = std::move(s);
  });
  client.connect(acceptor.local_endpoint());
  ctx().run();
  ASSERT_TRUE(accepted.is_open());
  accepted.write_some(ringport::buffer("xy", 2));
  char buf[2];
  EXPECT_EQ(client.read_some(ringport::buffer(buf)), 2u);
  EXPECT_EQ(accepted.remote_endpoint(), client.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(WinAcceptThenRead);

}  // namespace win_accept_then_read_test
