// The protocol classes: the family, type and protocol numbers a socket is opened with.
#include <gtest/gtest.h>

#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/local/datagram_protocol.hpp"
#include "ringport/local/stream_protocol.hpp"

#if !defined(_WIN32)
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include <type_traits>

namespace protocol_values_test {

using ringport::ip::tcp;
using ringport::ip::udp;

// Winsock and Linux agree on these; the address families differ (AF_INET6 is 23 on Windows).
constexpr int stream = 1;
constexpr int datagram = 2;
#if defined(_WIN32)
constexpr int inet6 = 23;
#else
constexpr int inet6 = AF_INET6;
#endif

TEST(ProtocolValues, Tcp) {
  EXPECT_EQ(tcp::v4().family(), 2);  // AF_INET everywhere
  EXPECT_EQ(tcp::v6().family(), inet6);
  EXPECT_EQ(tcp::v4().type(), stream);
  EXPECT_EQ(tcp::v6().type(), stream);
  EXPECT_EQ(tcp::v4().protocol(), 6);  // IPPROTO_TCP
  EXPECT_EQ(tcp::v4(), tcp::v4());
  EXPECT_NE(tcp::v4(), tcp::v6());
  static_assert(std::is_same_v<tcp::endpoint, ringport::ip::basic_endpoint<tcp>>);
  static_assert(tcp::v6().family() != tcp::v4().family(), "usable at compile time");
}

TEST(ProtocolValues, Udp) {
  EXPECT_EQ(udp::v4().family(), 2);
  EXPECT_EQ(udp::v6().family(), inet6);
  EXPECT_EQ(udp::v4().type(), datagram);
  EXPECT_EQ(udp::v4().protocol(), 17);  // IPPROTO_UDP
  EXPECT_EQ(udp::v6(), udp::v6());
  EXPECT_NE(udp::v4(), udp::v6());
  static_assert(std::is_same_v<udp::endpoint, ringport::ip::basic_endpoint<udp>>);
}

#if !defined(_WIN32)
TEST(ProtocolValues, MatchTheNativeConstants) {
  EXPECT_EQ(tcp::v4().family(), AF_INET);
  EXPECT_EQ(tcp::v4().type(), SOCK_STREAM);
  EXPECT_EQ(tcp::v4().protocol(), IPPROTO_TCP);
  EXPECT_EQ(udp::v6().type(), SOCK_DGRAM);
  EXPECT_EQ(udp::v6().protocol(), IPPROTO_UDP);
  EXPECT_EQ(ringport::local::stream_protocol().family(), AF_UNIX);
}
#endif

TEST(ProtocolValues, Local) {
  const ringport::local::stream_protocol s;
  const ringport::local::datagram_protocol d;
  EXPECT_EQ(s.family(), 1);  // AF_UNIX, on Linux and Windows
  EXPECT_EQ(d.family(), 1);
  EXPECT_EQ(s.type(), stream);
  EXPECT_EQ(d.type(), datagram);
  EXPECT_EQ(s.protocol(), 0);
  EXPECT_EQ(d.protocol(), 0);
  using stream_endpoint = ringport::local::stream_protocol::endpoint;
  static_assert(std::is_same_v<stream_endpoint,
                               ringport::local::basic_endpoint<ringport::local::stream_protocol>>);
  static_assert(std::is_same_v<stream_endpoint::protocol_type, ringport::local::stream_protocol>);
  EXPECT_EQ(stream_endpoint("/tmp/x").protocol().type(), stream);
}

}  // namespace protocol_values_test
