// ip::tcp::endpoint and ip::udp::endpoint: construction, the address and port accessors, and
// the native sockaddr they expose to the socket layer.
#include <gtest/gtest.h>

#include "ringport/error.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

#if !defined(_WIN32)
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include <cstring>
#include <type_traits>

namespace tcp_udp_endpoint_test {

using ringport::ip::tcp;
using ringport::ip::udp;

// sizeof(sockaddr_in) and sizeof(sockaddr_in6), the same on Linux and Windows.
constexpr std::size_t sockaddr_in_size = 16;
constexpr std::size_t sockaddr_in6_size = 28;

TEST(TcpUdpEndpoint, DefaultIsV4AnyPortZero) {
  const tcp::endpoint ep;
  EXPECT_TRUE(ep.address().is_v4());
  EXPECT_TRUE(ep.address().is_unspecified());
  EXPECT_EQ(ep.port(), 0);
  EXPECT_EQ(ep.protocol(), tcp::v4());
  EXPECT_EQ(ep.size(), sockaddr_in_size);
}

TEST(TcpUdpEndpoint, ProtocolAndPortGiveTheUnspecifiedAddress) {
  const tcp::endpoint v4(tcp::v4(), 8080);
  EXPECT_EQ(v4.address(), ringport::ip::address(ringport::ip::address_v4::any()));
  EXPECT_EQ(v4.port(), 8080);
  EXPECT_EQ(v4.protocol(), tcp::v4());
  const udp::endpoint v6(udp::v6(), 53);
  EXPECT_EQ(v6.address(), ringport::ip::address(ringport::ip::address_v6::any()));
  EXPECT_EQ(v6.port(), 53);
  EXPECT_EQ(v6.protocol(), udp::v6());
  EXPECT_EQ(v6.size(), sockaddr_in6_size);
}

TEST(TcpUdpEndpoint, AddressAndPortRoundTrip) {
  const auto addr = ringport::ip::make_address("2001:db8::7%3");
  const tcp::endpoint ep(addr, 65535);
  EXPECT_EQ(ep.address(), addr);
  EXPECT_EQ(ep.address().to_v6().scope_id(), 3u);
  EXPECT_EQ(ep.port(), 65535);
  EXPECT_EQ(ep.protocol(), tcp::v6());
  // address_v4 converts to address implicitly, as in Asio.
  const udp::endpoint lo(ringport::ip::address_v4::loopback(), 7);
  EXPECT_EQ(lo.address().to_string(), "127.0.0.1");
}

TEST(TcpUdpEndpoint, SettersKeepTheOtherHalf) {
  tcp::endpoint ep(ringport::ip::make_address("192.0.2.1"), 80);
  ep.port(443);
  EXPECT_EQ(ep.address().to_string(), "192.0.2.1");
  EXPECT_EQ(ep.port(), 443);
  // Switching the address version switches the family and the size, keeping the port.
  ep.address(ringport::ip::make_address("::1"));
  EXPECT_EQ(ep.port(), 443);
  EXPECT_EQ(ep.protocol(), tcp::v6());
  EXPECT_EQ(ep.size(), sockaddr_in6_size);
  ep.address(ringport::ip::make_address("10.0.0.1"));
  EXPECT_EQ(ep.port(), 443);
  EXPECT_EQ(ep.protocol(), tcp::v4());
  EXPECT_EQ(ep.size(), sockaddr_in_size);
}

TEST(TcpUdpEndpoint, DataIsTheNativeSockaddr) {
  static_assert(std::is_same_v<tcp::endpoint::data_type, ::sockaddr>);
  static_assert(std::is_same_v<tcp::endpoint::protocol_type, tcp>);
  tcp::endpoint ep(ringport::ip::make_address("192.0.2.1"), 0x1234);
  const unsigned char* raw = reinterpret_cast<const unsigned char*>(ep.data());
  // Port and address in network byte order at sockaddr_in's offsets.
  EXPECT_EQ(raw[2], 0x12);
  EXPECT_EQ(raw[3], 0x34);
  EXPECT_EQ(raw[4], 192);
  EXPECT_EQ(raw[7], 1);
  EXPECT_GE(ep.capacity(), sockaddr_in6_size);
  const tcp::endpoint& cref = ep;
  EXPECT_EQ(static_cast<const void*>(cref.data()), static_cast<const void*>(ep.data()));
#if !defined(_WIN32)
  EXPECT_EQ(ep.size(), sizeof(sockaddr_in));
  const auto* in4 = reinterpret_cast<const sockaddr_in*>(ep.data());
  EXPECT_EQ(in4->sin_family, AF_INET);
  EXPECT_EQ(ntohs(in4->sin_port), 0x1234);
  EXPECT_EQ(ntohl(in4->sin_addr.s_addr), 0xC0000201u);

  udp::endpoint ep6(ringport::ip::make_address("fe80::1%7"), 5353);
  EXPECT_EQ(ep6.size(), sizeof(sockaddr_in6));
  const auto* in6 = reinterpret_cast<const sockaddr_in6*>(ep6.data());
  EXPECT_EQ(in6->sin6_family, AF_INET6);
  EXPECT_EQ(ntohs(in6->sin6_port), 5353);
  EXPECT_EQ(in6->sin6_scope_id, 7u);
  EXPECT_EQ(in6->sin6_flowinfo, 0u);
  EXPECT_EQ(in6->sin6_addr.s6_addr[0], 0xfe);
  EXPECT_EQ(in6->sin6_addr.s6_addr[15], 1);
  EXPECT_LE(ep6.capacity(), sizeof(sockaddr_storage));
#endif
}

TEST(TcpUdpEndpoint, WhatTheOsWritesIsRead) {
  // The socket layer lets the OS fill data() (accept, recvfrom), then calls resize().
  udp::endpoint ep;
  udp::endpoint source(ringport::ip::make_address("2001:db8::9"), 4000);
  std::memcpy(ep.data(), source.data(), source.size());
  ep.resize(source.size());
  EXPECT_EQ(ep, source);
  EXPECT_EQ(ep.size(), sockaddr_in6_size);
  EXPECT_NO_THROW(ep.resize(128));  // sizeof(sockaddr_storage)
  try {
    ep.resize(129);
    FAIL() << "expected system_error";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::invalid_argument);
  }
}

}  // namespace tcp_udp_endpoint_test
