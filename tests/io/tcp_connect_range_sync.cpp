// connect over several endpoints, synchronously: a refused endpoint is skipped for the next,
// which connects; an empty range gives error::not_found; all refused gives the last error
// (connection_refused); a connect condition can skip endpoints; the throwing forms throw.

#include "backend_test.hpp"

#include "ringport/connect.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <vector>

namespace tcp_connect_range_sync_test {

using TcpConnectRangeSync = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

// A port that was just bound and released: nothing listens there, so connecting is refused.
tcp::endpoint closed_port(ringport::io_context& ctx) {
  tcp::socket probe(ctx, tcp::v4());
  probe.bind(tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  return probe.local_endpoint();
}

TEST_P(TcpConnectRangeSync, SkipsRefusedEndpointAndConnectsToNext) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};
  tcp::socket client(ctx());
  error_code ec = ringport::error::operation_aborted;
  tcp::endpoint connected = ringport::connect(client, endpoints, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(connected, endpoints[1]);
  EXPECT_EQ(client.remote_endpoint(), endpoints[1]);

  tcp::socket server(ctx());
  acceptor.accept(server);
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
}

TEST_P(TcpConnectRangeSync, IteratorOverloadsReturnConnectedIterator) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};
  tcp::socket client(ctx());
  error_code ec;
  auto it = ringport::connect(client, endpoints.begin(), endpoints.end(), ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(it == endpoints.begin() + 1);

  tcp::socket client2(ctx());
  EXPECT_TRUE(ringport::connect(client2, endpoints.cbegin(), endpoints.cend()) ==
              endpoints.cbegin() + 1);
  EXPECT_EQ(ringport::connect(client2, endpoints), endpoints[1]);
}

TEST_P(TcpConnectRangeSync, EmptyRangeGivesNotFound) {
  std::vector<tcp::endpoint> endpoints;
  tcp::socket client(ctx());
  error_code ec;
  tcp::endpoint connected = ringport::connect(client, endpoints, ec);
  EXPECT_TRUE(ec == ringport::error::not_found) << ec.message();
  EXPECT_TRUE(ec.category() == ringport::error::get_misc_category());
  EXPECT_EQ(connected, tcp::endpoint());
  EXPECT_TRUE(ringport::connect(client, endpoints.begin(), endpoints.end(), ec) == endpoints.end());
  EXPECT_TRUE(ec == ringport::error::not_found) << ec.message();
  EXPECT_THROW(ringport::connect(client, endpoints), ringport::system_error);
}

TEST_P(TcpConnectRangeSync, AllRefusedReportsLastError) {
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), closed_port(ctx())};
  tcp::socket client(ctx());
  error_code ec;
  ringport::connect(client, endpoints, ec);
  EXPECT_TRUE(ec == ringport::error::connection_refused) << ec.message();
  EXPECT_TRUE(ringport::connect(client, endpoints.begin(), endpoints.end(), ec) == endpoints.end());
  EXPECT_TRUE(ec == ringport::error::connection_refused) << ec.message();
  EXPECT_THROW(ringport::connect(client, endpoints), ringport::system_error);
}

TEST_P(TcpConnectRangeSync, ConditionSkipsRejectedEndpoint) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  // Were the first endpoint tried, the connection would be refused: the condition must
  // keep it from being tried at all.
  std::vector<tcp::endpoint> endpoints{closed_port(ctx()), acceptor.local_endpoint()};
  std::vector<error_code> seen;
  auto skip_first = [&](const error_code& ec, const tcp::endpoint& ep) {
    seen.push_back(ec);
    return ep != endpoints[0];
  };
  tcp::socket client(ctx());
  error_code ec = ringport::error::operation_aborted;
  EXPECT_EQ(ringport::connect(client, endpoints, skip_first, ec), endpoints[1]);
  EXPECT_FALSE(ec) << ec.message();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_FALSE(seen[0]);
  EXPECT_FALSE(seen[1]);  // nothing was attempted before the second endpoint

  // A condition that rejects everything: nothing is tried, so not_found.
  tcp::socket client2(ctx());
  auto reject_all = [](const error_code&, const tcp::endpoint&) { return false; };
  EXPECT_TRUE(ringport::connect(client2, endpoints.begin(), endpoints.end(), reject_all, ec) ==
              endpoints.end());
  EXPECT_TRUE(ec == ringport::error::not_found) << ec.message();
  EXPECT_FALSE(client2.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(TcpConnectRangeSync);

}  // namespace tcp_connect_range_sync_test
