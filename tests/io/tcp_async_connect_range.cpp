// async_connect over several endpoints: the first (a closed port) refuses, the second (a
// listening acceptor) connects; the handler runs once, after the initiating call, with no
// error and the second endpoint (or the iterator to it), and the acceptor gets the peer.

#include "backend_test.hpp"

#include "ringport/connect.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <vector>

namespace tcp_async_connect_range_test {

using TcpAsyncConnectRange = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

// A port that was just bound and released: nothing listens there, so connecting is refused.
tcp::endpoint closed_port(ringport::io_context& ctx) {
  tcp::socket probe(ctx, tcp::v4());
  probe.bind(tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  return probe.local_endpoint();
}

TEST_P(TcpAsyncConnectRange, SkipsRefusedEndpointAndConnectsToNext) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};

  tcp::socket server(ctx());
  int accepts = 0;
  acceptor.async_accept(server, [&](error_code ec) {
    ++accepts;
    EXPECT_FALSE(ec) << ec.message();
  });

  tcp::socket client(ctx());
  int calls = 0;
  error_code result = ringport::error::operation_aborted;
  tcp::endpoint connected;
  ringport::async_connect(client, endpoints, [&](error_code ec, tcp::endpoint ep) {
    ++calls;
    result = ec;
    connected = ep;
  });
  EXPECT_EQ(calls, 0);  // never inside the initiating call
  ctx().run();

  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(connected, endpoints[1]);
  EXPECT_EQ(client.remote_endpoint(), endpoints[1]);
  EXPECT_EQ(accepts, 1);
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
}

TEST_P(TcpAsyncConnectRange, IteratorOverloadReportsConnectedIterator) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};

  tcp::socket server(ctx());
  int accepts = 0;
  acceptor.async_accept(server, [&](error_code ec) {
    ++accepts;
    EXPECT_FALSE(ec) << ec.message();
  });

  tcp::socket client(ctx());
  int calls = 0;
  error_code result = ringport::error::operation_aborted;
  auto connected = endpoints.end();
  ringport::async_connect(client, endpoints.begin(), endpoints.end(),
                          [&](error_code ec, std::vector<tcp::endpoint>::iterator it) {
                            ++calls;
                            result = ec;
                            connected = it;
                          });
  EXPECT_EQ(calls, 0);
  ctx().run();

  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_TRUE(connected == endpoints.begin() + 1);
  EXPECT_EQ(accepts, 1);
}

TEST_P(TcpAsyncConnectRange, EmptyRangeGivesNotFoundLater) {
  std::vector<tcp::endpoint> endpoints;
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  ringport::async_connect(client, endpoints, [&](error_code ec, tcp::endpoint) {
    ++calls;
    result = ec;
  });
  EXPECT_EQ(calls, 0);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::not_found) << result.message();
  EXPECT_TRUE(result.category() == ringport::error::get_misc_category());
}

TEST_P(TcpAsyncConnectRange, AllRefusedReportsLastError) {
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), closed_port(ctx())};
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  tcp::endpoint connected = endpoints[0];
  ringport::async_connect(client, endpoints, [&](error_code ec, tcp::endpoint ep) {
    ++calls;
    result = ec;
    connected = ep;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_refused) << result.message();
  EXPECT_EQ(connected, tcp::endpoint());
}

TEST_P(TcpAsyncConnectRange, ConditionSkipsRejectedEndpoint) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  // Were the first endpoint tried, the connection would be refused.
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};
  int asked = 0;
  auto skip_first = [&](const error_code&, const tcp::endpoint& ep) {
    ++asked;
    return ep != endpoints[0];
  };
  tcp::socket server(ctx());
  acceptor.async_accept(server, [](error_code ec) { EXPECT_FALSE(ec) << ec.message(); });
  tcp::socket client(ctx());
  error_code result = ringport::error::operation_aborted;
  tcp::endpoint connected;
  ringport::async_connect(client, endpoints, skip_first, [&](error_code ec, tcp::endpoint ep) {
    result = ec;
    connected = ep;
  });
  ctx().run();
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(connected, endpoints[1]);
  EXPECT_EQ(asked, 2);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpAsyncConnectRange);

}  // namespace tcp_async_connect_range_test
