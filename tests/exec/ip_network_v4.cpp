// network_v4: the addresses derived from address/prefix, hosts(), subnet tests, the netmask
// constructor's checks, and make_network_v4's text parsing with both error styles.
#include <gtest/gtest.h>

#include "context_test.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v4_range.hpp"
#include "ringport/ip/network_v4.hpp"

#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace ip_network_v4_test {

using ringport::ip::address_v4;
using ringport::ip::make_address_v4;
using ringport::ip::make_network_v4;
using ringport::ip::network_v4;
using IpNetworkV4 = ringport::test::context_test;

// Everything but the text conversions is usable at compile time.
static_assert(network_v4(address_v4(std::uint32_t{0x0A010203}), 8).broadcast() ==
              address_v4(std::uint32_t{0x0AFFFFFF}));
static_assert(network_v4(address_v4(), address_v4(std::uint32_t{0xFFFFF000})).prefix_length() ==
              20);

TEST_F(IpNetworkV4, DerivedAddressesOfASlash24) {
  const network_v4 net(make_address_v4("192.168.1.77"), 24);
  EXPECT_EQ(net.address(), make_address_v4("192.168.1.77"));
  EXPECT_EQ(net.prefix_length(), 24);
  EXPECT_EQ(net.network(), make_address_v4("192.168.1.0"));
  EXPECT_EQ(net.broadcast(), make_address_v4("192.168.1.255"));
  EXPECT_EQ(net.netmask(), make_address_v4("255.255.255.0"));
  EXPECT_FALSE(net.is_host());
  EXPECT_EQ(net.to_string(), "192.168.1.77/24");
  // canonical() drops the host bits and keeps the prefix.
  EXPECT_EQ(net.canonical(), network_v4(make_address_v4("192.168.1.0"), 24));
  EXPECT_EQ(net.canonical().to_string(), "192.168.1.0/24");
}

TEST_F(IpNetworkV4, DefaultIsEverythingWithNoPrefix) {
  const network_v4 net;
  EXPECT_EQ(net.address(), address_v4());
  EXPECT_EQ(net.prefix_length(), 0);
  EXPECT_EQ(net.netmask(), address_v4());
  EXPECT_EQ(net.network(), address_v4());
  EXPECT_EQ(net.broadcast(), address_v4::broadcast());
  EXPECT_EQ(net.to_string(), "0.0.0.0/0");
}

TEST_F(IpNetworkV4, NetmaskForEveryPrefixLengthAndBack) {
  const address_v4 addr = make_address_v4("172.16.254.3");
  for (unsigned short len = 0; len <= 32; ++len) {
    SCOPED_TRACE(len);
    const network_v4 net(addr, len);
    const std::uint64_t expected = (0xFFFFFFFFull << (32 - len)) & 0xFFFFFFFFull;
    EXPECT_EQ(net.netmask().to_uint(), expected);
    EXPECT_EQ(net.network().to_uint(), addr.to_uint() & expected);
    EXPECT_EQ(net.broadcast().to_uint(), (addr.to_uint() & expected) | (~expected & 0xFFFFFFFF));
    // The netmask constructor recovers the prefix length.
    const network_v4 from_mask(addr, net.netmask());
    EXPECT_EQ(from_mask.prefix_length(), len);
    EXPECT_EQ(from_mask, net);
  }
  EXPECT_EQ(network_v4(addr, 17).netmask(), make_address_v4("255.255.128.0"));
  EXPECT_EQ(network_v4(addr, 17).network(), make_address_v4("172.16.128.0"));
  EXPECT_EQ(network_v4(addr, 17).broadcast(), make_address_v4("172.16.255.255"));
}

TEST_F(IpNetworkV4, HostsOfASlash24) {
  const network_v4 net = make_network_v4("192.168.1.77/24");
  const ringport::ip::address_v4_range hosts = net.hosts();
  EXPECT_EQ(*hosts.begin(), make_address_v4("192.168.1.1"));
  // The end is the broadcast address: hosts are strictly between network and broadcast.
  EXPECT_EQ(*hosts.end(), make_address_v4("192.168.1.255"));
  EXPECT_EQ(hosts.size(), 254u);
  EXPECT_FALSE(hosts.empty());
  std::vector<address_v4> seen;
  for (const address_v4& addr : hosts) {
    seen.push_back(addr);
    if (seen.size() > 300) break;  // bound the loop should end() be wrong
  }
  ASSERT_EQ(seen.size(), 254u);
  EXPECT_EQ(seen.front(), make_address_v4("192.168.1.1"));
  EXPECT_EQ(seen[76], make_address_v4("192.168.1.77"));
  EXPECT_EQ(seen.back(), make_address_v4("192.168.1.254"));
  EXPECT_EQ(*hosts.find(make_address_v4("192.168.1.77")), make_address_v4("192.168.1.77"));
  EXPECT_EQ(hosts.find(make_address_v4("192.168.1.0")), hosts.end());
  EXPECT_EQ(hosts.find(make_address_v4("192.168.1.255")), hosts.end());
  EXPECT_EQ(hosts.find(make_address_v4("192.168.2.1")), hosts.end());
}

TEST_F(IpNetworkV4, HostsAtTheEdges) {
  // A /32 is a host: its range is the address alone.
  const network_v4 host = make_network_v4("10.1.2.3/32");
  EXPECT_TRUE(host.is_host());
  EXPECT_EQ(host.netmask(), address_v4::broadcast());
  EXPECT_EQ(host.hosts().size(), 1u);
  EXPECT_EQ(*host.hosts().begin(), make_address_v4("10.1.2.3"));
  EXPECT_EQ(*host.hosts().end(), make_address_v4("10.1.2.4"));
  // The last address's end wraps to 0.0.0.0; the size is still 1, but find() sees nothing.
  const network_v4 last = make_network_v4("255.255.255.255/32");
  EXPECT_EQ(last.hosts().size(), 1u);
  EXPECT_EQ(*last.hosts().end(), address_v4());
  EXPECT_EQ(last.hosts().find(address_v4::broadcast()), last.hosts().end());
  // A /31 has no address strictly between its two; a /30 has two.
  EXPECT_TRUE(make_network_v4("10.0.0.6/31").hosts().empty());
  EXPECT_FALSE(make_network_v4("10.0.0.6/31").is_host());
  const auto quad = make_network_v4("10.0.0.6/30").hosts();
  EXPECT_EQ(quad.size(), 2u);
  EXPECT_EQ(*quad.begin(), make_address_v4("10.0.0.5"));
  EXPECT_EQ(*quad.end(), make_address_v4("10.0.0.7"));
  // /0: every address but 0.0.0.0 and 255.255.255.255.
  const auto all = make_network_v4("1.2.3.4/0").hosts();
  EXPECT_EQ(all.size(), 0xFFFFFFFEu);
  EXPECT_EQ(*all.begin(), make_address_v4("0.0.0.1"));
  EXPECT_EQ(*all.end(), address_v4::broadcast());
}

TEST_F(IpNetworkV4, PrefixLengthAbove32Throws) {
  const address_v4 addr = make_address_v4("10.0.0.0");
  EXPECT_THROW(network_v4(addr, 33), std::out_of_range);
  EXPECT_THROW(make_network_v4(addr, 33), std::out_of_range);
  EXPECT_THROW(network_v4(addr, 65535), std::out_of_range);
  EXPECT_NO_THROW(network_v4(addr, 32));
}

TEST_F(IpNetworkV4, NonContiguousNetmasksThrow) {
  const address_v4 addr = make_address_v4("10.0.0.0");
  // A non-zero byte after the ones have ended: std::invalid_argument.
  EXPECT_THROW(network_v4(addr, make_address_v4("255.0.255.0")), std::invalid_argument);
  EXPECT_THROW(network_v4(addr, make_address_v4("0.255.255.255")), std::invalid_argument);
  EXPECT_THROW(network_v4(addr, make_address_v4("255.254.0.1")), std::invalid_argument);
  EXPECT_THROW(make_network_v4(addr, make_address_v4("255.128.128.0")), std::invalid_argument);
  // A byte that is not ones-then-zeros: std::out_of_range.
  EXPECT_THROW(network_v4(addr, make_address_v4("255.255.253.0")), std::out_of_range);
  EXPECT_THROW(network_v4(addr, make_address_v4("1.0.0.0")), std::out_of_range);
  EXPECT_THROW(network_v4(addr, make_address_v4("255.255.255.127")), std::out_of_range);
  // Contiguous masks are accepted.
  EXPECT_EQ(network_v4(addr, make_address_v4("255.255.254.0")).prefix_length(), 23);
  EXPECT_EQ(network_v4(addr, make_address_v4("192.0.0.0")).prefix_length(), 2);
  EXPECT_EQ(network_v4(addr, address_v4()).prefix_length(), 0);
}

TEST_F(IpNetworkV4, IsSubnetOfIsStrict) {
  const network_v4 ten = make_network_v4("10.0.0.0/8");
  EXPECT_TRUE(make_network_v4("10.1.0.0/16").is_subnet_of(ten));
  EXPECT_TRUE(make_network_v4("10.255.255.255/32").is_subnet_of(ten));
  // Host bits are ignored on both sides.
  EXPECT_TRUE(make_network_v4("10.1.2.3/24").is_subnet_of(make_network_v4("10.200.0.0/8")));
  // Not of itself, nor of any network with the same prefix length.
  EXPECT_FALSE(ten.is_subnet_of(ten));
  EXPECT_FALSE(make_network_v4("10.9.9.9/8").is_subnet_of(ten));
  // Not of a smaller network, nor of one elsewhere.
  EXPECT_FALSE(ten.is_subnet_of(make_network_v4("10.1.0.0/16")));
  EXPECT_FALSE(make_network_v4("11.0.0.0/16").is_subnet_of(ten));
  // Everything but 0.0.0.0/0 itself is inside 0.0.0.0/0.
  EXPECT_TRUE(make_network_v4("203.0.113.9/1").is_subnet_of(network_v4()));
  EXPECT_FALSE(network_v4().is_subnet_of(network_v4()));
}

TEST_F(IpNetworkV4, EqualityComparesAddressAndPrefix) {
  const network_v4 a = make_network_v4("10.1.2.3/8");
  EXPECT_TRUE(a == make_network_v4("10.1.2.3/8"));
  EXPECT_FALSE(a != make_network_v4("10.1.2.3/8"));
  // Host bits count: same network, different address.
  EXPECT_TRUE(a != make_network_v4("10.0.0.0/8"));
  EXPECT_FALSE(a == make_network_v4("10.0.0.0/8"));
  EXPECT_EQ(a.canonical(), make_network_v4("10.0.0.0/8"));
  EXPECT_NE(a, make_network_v4("10.1.2.3/9"));
}

TEST_F(IpNetworkV4, ParsesAddressSlashPrefix) {
  ringport::error_code ec = ringport::error::operation_aborted;
  const network_v4 net = make_network_v4("10.0.0.0/8", ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(net.address(), make_address_v4("10.0.0.0"));
  EXPECT_EQ(net.prefix_length(), 8);
  EXPECT_EQ(net.netmask(), make_address_v4("255.0.0.0"));
  EXPECT_EQ(make_network_v4(std::string("10.0.0.0/8")), net);
  EXPECT_EQ(make_network_v4(std::string_view("10.0.0.0/8")), net);
  ec = ringport::error::operation_aborted;
  EXPECT_EQ(make_network_v4(std::string("10.0.0.0/8"), ec), net);
  EXPECT_FALSE(ec);
  ec = ringport::error::operation_aborted;
  EXPECT_EQ(make_network_v4(std::string_view("10.0.0.0/8"), ec), net);
  EXPECT_FALSE(ec);
  // Leading zeros in the prefix are read as decimal.
  EXPECT_EQ(make_network_v4("10.0.0.0/008").prefix_length(), 8);
  EXPECT_EQ(make_network_v4("10.0.0.0/0000000000000000032").prefix_length(), 32);
  EXPECT_EQ(make_network_v4("0.0.0.0/0"), network_v4());
  EXPECT_EQ(make_network_v4("192.168.1.77/24").to_string(), "192.168.1.77/24");
}

// The last entry is 2^32 + 8: the prefix number saturates instead of wrapping to 8.
const char* const bad_text[] = {"10.0.0.0/33",
                                "10.0.0.0",
                                "x/8",
                                "10.0.0.0/",
                                "/8",
                                "10.0.0.0/+8",
                                "10.0.0.0/ 8",
                                "10.0.0.0/-1",
                                "10.0.0.0/8 ",
                                " 10.0.0.0/8",
                                "10.0.0.0//8",
                                "10.0.0.0/8/9",
                                "1.2.3/8",
                                "10.0.0.0/0x8",
                                "::1/8",
                                "",
                                "/",
                                "10.0.0.0/100",
                                "10.0.0.0/4294967304"};

TEST_F(IpNetworkV4, MalformedTextSetsInvalidArgument) {
  for (const char* text : bad_text) {
    SCOPED_TRACE(text);
    ringport::error_code ec;
    EXPECT_EQ(make_network_v4(text, ec), network_v4());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    EXPECT_EQ(make_network_v4(std::string(text), ec), network_v4());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    EXPECT_EQ(make_network_v4(std::string_view(text), ec), network_v4());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
  }
}

TEST_F(IpNetworkV4, MalformedTextThrowsSystemError) {
  for (const char* text : bad_text) {
    SCOPED_TRACE(text);
    for (int overload = 0; overload < 3; ++overload) {
      try {
        if (overload == 0) make_network_v4(text);
        if (overload == 1) make_network_v4(std::string(text));
        if (overload == 2) make_network_v4(std::string_view(text));
        ADD_FAILURE() << "no exception from overload " << overload;
      } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), ringport::error::invalid_argument);
      }
    }
  }
}

TEST_F(IpNetworkV4, TextWithNulCharacters) {
  // A const char* ends at its NUL.
  EXPECT_EQ(make_network_v4("10.0.0.0/8\0junk"), make_network_v4("10.0.0.0/8"));
  // In a string, a NUL ends the address part, but the prefix must be digits to the end.
  EXPECT_EQ(make_network_v4(std::string("10.0.0.0\0zz/8", 13)), make_network_v4("10.0.0.0/8"));
  ringport::error_code ec;
  make_network_v4(std::string("10.0.0.0/8\0", 11), ec);
  EXPECT_EQ(ec, ringport::error::invalid_argument);
  ec.clear();
  make_network_v4(std::string_view("10.0.0.0/\0"
                                   "8",
                                   11),
                  ec);
  EXPECT_EQ(ec, ringport::error::invalid_argument);
}

TEST_F(IpNetworkV4, ToStringAndStreams) {
  const network_v4 net = make_network_v4("203.0.113.9/27");
  ringport::error_code ec = ringport::error::operation_aborted;
  EXPECT_EQ(net.to_string(ec), "203.0.113.9/27");
  EXPECT_FALSE(ec);
  std::ostringstream narrow;
  narrow << net;
  EXPECT_EQ(narrow.str(), "203.0.113.9/27");
  std::wostringstream wide;
  wide << net;
  EXPECT_EQ(wide.str(), L"203.0.113.9/27");
  EXPECT_EQ(make_network_v4(net.to_string()), net);
}

}  // namespace ip_network_v4_test
