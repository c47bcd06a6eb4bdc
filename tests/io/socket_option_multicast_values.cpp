// The multicast options as values: what level, name and bytes each hands to setsockopt for an
// IPv4 and an IPv6 socket. No socket is opened and nothing is sent.
// The structs and numbers compared against come from <netinet/in.h> or Winsock's headers.

#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/multicast.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/ip/unicast.hpp"

#include <cstring>
#include <stdexcept>

namespace socket_option_multicast_values_test {

using SocketOptionMulticastValues = ringport::test::backend_test;
using ringport::ip::udp;
namespace multicast = ringport::ip::multicast;

TEST_P(SocketOptionMulticastValues, JoinGroupV4) {
  multicast::join_group j(ringport::ip::make_address_v4("239.1.2.3"),
                          ringport::ip::make_address_v4("10.0.0.7"));
  EXPECT_EQ(j.level(udp::v4()), IPPROTO_IP);
  EXPECT_EQ(j.name(udp::v4()), IP_ADD_MEMBERSHIP);
  ASSERT_EQ(j.size(udp::v4()), sizeof(ip_mreq));
  ip_mreq m;
  std::memcpy(&m, j.data(udp::v4()), sizeof m);
  EXPECT_EQ(ntohl(m.imr_multiaddr.s_addr), 0xEF010203u);
  EXPECT_EQ(ntohl(m.imr_interface.s_addr), 0x0A000007u);

  // From a generic address the interface is any.
  multicast::leave_group l(ringport::ip::make_address("239.1.2.3"));
  EXPECT_EQ(l.name(udp::v4()), IP_DROP_MEMBERSHIP);
  std::memcpy(&m, l.data(udp::v4()), sizeof m);
  EXPECT_EQ(ntohl(m.imr_multiaddr.s_addr), 0xEF010203u);
  EXPECT_EQ(m.imr_interface.s_addr, htonl(INADDR_ANY));
}

TEST_P(SocketOptionMulticastValues, JoinGroupV6) {
  ringport::ip::address_v6 group = ringport::ip::make_address_v6("ff02::1:3");
  multicast::join_group j(group, 4);
  EXPECT_EQ(j.level(udp::v6()), IPPROTO_IPV6);
  EXPECT_EQ(j.name(udp::v6()), IPV6_JOIN_GROUP);
  ASSERT_EQ(j.size(udp::v6()), sizeof(ipv6_mreq));
  ipv6_mreq m;
  std::memcpy(&m, j.data(udp::v6()), sizeof m);
  EXPECT_EQ(std::memcmp(m.ipv6mr_multiaddr.s6_addr, group.to_bytes().data(), 16), 0);
  EXPECT_EQ(m.ipv6mr_interface, 4u);

  // Without an explicit interface the address's scope id names it.
  group.scope_id(9);
  multicast::leave_group l{ringport::ip::address(group)};
  EXPECT_EQ(l.name(udp::v6()), IPV6_LEAVE_GROUP);
  std::memcpy(&m, l.data(udp::v6()), sizeof m);
  EXPECT_EQ(m.ipv6mr_interface, 9u);
}

TEST_P(SocketOptionMulticastValues, OutboundInterface) {
  multicast::outbound_interface v4(ringport::ip::make_address_v4("192.168.1.2"));
  EXPECT_EQ(v4.level(udp::v4()), IPPROTO_IP);
  EXPECT_EQ(v4.name(udp::v4()), IP_MULTICAST_IF);
  ASSERT_EQ(v4.size(udp::v4()), sizeof(in_addr));
  in_addr a;
  std::memcpy(&a, v4.data(udp::v4()), sizeof a);
  EXPECT_EQ(ntohl(a.s_addr), 0xC0A80102u);

  multicast::outbound_interface v6(3u);
  EXPECT_EQ(v6.level(udp::v6()), IPPROTO_IPV6);
  EXPECT_EQ(v6.name(udp::v6()), IPV6_MULTICAST_IF);
  ASSERT_EQ(v6.size(udp::v6()), sizeof(unsigned int));
  unsigned int index = 0;
  std::memcpy(&index, v6.data(udp::v6()), sizeof index);
  EXPECT_EQ(index, 3u);
}

// IPv4 takes the TTL and the loopback flag as one byte, IPv6 as an int.
TEST_P(SocketOptionMulticastValues, HopsAndLoopback) {
  multicast::hops h(42);
  EXPECT_EQ(h.value(), 42);
  EXPECT_EQ(h.level(udp::v4()), IPPROTO_IP);
  EXPECT_EQ(h.name(udp::v4()), IP_MULTICAST_TTL);
  ASSERT_EQ(h.size(udp::v4()), 1u);
  EXPECT_EQ(*static_cast<const unsigned char*>(h.data(udp::v4())), 42);
  EXPECT_EQ(h.name(udp::v6()), IPV6_MULTICAST_HOPS);
  ASSERT_EQ(h.size(udp::v6()), sizeof(int));
  EXPECT_EQ(*static_cast<const int*>(h.data(udp::v6())), 42);
  EXPECT_THROW(multicast::hops(256), std::out_of_range);
  EXPECT_THROW(multicast::hops(-1), std::out_of_range);

  multicast::enable_loopback on(true);
  EXPECT_TRUE(on.value());
  EXPECT_EQ(on.name(udp::v4()), IP_MULTICAST_LOOP);
  ASSERT_EQ(on.size(udp::v4()), 1u);
  EXPECT_EQ(*static_cast<const unsigned char*>(on.data(udp::v4())), 1);
  EXPECT_EQ(on.level(udp::v6()), IPPROTO_IPV6);
  EXPECT_EQ(on.name(udp::v6()), IPV6_MULTICAST_LOOP);
  EXPECT_EQ(*static_cast<const int*>(on.data(udp::v6())), 1);
  multicast::enable_loopback off(false);
  EXPECT_TRUE(!off);
  EXPECT_EQ(*static_cast<const unsigned char*>(off.data(udp::v4())), 0);
}

TEST_P(SocketOptionMulticastValues, UnicastHopsNames) {
  ringport::ip::unicast::hops h(5);
  EXPECT_EQ(h.level(udp::v4()), IPPROTO_IP);
  EXPECT_EQ(h.name(udp::v4()), IP_TTL);
  EXPECT_EQ(h.level(udp::v6()), IPPROTO_IPV6);
  EXPECT_EQ(h.name(udp::v6()), IPV6_UNICAST_HOPS);
  EXPECT_EQ(*h.data(udp::v4()), 5);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionMulticastValues);

}  // namespace socket_option_multicast_values_test
