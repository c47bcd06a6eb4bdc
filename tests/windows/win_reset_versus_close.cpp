// The cancel token tells the two ways a pending read can die: the peer resets the connection
// (linger 0, then close) → connection_reset; our own socket is closed → operation_aborted.
// Both arrive from the port as failed packets (ERROR_NETNAME_DELETED among them).

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace win_reset_versus_close_test {

using WinResetVersusClose = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

using connected_pair = ringport::test::tcp_pair;

TEST_P(WinResetVersusClose, PeerResetIsConnectionReset) {
  connected_pair p(ctx());
  char buf[4];
  int calls = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  p.client.set_option(tcp::socket::linger(true, 0));
  p.client.close();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_reset) << result.message();
}

TEST_P(WinResetVersusClose, OwnCloseIsOperationAborted) {
  connected_pair p(ctx());
  char buf[4];
  int calls = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  p.server.close();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

RINGPORT_INSTANTIATE_BACKENDS(WinResetVersusClose);

}  // namespace win_reset_versus_close_test
