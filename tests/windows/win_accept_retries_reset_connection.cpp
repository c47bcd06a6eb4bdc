// An accept whose connection was reset before it was taken (ERROR_NETNAME_DELETED, injected
// with the service's test switch) is started again with a fresh socket, so the handler sees
// the next connection; with enable_connection_aborted set the handler gets
// connection_aborted instead. The listener keeps working either way.

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

namespace win_accept_retries_reset_connection_test {

using WinAcceptRetriesResetConnection = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct injected_failures {
  explicit injected_failures(int n) { ringport::detail::iocp_fail_next_accepts_for_testing(n); }
  ~injected_failures() { ringport::detail::iocp_fail_next_accepts_for_testing(0); }
};

TEST_P(WinAcceptRetriesResetConnection, ResetConnectionsAreSkipped) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket peer(ctx()), client(ctx());
  injected_failures faults(2);
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  client.connect(acceptor.local_endpoint());
  ctx().run();
  EXPECT_EQ(ringport::detail::iocp_accept_failures_left_for_testing(), 0);  // both faults fired
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  ASSERT_TRUE(peer.is_open());
  EXPECT_EQ(peer.remote_endpoint(), client.local_endpoint());
}

TEST_P(WinAcceptRetriesResetConnection, EnableConnectionAbortedReportsIt) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  acceptor.set_option(tcp::acceptor::enable_connection_aborted(true));
  tcp::socket peer(ctx()), client(ctx());
  injected_failures faults(1);
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_aborted) << result.message();
  EXPECT_FALSE(peer.is_open());

  // The next accept takes a real connection.
  ctx().restart();
  acceptor.async_accept(peer, [&](error_code ec) { result = ec; });
  client.connect(acceptor.local_endpoint());
  ctx().run();
  EXPECT_FALSE(result) << result.message();
  EXPECT_TRUE(peer.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(WinAcceptRetriesResetConnection);

}  // namespace win_accept_retries_reset_connection_test
