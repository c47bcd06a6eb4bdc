// Resolver results are an endpoint sequence: connect() and async_connect() take them
// directly (and through their iterators) and connect a tcp::socket to a listening acceptor.

#include "backend_test.hpp"

#include "ringport/connect.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <string>

namespace resolver_connect_results_test {

using ResolverConnectResults = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct listener {
  explicit listener(ringport::io_context& ctx)
      : acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)) {}
  std::string port() const { return std::to_string(acceptor.local_endpoint().port()); }
  tcp::acceptor acceptor;
};

TEST_P(ResolverConnectResults, SyncConnectThroughResults) {
  listener l(ctx());
  tcp::resolver resolver(ctx());
  auto results = resolver.resolve("127.0.0.1", l.port());
  ASSERT_EQ(results.size(), 1u);

  tcp::socket socket(ctx());
  tcp::endpoint connected = ringport::connect(socket, results);
  EXPECT_EQ(connected, l.acceptor.local_endpoint());
  tcp::socket server(ctx());
  l.acceptor.accept(server);
  EXPECT_EQ(server.remote_endpoint(), socket.local_endpoint());

  // The iterator form reports the entry that connected.
  tcp::socket socket2(ctx());
  auto it = ringport::connect(socket2, results.begin(), results.end());
  ASSERT_NE(it, results.end());
  EXPECT_EQ(it->endpoint(), l.acceptor.local_endpoint());
  tcp::socket server2(ctx());
  l.acceptor.accept(server2);
}

TEST_P(ResolverConnectResults, AsyncResolveThenAsyncConnect) {
  listener l(ctx());
  tcp::resolver resolver(ctx());
  tcp::socket socket(ctx()), server(ctx());
  int resolved = 0, connected = 0, accepted = 0;
  tcp::endpoint connected_to;

  l.acceptor.async_accept(server, [&](error_code ec) {
    EXPECT_FALSE(ec) << ec.message();
    ++accepted;
  });
  resolver.async_resolve(
      "localhost", l.port(), [&](error_code ec, tcp::resolver::results_type results) {
        ++resolved;
        ASSERT_FALSE(ec) << ec.message();
        // localhost may also give ::1, where nothing listens: the
        // sequence connect tries each entry until one succeeds.
        ringport::async_connect(socket, results, [&](error_code cec, tcp::endpoint ep) {
          EXPECT_FALSE(cec) << cec.message();
          ++connected;
          connected_to = ep;
        });
      });
  ctx().run();
  EXPECT_EQ(resolved, 1);
  EXPECT_EQ(connected, 1);
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(connected_to, l.acceptor.local_endpoint());
  EXPECT_EQ(server.remote_endpoint(), socket.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverConnectResults);

}  // namespace resolver_connect_results_test
