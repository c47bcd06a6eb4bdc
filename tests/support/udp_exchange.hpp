// The body of the UDP send_to/receive_from tests (udp_send_to_receive_from_v4.cpp, _v6.cpp):
// two sockets bound to port 0 of a loopback address; async_send_to one way, then
// async_receive_from reports the payload and the sender's own local endpoint.
#pragma once

#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <cstddef>
#include <string>

namespace ringport::test::udp_exchange {

using ringport::error_code;
using ringport::ip::udp;

inline void check_send_to_receive_from(ringport::io_context& ctx, const char* loopback) {
  udp::endpoint any(ringport::ip::make_address(loopback), 0);
  udp::socket sender(ctx, any);
  udp::socket receiver(ctx, any);
  const udp::endpoint sender_ep = sender.local_endpoint();
  const udp::endpoint receiver_ep = receiver.local_endpoint();

  const std::string message = "datagram across loopback";
  char buf[256] = {};
  udp::endpoint from;
  error_code send_ec, recv_ec;
  std::size_t sent = 0, received = 0;
  int done = 0;

  receiver.async_receive_from(ringport::buffer(buf), from, [&](error_code ec, std::size_t n) {
    recv_ec = ec;
    received = n;
    ++done;
  });
  {
    // A temporary destination: the op keeps its own copy of the address.
    udp::endpoint destination = receiver_ep;
    sender.async_send_to(ringport::buffer(message), destination, [&](error_code ec, std::size_t n) {
      send_ec = ec;
      sent = n;
      ++done;
    });
  }
  ctx.run();

  ASSERT_EQ(done, 2);
  ASSERT_FALSE(send_ec) << send_ec.message();
  ASSERT_FALSE(recv_ec) << recv_ec.message();
  EXPECT_EQ(sent, message.size());
  ASSERT_EQ(received, message.size());
  EXPECT_EQ(std::string(buf, received), message);
  EXPECT_EQ(from, sender_ep);
  EXPECT_EQ(from.size(), sender_ep.size());

  // The synchronous forms, the other way round.
  udp::endpoint sync_from;
  EXPECT_EQ(receiver.send_to(ringport::buffer(message), sender_ep), message.size());
  error_code ec;
  std::size_t n = sender.receive_from(ringport::buffer(buf), sync_from, 0, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(buf, n), message);
  EXPECT_EQ(sync_from, receiver_ep);
}

}  // namespace ringport::test::udp_exchange
