// async_connect over several endpoints when no socket can be opened (the process is out of
// descriptors, injected by the fault plan before the real call): each endpoint is tried, and
// the handler runs once, after the initiating call, with the open's error (no_descriptors,
// or its alternative on each system) rather than operation_aborted, which means that the user
// closed the socket. When only the first open fails, the next endpoint connects.

#include "backend_test.hpp"

#include "common/fault_plan.hpp"
#include "ringport/connect.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <cerrno>
#include <vector>

namespace tcp_async_connect_range_open_fails_test {

using TcpAsyncConnectRangeOpenFails = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

// EMFILE or ENFILE on Linux; WSAEMFILE or WSAENOBUFS (no buffer space for a socket) on Windows.
bool out_of_descriptors(const error_code& ec) {
#if defined(_WIN32)
  if (ec == ringport::error::no_buffer_space) return true;
#else
  if (ec == error_code(ENFILE, ringport::system_category())) return true;
#endif
  return ec == ringport::error::no_descriptors;
}

TEST_P(TcpAsyncConnectRangeOpenFails, ReportsTheOpenErrorAfterTryingEveryEndpoint) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{acceptor.local_endpoint(), acceptor.local_endpoint()};
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  {
    fault::scoped_plan every_open_fails(fault::only(fault::kind::no_descriptors, 1000, 1));
    ringport::async_connect(client, endpoints, [&](error_code ec, tcp::endpoint) {
      ++calls;
      result = ec;
    });
    EXPECT_EQ(calls, 0);  // never inside the initiating call
    ctx().run();
    EXPECT_EQ(fault::injected(fault::kind::no_descriptors), 2u);  // one open per endpoint
  }
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(out_of_descriptors(result)) << result.message();
  EXPECT_FALSE(client.is_open());
}

TEST_P(TcpAsyncConnectRangeOpenFails, NextEndpointConnectsWhenOnlyTheFirstOpenFails) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::endpoint> endpoints{acceptor.local_endpoint(), acceptor.local_endpoint()};
  tcp::socket client(ctx());
  error_code result = ringport::error::would_block;
  tcp::endpoint connected;
  // The plan's decisions are fixed by its seed: find one whose first open fails and second
  // succeeds, so the test does not depend on a particular hash.
  fault::plan p = fault::only(fault::kind::no_descriptors, 500, 0);
  for (std::uint64_t seed = 1; seed < 1000; ++seed) {
    fault::scoped_plan probe(fault::only(fault::kind::no_descriptors, 500, seed));
    if (fault::fires(fault::kind::no_descriptors) && !fault::fires(fault::kind::no_descriptors)) {
      p.seed = seed;
      break;
    }
  }
  ASSERT_NE(p.seed, 0u);
  {
    fault::scoped_plan first_open_fails(p);
    ringport::async_connect(client, endpoints, [&](error_code ec, tcp::endpoint ep) {
      result = ec;
      connected = ep;
    });
    ctx().run();
    EXPECT_EQ(fault::injected(fault::kind::no_descriptors), 1u);
  }
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(connected, endpoints[1]);
  // Accepted once no fault is armed: the connection waited in the listener's queue.
  tcp::socket server(ctx());
  acceptor.accept(server);
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(TcpAsyncConnectRangeOpenFails);

}  // namespace tcp_async_connect_range_open_fails_test
