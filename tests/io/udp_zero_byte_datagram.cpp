// An empty UDP datagram is a datagram: it is sent, and it arrives as 0 bytes with no error
// (never eof, which only a stream reports), both async and sync; the datagram after it
// arrives whole.

#include "backend_test.hpp"
#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <cstddef>
#include <string>

namespace udp_zero_byte_datagram_test {

using ringport::error_code;
using ringport::ip::udp;
using UdpZeroByteDatagram = ringport::test::backend_test;

TEST_P(UdpZeroByteDatagram, ArrivesAsZeroBytesWithoutError) {
  udp::endpoint any(ringport::ip::make_address("127.0.0.1"), 0);
  udp::socket sender(ctx(), any);
  udp::socket receiver(ctx(), any);
  const udp::endpoint to = receiver.local_endpoint();
  const udp::endpoint sender_ep = sender.local_endpoint();

  char buf[16] = {};
  udp::endpoint from;
  error_code send_ec = ringport::error::eof, recv_ec = ringport::error::eof;
  std::size_t received = 99;
  int done = 0;
  receiver.async_receive_from(ringport::buffer(buf), from, [&](error_code ec, std::size_t n) {
    recv_ec = ec;
    received = n;
    ++done;
  });
  sender.async_send_to(ringport::buffer(buf, 0), to, [&](error_code ec, std::size_t n) {
    send_ec = ec;
    EXPECT_EQ(n, 0u);
    ++done;
  });
  ctx().run();

  ASSERT_EQ(done, 2);
  EXPECT_FALSE(send_ec) << send_ec.message();
  EXPECT_FALSE(recv_ec) << recv_ec.message();
  EXPECT_EQ(received, 0u);
  EXPECT_EQ(from, sender_ep);

  // Synchronous: an empty datagram, then a non-empty one, both arrive as sent.
  EXPECT_EQ(sender.send_to(ringport::buffer(buf, 0), to), 0u);
  EXPECT_EQ(sender.send_to(ringport::buffer("x", 1), to), 1u);
  error_code ec = ringport::error::eof;
  EXPECT_EQ(receiver.receive_from(ringport::buffer(buf), from, 0, ec), 0u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(receiver.receive_from(ringport::buffer(buf), from), 1u);
  EXPECT_EQ(buf[0], 'x');
}

RINGPORT_INSTANTIATE_BACKENDS(UdpZeroByteDatagram);

}  // namespace udp_zero_byte_datagram_test
