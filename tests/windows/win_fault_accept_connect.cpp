// Seeded faults on the way a connection is made with the Windows socket service: AcceptEx
// failing with the errors Windows documents for it (a connection reset before it was taken
// is skipped unless enable_connection_aborted; no descriptor or buffer space reaches the
// handler), ConnectEx reporting refused, unreachable or timed out, and socket creation
// finding no descriptor.

#include "backend_test.hpp"

#include "common/fault_plan.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <memory>
#include <vector>

namespace win_fault_accept_connect_test {

using WinFaultAcceptConnect = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

bool no_resources(const error_code& ec) {
  return ec == ringport::error::no_descriptors || ec == ringport::error::no_buffer_space;
}

struct accept_tally {
  int accepted = 0;
  int no_resources = 0;
  int aborted = 0;
  int other = 0;
  int handler_calls = 0;
};

// Connects `clients` sockets to the acceptor, then accepts one at a time (each accept's
// handler exactly once) until `wanted` accepts succeeded or `max_accepts` ran.
accept_tally accept_under_faults(ringport::io_context& ctx, tcp::acceptor& acceptor, int clients,
                                 int wanted, int max_accepts) {
  std::vector<std::unique_ptr<tcp::socket>> connected;
  for (int i = 0; i < clients; ++i) {
    connected.push_back(std::make_unique<tcp::socket>(ctx));
    connected.back()->connect(acceptor.local_endpoint());
  }
  accept_tally t;
  for (int i = 0; i < max_accepts && t.accepted < wanted; ++i) {
    tcp::socket peer(ctx);
    int calls = 0;
    error_code result;
    acceptor.async_accept(peer, [&](error_code ec) {
      ++calls;
      result = ec;
    });
    ctx.restart();
    ctx.run();
    t.handler_calls += calls;
    if (!result && peer.is_open())
      ++t.accepted;
    else if (no_resources(result))
      ++t.no_resources;
    else if (result == ringport::error::connection_aborted)
      ++t.aborted;
    else
      ++t.other;
  }
  return t;
}

TEST_P(WinFaultAcceptConnect, AcceptErrorsResetRetriedResourcesReported) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  accept_tally t;
  {
    fault::scoped_plan armed(fault::only(fault::kind::accept_error, 400, 21));
    t = accept_under_faults(ctx(), acceptor, 40, 10, 60);
    // Faults decided at the start reach the handler; the others dropped a connection taken
    // and were retried unseen.
    EXPECT_GT(fault::injected(fault::kind::accept_error),
              static_cast<std::uint64_t>(t.no_resources));
  }
  EXPECT_EQ(t.accepted, 10);
  EXPECT_GT(t.no_resources, 0);
  EXPECT_EQ(t.aborted, 0);
  EXPECT_EQ(t.other, 0);
  EXPECT_EQ(t.handler_calls, t.accepted + t.no_resources);
}

TEST_P(WinFaultAcceptConnect, AcceptErrorsWithEnableConnectionAbortedReportThem) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  acceptor.set_option(tcp::acceptor::enable_connection_aborted(true));
  accept_tally t;
  {
    fault::scoped_plan armed(fault::only(fault::kind::accept_error, 400, 22));
    t = accept_under_faults(ctx(), acceptor, 40, 10, 60);
    EXPECT_EQ(fault::injected(fault::kind::accept_error),
              static_cast<std::uint64_t>(t.no_resources + t.aborted));
  }
  EXPECT_EQ(t.accepted, 10);
  EXPECT_GT(t.aborted, 0);
  EXPECT_EQ(t.other, 0);
  EXPECT_EQ(t.handler_calls, t.accepted + t.no_resources + t.aborted);
}

TEST_P(WinFaultAcceptConnect, ConnectErrorsReachTheHandler) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  int refused = 0, unreachable = 0, timed_out = 0, other = 0, calls = 0;
  {
    fault::scoped_plan armed(fault::only(fault::kind::connect_error, 1000, 23));
    for (int i = 0; i < 24; ++i) {
      tcp::socket client(ctx());
      error_code result;
      client.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
        ++calls;
        result = ec;
      });
      ctx().restart();
      ctx().run();
      if (result == ringport::error::connection_refused)
        ++refused;
      else if (result == ringport::error::network_unreachable)
        ++unreachable;
      else if (result == ringport::error::timed_out)
        ++timed_out;
      else
        ++other;
      // As after any failed connect: the user closes the socket.
      client.close();
    }
    EXPECT_EQ(fault::injected(fault::kind::connect_error), 24u);
  }
  EXPECT_EQ(calls, 24);
  EXPECT_EQ(other, 0);
  EXPECT_GT(refused, 0) << unreachable << " unreachable, " << timed_out << " timed out";
  EXPECT_GT(unreachable, 0);
  EXPECT_GT(timed_out, 0);
  // Unarmed, a connect on the same listener succeeds.
  tcp::socket client(ctx());
  error_code result = ringport::error::operation_aborted;
  client.async_connect(acceptor.local_endpoint(), [&](error_code ec) { result = ec; });
  ctx().restart();
  ctx().run();
  EXPECT_FALSE(result) << result.message();
}

TEST_P(WinFaultAcceptConnect, NoDescriptorsOnOpenAndAccept) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  client.connect(acceptor.local_endpoint());
  tcp::socket peer(ctx());
  {
    fault::scoped_plan armed(fault::only(fault::kind::no_descriptors, 1000, 24));
    tcp::socket s(ctx());
    error_code open_ec;
    s.open(tcp::v4(), open_ec);
    EXPECT_TRUE(no_resources(open_ec)) << open_ec.message();
    EXPECT_FALSE(s.is_open());

    // The accept's own socket cannot be made.
    int calls = 0;
    error_code async_ec;
    acceptor.async_accept(peer, [&](error_code ec) {
      ++calls;
      async_ec = ec;
    });
    ctx().run();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(no_resources(async_ec)) << async_ec.message();

    error_code sync_ec;
    acceptor.accept(peer, sync_ec);
    EXPECT_TRUE(no_resources(sync_ec)) << sync_ec.message();
    EXPECT_FALSE(peer.is_open());
    EXPECT_EQ(fault::injected(fault::kind::no_descriptors), 3u);
  }
  // The connection stayed queued: taken now.
  acceptor.accept(peer);
  EXPECT_TRUE(peer.is_open());
  EXPECT_EQ(peer.remote_endpoint(), client.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(WinFaultAcceptConnect);

}  // namespace win_fault_accept_connect_test
