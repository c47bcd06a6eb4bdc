// Endpoint ordering, hashing and printing: "1.2.3.4:80" and "[::1]:80", ordered by address
// then port.
#include <gtest/gtest.h>

#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

#include <functional>
#include <iomanip>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>

namespace endpoint_v4_v6_compare_print_test {

using ringport::ip::make_address;
using ringport::ip::tcp;
using ringport::ip::udp;

template <typename Endpoint>
std::string print(const Endpoint& ep) {
  std::ostringstream out;
  out << ep;
  return out.str();
}

TEST(EndpointCompareAndPrint, Printing) {
  EXPECT_EQ(print(tcp::endpoint(make_address("1.2.3.4"), 80)), "1.2.3.4:80");
  EXPECT_EQ(print(tcp::endpoint(make_address("::1"), 80)), "[::1]:80");
  EXPECT_EQ(print(udp::endpoint(make_address("2001:db8::1%4000000"), 53)),
            "[2001:db8::1%4000000]:53");
  EXPECT_EQ(print(udp::endpoint(make_address("::ffff:10.0.0.1"), 65535)),
            "[::ffff:10.0.0.1]:65535");
  EXPECT_EQ(print(tcp::endpoint()), "0.0.0.0:0");
  EXPECT_EQ(print(tcp::endpoint(tcp::v6(), 1)), "[::]:1");
  // The endpoint prints as one piece, so a width pads all of it.
  std::ostringstream padded;
  padded << std::setw(12) << tcp::endpoint(make_address("1.2.3.4"), 5);
  EXPECT_EQ(padded.str(), "   1.2.3.4:5");
  std::wostringstream wide;
  wide << tcp::endpoint(make_address("::1"), 80);
  EXPECT_EQ(wide.str(), L"[::1]:80");
}

TEST(EndpointCompareAndPrint, OrderedByAddressThenPort) {
  const tcp::endpoint a(make_address("10.0.0.1"), 9000);
  const tcp::endpoint b(make_address("10.0.0.2"), 1);
  const tcp::endpoint c(make_address("10.0.0.2"), 2);
  const tcp::endpoint d(make_address("::1"), 0);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);  // IPv4 before IPv6
  EXPECT_LE(b, b);
  EXPECT_GE(c, b);
  EXPECT_GT(d, a);
  EXPECT_NE(b, c);
  EXPECT_EQ(b, tcp::endpoint(make_address("10.0.0.2"), 1));
  // The scope id is part of the address, so of the endpoint.
  EXPECT_NE(udp::endpoint(make_address("fe80::1%1"), 5),
            udp::endpoint(make_address("fe80::1%2"), 5));
}

TEST(EndpointCompareAndPrint, HashAndContainers) {
  const tcp::endpoint x(make_address("192.0.2.1"), 80);
  EXPECT_EQ(std::hash<tcp::endpoint>()(x),
            std::hash<tcp::endpoint>()(tcp::endpoint(make_address("192.0.2.1"), 80)));
  std::unordered_set<tcp::endpoint> hashed{x, tcp::endpoint(make_address("192.0.2.1"), 81),
                                           tcp::endpoint(make_address("::ffff:192.0.2.1"), 80),
                                           tcp::endpoint(make_address("192.0.2.1"), 80)};
  EXPECT_EQ(hashed.size(), 3u);
  std::set<udp::endpoint> ordered{udp::endpoint(make_address("::"), 2),
                                  udp::endpoint(make_address("1.1.1.1"), 3),
                                  udp::endpoint(make_address("1.1.1.1"), 2)};
  auto it = ordered.begin();
  EXPECT_EQ(print(*it++), "1.1.1.1:2");
  EXPECT_EQ(print(*it++), "1.1.1.1:3");
  EXPECT_EQ(print(*it++), "[::]:2");
}

}  // namespace endpoint_v4_v6_compare_print_test
