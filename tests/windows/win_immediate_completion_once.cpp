// A read of data that is already there succeeds inside WSARecv. On a socket switched to
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS no packet follows and the service delivers the
// result itself; without that mode the packet delivers it. Either way the handler runs
// exactly once, never inside the initiating call, and nothing is left in the port.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <cstring>

namespace win_immediate_completion_once_test {

using WinImmediateCompletionOnce = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct no_skip_mode {
  no_skip_mode() { ringport::detail::iocp_disable_skip_completion_port_for_testing(true); }
  ~no_skip_mode() { ringport::detail::iocp_disable_skip_completion_port_for_testing(false); }
};

// Reads 3 bytes that are already waiting; returns how many times the handler ran.
int read_waiting_data(ringport::io_context& ctx) {
  ringport::test::tcp_pair p(ctx);
  p.client.write_some(ringport::buffer("abc", 3));
  p.server.wait(tcp::socket::wait_read);  // the bytes have arrived

  char buf[8] = {};
  int calls = 0;
  std::size_t got = 0;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    got = n;
  });
  EXPECT_EQ(calls, 0);  // never inside the initiating call
  EXPECT_EQ(ctx.run(), 1u);
  EXPECT_EQ(got, 3u);
  EXPECT_EQ(std::memcmp(buf, "abc", 3), 0);
  // No second delivery is waiting anywhere.
  ctx.restart();
  EXPECT_EQ(ctx.poll(), 0u);
  return calls;
}

TEST_P(WinImmediateCompletionOnce, SkipModeDeliversOnceWithoutAPacket) {
  unsigned long before = ringport::detail::iocp_skipped_port_completions_for_testing();
  EXPECT_EQ(read_waiting_data(ctx()), 1);
  // The read took the no-packet path (Wine and Windows give TCP sockets an IFS provider).
  EXPECT_EQ(ringport::detail::iocp_skipped_port_completions_for_testing() - before, 1u);
}

TEST_P(WinImmediateCompletionOnce, PacketDeliversOnceWithoutSkipMode) {
  no_skip_mode off;
  unsigned long before = ringport::detail::iocp_skipped_port_completions_for_testing();
  EXPECT_EQ(read_waiting_data(ctx()), 1);
  EXPECT_EQ(ringport::detail::iocp_skipped_port_completions_for_testing(), before);
}

RINGPORT_INSTANTIATE_BACKENDS(WinImmediateCompletionOnce);

}  // namespace win_immediate_completion_once_test
