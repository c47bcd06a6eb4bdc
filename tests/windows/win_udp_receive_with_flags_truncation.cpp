// Receive with flags on a datagram socket goes through WSARecvMsg (looked up at run time): a
// datagram longer than the buffers is cut to fit and still succeeds with the buffers' size,
// and the flags it reports carry MSG_TRUNC, as recvmsg's msg_flags do on Linux; a datagram
// that fits reports no truncation. Async (started before and after the datagram arrived) and
// sync. basic_seq_packet_socket<udp> is only the way to reach the service's receive-with-flags
// path: Windows has no sequenced-packet sockets.

#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/basic_seq_packet_socket.hpp"
#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <chrono>
#include <string>

namespace win_udp_receive_with_flags_truncation_test {

using WinUdpReceiveWithFlagsTruncation = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::udp;
using flagged_udp_socket = ringport::basic_seq_packet_socket<udp>;

// MSG_TRUNC: <ws2def.h> declares it only for _WIN32_WINNT >= 0x0600; the library's copy is
// checked against it where the library is built.
constexpr int msg_trunc = ringport::detail::iocp_socket_service_base::message_truncated;
static_assert(msg_trunc == 0x0100);

udp::endpoint loopback_any() {
  return udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

struct result {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

TEST_P(WinUdpReceiveWithFlagsTruncation, AsyncTruncatedDatagramReportsMsgTrunc) {
  flagged_udp_socket receiver(ctx(), loopback_any());
  udp::socket sender(ctx(), loopback_any());
  ASSERT_EQ(sender.send_to(ringport::buffer("0123456789", 10), receiver.local_endpoint()), 10u);
  ASSERT_TRUE(ringport::test::wait_readable(receiver.native_handle(), std::chrono::seconds(5)));

  char buf[4] = {};
  socket_base::message_flags flags = -1;
  result r;
  receiver.async_receive(ringport::buffer(buf), flags, [&](error_code ec, std::size_t n) {
    ++r.calls;
    r.ec = ec;
    r.bytes = n;
  });
  ctx().run_for(std::chrono::seconds(5));
  ASSERT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.bytes, sizeof buf);
  EXPECT_EQ(std::string(buf, sizeof buf), "0123");
  EXPECT_NE(flags & msg_trunc, 0) << "flags " << flags;

  // The rest of that datagram is gone; the next one fits and is not flagged.
  ASSERT_EQ(sender.send_to(ringport::buffer("ab", 2), receiver.local_endpoint()), 2u);
  char big[16] = {};
  flags = -1;
  result r2;
  receiver.async_receive(ringport::buffer(big), flags, [&](error_code ec, std::size_t n) {
    ++r2.calls;
    r2.ec = ec;
    r2.bytes = n;
  });
  ctx().restart();
  ctx().run_for(std::chrono::seconds(5));
  ASSERT_EQ(r2.calls, 1);
  EXPECT_FALSE(r2.ec) << r2.ec.message();
  EXPECT_EQ(r2.bytes, 2u);
  EXPECT_EQ(std::string(big, 2), "ab");
  EXPECT_EQ(flags & msg_trunc, 0) << "flags " << flags;
}

// The receive waits in the kernel first; the flags come back with the completion packet.
TEST_P(WinUdpReceiveWithFlagsTruncation, PendingReceiveTruncatedLater) {
  flagged_udp_socket receiver(ctx(), loopback_any());
  udp::socket sender(ctx(), loopback_any());
  char buf[3] = {};
  socket_base::message_flags flags = -1;
  result r;
  receiver.async_receive(ringport::buffer(buf), 0, flags, [&](error_code ec, std::size_t n) {
    ++r.calls;
    r.ec = ec;
    r.bytes = n;
  });
  ctx().poll();
  EXPECT_EQ(r.calls, 0);
  EXPECT_EQ(flags, 0) << "cleared when the receive starts";
  ASSERT_EQ(sender.send_to(ringport::buffer("abcdefgh", 8), receiver.local_endpoint()), 8u);
  ctx().run_for(std::chrono::seconds(5));
  ASSERT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.bytes, sizeof buf);
  EXPECT_EQ(std::string(buf, sizeof buf), "abc");
  EXPECT_NE(flags & msg_trunc, 0) << "flags " << flags;
}

TEST_P(WinUdpReceiveWithFlagsTruncation, SyncTruncatedDatagramReportsMsgTrunc) {
  flagged_udp_socket receiver(ctx(), loopback_any());
  udp::socket sender(ctx(), loopback_any());
  ASSERT_EQ(sender.send_to(ringport::buffer("0123456789", 10), receiver.local_endpoint()), 10u);
  char buf[5] = {};
  socket_base::message_flags flags = -1;
  error_code ec;
  std::size_t n = receiver.receive(ringport::buffer(buf), 0, flags, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(n, sizeof buf);
  EXPECT_EQ(std::string(buf, sizeof buf), "01234");
  EXPECT_NE(flags & msg_trunc, 0) << "flags " << flags;

  ASSERT_EQ(sender.send_to(ringport::buffer("xy", 2), receiver.local_endpoint()), 2u);
  flags = -1;
  n = receiver.receive(ringport::buffer(buf), flags);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(flags & msg_trunc, 0) << "flags " << flags;
}

RINGPORT_INSTANTIATE_BACKENDS(WinUdpReceiveWithFlagsTruncation);

}  // namespace win_udp_receive_with_flags_truncation_test
