// network_v6: the network address and hosts() range derived from address/prefix (scope id
// kept), subnet tests, and make_network_v6's text parsing with both error styles.
#include <gtest/gtest.h>

#include "context_test.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/address_v6_range.hpp"
#include "ringport/ip/network_v6.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace ip_network_v6_test {

using ringport::ip::address_v6;
using ringport::ip::make_address_v6;
using ringport::ip::make_network_v6;
using ringport::ip::network_v6;
using IpNetworkV6 = ringport::test::context_test;

// Everything but the text conversions is usable at compile time.
static_assert(network_v6(address_v6::loopback(), 64).network() == address_v6());
static_assert(network_v6(address_v6::loopback(), 128).is_host());

TEST_F(IpNetworkV6, DerivedAddressesOfASlash64) {
  const network_v6 net(make_address_v6("2001:0db8:0000:0000:0001:0002:0003:0004"), 64);
  EXPECT_EQ(net.address(), make_address_v6("2001:db8::1:2:3:4"));
  EXPECT_EQ(net.prefix_length(), 64);
  EXPECT_EQ(net.network(), make_address_v6("2001:db8::"));
  EXPECT_FALSE(net.is_host());
  // The address is printed compressed, host bits included.
  EXPECT_EQ(net.to_string(), "2001:db8::1:2:3:4/64");
  EXPECT_EQ(net.canonical(), network_v6(make_address_v6("2001:db8::"), 64));
  EXPECT_EQ(net.canonical().to_string(), "2001:db8::/64");
}

TEST_F(IpNetworkV6, DefaultIsEverythingWithNoPrefix) {
  const network_v6 net;
  EXPECT_EQ(net.address(), address_v6());
  EXPECT_EQ(net.prefix_length(), 0);
  EXPECT_EQ(net.network(), address_v6());
  EXPECT_EQ(net.to_string(), "::/0");
}

TEST_F(IpNetworkV6, NetworkForPrefixesInsideAByte) {
  const address_v6 addr = make_address_v6("2001:db8:abcd:12ff:ffff::1");
  EXPECT_EQ(network_v6(addr, 60).network(), make_address_v6("2001:db8:abcd:12f0::"));
  EXPECT_EQ(network_v6(addr, 57).network(), make_address_v6("2001:db8:abcd:1280::"));
  EXPECT_EQ(network_v6(addr, 63).network(), make_address_v6("2001:db8:abcd:12fe::"));
  EXPECT_EQ(network_v6(addr, 65).network(), make_address_v6("2001:db8:abcd:12ff:8000::"));
  EXPECT_EQ(network_v6(addr, 3).network(), make_address_v6("2000::"));
  EXPECT_EQ(network_v6(addr, 0).network(), address_v6());
  EXPECT_EQ(network_v6(addr, 127).network(), make_address_v6("2001:db8:abcd:12ff:ffff::"));
  EXPECT_EQ(network_v6(addr, 128).network(), addr);
}

TEST_F(IpNetworkV6, HostsCoverTheWholeNetwork) {
  // Unlike IPv4, the range starts at the network address itself and ends one past the
  // all-ones host part.
  const auto hosts = make_network_v6("2001:db8::1ff/120").hosts();
  EXPECT_EQ(*hosts.begin(), make_address_v6("2001:db8::100"));
  EXPECT_EQ(*hosts.end(), make_address_v6("2001:db8::200"));
  EXPECT_FALSE(hosts.empty());
  std::vector<address_v6> seen;
  for (const address_v6& addr : hosts) {
    seen.push_back(addr);
    if (seen.size() > 300) break;  // bound the loop should end() be wrong
  }
  ASSERT_EQ(seen.size(), 256u);
  EXPECT_EQ(seen.front(), make_address_v6("2001:db8::100"));
  EXPECT_EQ(seen[0xFF], make_address_v6("2001:db8::1ff"));
  EXPECT_EQ(*hosts.find(make_address_v6("2001:db8::1ab")), make_address_v6("2001:db8::1ab"));
  EXPECT_EQ(hosts.find(make_address_v6("2001:db8::200")), hosts.end());
  EXPECT_EQ(hosts.find(make_address_v6("2001:db8::ff")), hosts.end());

  const auto wide = make_network_v6("2001:db8:abcd:12ff::1/60").hosts();
  EXPECT_EQ(*wide.begin(), make_address_v6("2001:db8:abcd:12f0::"));
  EXPECT_EQ(*wide.end(), make_address_v6("2001:db8:abcd:1300::"));

  const auto pair = make_network_v6("2001:db8::7/127").hosts();
  EXPECT_EQ(*pair.begin(), make_address_v6("2001:db8::6"));
  EXPECT_EQ(*pair.end(), make_address_v6("2001:db8::8"));
}

TEST_F(IpNetworkV6, HostsAtTheEdges) {
  const network_v6 host = make_network_v6("2001:db8::5/128");
  EXPECT_TRUE(host.is_host());
  EXPECT_EQ(*host.hosts().begin(), make_address_v6("2001:db8::5"));
  EXPECT_EQ(*host.hosts().end(), make_address_v6("2001:db8::6"));
  EXPECT_FALSE(make_network_v6("2001:db8::5/127").is_host());
  // The last address's end wraps to ::, so the range is not empty but find() sees nothing.
  const auto last = make_network_v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").hosts();
  EXPECT_EQ(*last.end(), address_v6());
  EXPECT_FALSE(last.empty());
  EXPECT_EQ(last.find(*last.begin()), last.end());
  // ::/0's end wraps onto its begin: the range is empty.
  const auto all = network_v6().hosts();
  EXPECT_EQ(*all.begin(), address_v6());
  EXPECT_TRUE(all.empty());
}

TEST_F(IpNetworkV6, ScopeIdIsKept) {
  const network_v6 net = make_network_v6("2001:db8::1%7/64");
  EXPECT_EQ(net.address().scope_id(), 7u);
  EXPECT_EQ(net.network().scope_id(), 7u);
  EXPECT_EQ(net.canonical().address().scope_id(), 7u);
  EXPECT_EQ(net.hosts().begin()->scope_id(), 7u);
  EXPECT_EQ(net.hosts().end()->scope_id(), 7u);
  EXPECT_EQ(net.to_string(), "2001:db8::1%7/64");
  // The scope takes part in equality and in subnet tests.
  EXPECT_NE(net, make_network_v6("2001:db8::1/64"));
  EXPECT_TRUE(make_network_v6("2001:db8::1%7/80").is_subnet_of(net));
  EXPECT_FALSE(make_network_v6("2001:db8::1/80").is_subnet_of(net));
}

TEST_F(IpNetworkV6, PrefixLengthAbove128Throws) {
  EXPECT_THROW(network_v6(address_v6::loopback(), 129), std::out_of_range);
  EXPECT_THROW(make_network_v6(address_v6::loopback(), 1000), std::out_of_range);
  EXPECT_NO_THROW(network_v6(address_v6::loopback(), 128));
}

TEST_F(IpNetworkV6, IsSubnetOfIsStrict) {
  const network_v6 doc = make_network_v6("2001:db8::/32");
  EXPECT_TRUE(make_network_v6("2001:db8:1::/48").is_subnet_of(doc));
  EXPECT_TRUE(make_network_v6("2001:db8:ffff:ffff::1/128").is_subnet_of(doc));
  // Host bits are ignored on both sides.
  EXPECT_TRUE(make_network_v6("2001:db8:1::9/48").is_subnet_of(make_network_v6("2001:db8::1/32")));
  EXPECT_FALSE(doc.is_subnet_of(doc));
  EXPECT_FALSE(make_network_v6("2001:db8::1/32").is_subnet_of(doc));
  EXPECT_FALSE(doc.is_subnet_of(make_network_v6("2001:db8:1::/48")));
  EXPECT_FALSE(make_network_v6("2001:db9::/48").is_subnet_of(doc));
  EXPECT_TRUE(doc.is_subnet_of(network_v6()));
}

TEST_F(IpNetworkV6, EqualityComparesAddressAndPrefix) {
  const network_v6 a = make_network_v6("2001:db8::1/64");
  EXPECT_TRUE(a == make_network_v6("2001:0db8:0::0:1/64"));
  EXPECT_FALSE(a != make_network_v6("2001:db8::1/64"));
  EXPECT_TRUE(a != make_network_v6("2001:db8::/64"));
  EXPECT_TRUE(a != make_network_v6("2001:db8::1/65"));
}

TEST_F(IpNetworkV6, ParsesAddressSlashPrefix) {
  ringport::error_code ec = ringport::error::operation_aborted;
  const network_v6 net = make_network_v6("2001:db8::/32", ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(net.address(), make_address_v6("2001:db8::"));
  EXPECT_EQ(net.prefix_length(), 32);
  EXPECT_EQ(make_network_v6(std::string("2001:db8::/32")), net);
  EXPECT_EQ(make_network_v6(std::string_view("2001:db8::/32")), net);
  ec = ringport::error::operation_aborted;
  EXPECT_EQ(make_network_v6(std::string("2001:db8::/32"), ec), net);
  EXPECT_FALSE(ec);
  ec = ringport::error::operation_aborted;
  EXPECT_EQ(make_network_v6(std::string_view("2001:db8::/32"), ec), net);
  EXPECT_FALSE(ec);
  EXPECT_EQ(make_network_v6("::1/128").prefix_length(), 128);
  EXPECT_EQ(make_network_v6("::1/0128").prefix_length(), 128);
  // An IPv4-mapped address prints in its mixed form.
  const network_v6 mapped = make_network_v6("::ffff:10.1.2.3/104");
  EXPECT_EQ(mapped.to_string(), "::ffff:10.1.2.3/104");
  EXPECT_EQ(mapped.network(), make_address_v6("::ffff:10.0.0.0"));
}

// The last entry is 2^32 + 64: the prefix number saturates instead of wrapping to 64.
const char* const bad_text[] = {"2001:db8::/129",
                                "2001:db8::",
                                "x/64",
                                "2001:db8::/",
                                "/64",
                                "2001:db8::/+64",
                                "2001:db8::/ 64",
                                "2001:db8::/64 ",
                                "2001:db8::/-1",
                                "[::1]/128",
                                "10.0.0.0/8",
                                "2001:db8::/6/4",
                                "",
                                "2001:db8::/1000",
                                "2001:db8::/4294967360"};

TEST_F(IpNetworkV6, MalformedTextSetsInvalidArgument) {
  for (const char* text : bad_text) {
    SCOPED_TRACE(text);
    ringport::error_code ec;
    EXPECT_EQ(make_network_v6(text, ec), network_v6());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    EXPECT_EQ(make_network_v6(std::string(text), ec), network_v6());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    EXPECT_EQ(make_network_v6(std::string_view(text), ec), network_v6());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
  }
}

TEST_F(IpNetworkV6, MalformedTextThrowsSystemError) {
  for (const char* text : bad_text) {
    SCOPED_TRACE(text);
    for (int overload = 0; overload < 3; ++overload) {
      try {
        if (overload == 0) make_network_v6(text);
        if (overload == 1) make_network_v6(std::string(text));
        if (overload == 2) make_network_v6(std::string_view(text));
        ADD_FAILURE() << "no exception from overload " << overload;
      } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), ringport::error::invalid_argument);
      }
    }
  }
}

TEST_F(IpNetworkV6, ToStringAndStreams) {
  const network_v6 net = make_network_v6("2001:db8:0:0:8:800:200c:417a/96");
  ringport::error_code ec = ringport::error::operation_aborted;
  EXPECT_EQ(net.to_string(ec), "2001:db8::8:800:200c:417a/96");
  EXPECT_FALSE(ec);
  std::ostringstream narrow;
  narrow << net;
  EXPECT_EQ(narrow.str(), "2001:db8::8:800:200c:417a/96");
  std::wostringstream wide;
  wide << net;
  EXPECT_EQ(wide.str(), L"2001:db8::8:800:200c:417a/96");
  EXPECT_EQ(make_network_v6(net.to_string()), net);
}

}  // namespace ip_network_v6_test
