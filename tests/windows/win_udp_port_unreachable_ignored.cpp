// SIO_UDP_CONNRESET is off on UDP sockets (as Asio does): after a datagram to a closed port,
// whose ICMP port-unreachable Windows would otherwise report as WSAECONNRESET on the next
// receive, the socket still receives the next datagram without error, async and sync.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

namespace win_udp_port_unreachable_ignored_test {

using WinUdpPortUnreachableIgnored = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::udp;

TEST_P(WinUdpPortUnreachableIgnored, NextReceiveSucceeds) {
  const udp::endpoint any_port(ringport::ip::make_address("127.0.0.1"), 0);
  udp::endpoint closed;
  {
    udp::socket probe(ctx(), any_port);
    closed = probe.local_endpoint();
  }
  udp::socket a(ctx(), any_port), b(ctx(), any_port);
  a.send_to(ringport::buffer("x", 1), closed);
  a.send_to(ringport::buffer("x", 1), closed);

  char c = 0;
  udp::endpoint from;
  error_code result;
  std::size_t got = 0;
  a.async_receive_from(ringport::buffer(&c, 1), from, [&](error_code ec, std::size_t n) {
    result = ec;
    got = n;
  });
  b.send_to(ringport::buffer("y", 1), a.local_endpoint());
  ctx().run();
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(got, 1u);
  EXPECT_EQ(c, 'y');
  EXPECT_EQ(from, b.local_endpoint());

  a.send_to(ringport::buffer("x", 1), closed);
  b.send_to(ringport::buffer("z", 1), a.local_endpoint());
  error_code ec;
  EXPECT_EQ(a.receive_from(ringport::buffer(&c, 1), from, 0, ec), 1u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(c, 'z');
}

RINGPORT_INSTANTIATE_BACKENDS(WinUdpPortUnreachableIgnored);

}  // namespace win_udp_port_unreachable_ignored_test
