// Two UDP sockets connected to each other over loopback: async_send/async_receive carry a
// datagram each way, and the synchronous send/receive do the same.

#include "backend_test.hpp"
#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <cstddef>
#include <string>

namespace udp_connected_send_receive_test {

using ringport::error_code;
using ringport::ip::udp;
using UdpConnectedSendReceive = ringport::test::backend_test;

TEST_P(UdpConnectedSendReceive, AsyncAndSyncForms) {
  udp::endpoint any(ringport::ip::make_address("127.0.0.1"), 0);
  udp::socket a(ctx(), any);
  udp::socket b(ctx(), any);
  a.connect(b.local_endpoint());
  b.connect(a.local_endpoint());
  EXPECT_EQ(a.remote_endpoint(), b.local_endpoint());

  const std::string ping = "ping";
  const std::string pong = "pong!";
  char buf_b[32] = {};
  char buf_a[32] = {};
  error_code ec_b, ec_a;
  std::size_t got_b = 0, got_a = 0;
  int done = 0;

  b.async_receive(ringport::buffer(buf_b), [&](error_code ec, std::size_t n) {
    ec_b = ec;
    got_b = n;
    ++done;
    // Reply once the ping has arrived.
    b.async_send(ringport::buffer(pong), [&](error_code ec2, std::size_t) {
      EXPECT_FALSE(ec2) << ec2.message();
      ++done;
    });
  });
  a.async_receive(ringport::buffer(buf_a), 0, [&](error_code ec, std::size_t n) {
    ec_a = ec;
    got_a = n;
    ++done;
  });
  a.async_send(ringport::buffer(ping), 0, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, ping.size());
    ++done;
  });
  ctx().run();

  ASSERT_EQ(done, 4);
  ASSERT_FALSE(ec_b) << ec_b.message();
  EXPECT_EQ(std::string(buf_b, got_b), ping);
  ASSERT_FALSE(ec_a) << ec_a.message();
  EXPECT_EQ(std::string(buf_a, got_a), pong);

  // Synchronous: the throwing and the error_code forms.
  EXPECT_EQ(a.send(ringport::buffer(ping)), ping.size());
  EXPECT_EQ(b.receive(ringport::buffer(buf_b)), ping.size());
  EXPECT_EQ(std::string(buf_b, ping.size()), ping);
  error_code ec;
  EXPECT_EQ(b.send(ringport::buffer(pong), 0, ec), pong.size());
  EXPECT_FALSE(ec) << ec.message();
  std::size_t n = a.receive(ringport::buffer(buf_a), 0, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(buf_a, n), pong);
}

RINGPORT_INSTANTIATE_BACKENDS(UdpConnectedSendReceive);

}  // namespace udp_connected_send_receive_test
