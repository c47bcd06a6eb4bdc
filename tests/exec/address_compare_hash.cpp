// Ordering, equality and std::hash of the three address types: they work as keys of ordered
// and unordered containers, and the ordering is Asio's (numeric; IPv4 before IPv6; bytes,
// then scope id).
#include <gtest/gtest.h>

#include "ringport/ip/address.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_set>
#include <vector>

namespace address_compare_hash_test {

using ringport::ip::address;
using ringport::ip::address_v4;
using ringport::ip::address_v6;
using ringport::ip::make_address;

TEST(AddressCompareHash, V4OrdersNumerically) {
  const address_v4 a = ringport::ip::make_address_v4("9.255.255.255");
  const address_v4 b = ringport::ip::make_address_v4("10.0.0.0");
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(a <= b);
  EXPECT_TRUE(b > a);
  EXPECT_TRUE(b >= a);
  EXPECT_TRUE(a != b);
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a == ringport::ip::make_address_v4("9.255.255.255"));
  EXPECT_EQ(a < b, a.to_uint() < b.to_uint());
}

TEST(AddressCompareHash, V6OrdersByBytesThenScope) {
  const address_v6 low = ringport::ip::make_address_v6("fe80::1%9");
  const address_v6 high = ringport::ip::make_address_v6("fe80::2%1");
  EXPECT_LT(low, high);  // bytes decide before the scope
  const address_v6 scope1 = ringport::ip::make_address_v6("fe80::1%1");
  const address_v6 scope2 = ringport::ip::make_address_v6("fe80::1%2");
  EXPECT_LT(scope1, scope2);
  EXPECT_NE(scope1, scope2);
  EXPECT_GT(ringport::ip::make_address_v6("ff02::1"), ringport::ip::make_address_v6("fe80::1"));
}

TEST(AddressCompareHash, AddressOrdersV4BeforeV6) {
  const address v4 = make_address("255.255.255.255");
  const address v6 = make_address("::");
  EXPECT_LT(v4, v6);
  EXPECT_GT(v6, v4);
  // Mapped and plain forms stay different values.
  EXPECT_NE(make_address("1.2.3.4"), make_address("::ffff:1.2.3.4"));
  EXPECT_EQ(make_address("1.2.3.4"), address(ringport::ip::make_address_v4("1.2.3.4")));
  EXPECT_EQ(make_address("1.2.3.4"), ringport::ip::make_address_v4("1.2.3.4"));

  std::vector<address> sorted{make_address("::1"), make_address("10.0.0.1"),
                              make_address("2001:db8::"), make_address("1.0.0.1")};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted[0].to_string(), "1.0.0.1");
  EXPECT_EQ(sorted[1].to_string(), "10.0.0.1");
  EXPECT_EQ(sorted[2].to_string(), "::1");
  EXPECT_EQ(sorted[3].to_string(), "2001:db8::");
}

TEST(AddressCompareHash, EqualValuesHashEqually) {
  EXPECT_EQ(std::hash<address_v4>()(ringport::ip::make_address_v4("192.0.2.1")),
            std::hash<address_v4>()(address_v4(address_v4::uint_type{0xC0000201})));
  EXPECT_EQ(std::hash<address_v6>()(ringport::ip::make_address_v6("2001:db8::1%3")),
            std::hash<address_v6>()(ringport::ip::make_address_v6("2001:0db8:0::1%3")));
  EXPECT_EQ(std::hash<address>()(make_address("::1")),
            std::hash<address>()(address(address_v6::loopback())));
  // The scope id takes part in the hash as it does in equality (distinct here, not by law).
  EXPECT_NE(std::hash<address_v6>()(ringport::ip::make_address_v6("fe80::1%1")),
            std::hash<address_v6>()(ringport::ip::make_address_v6("fe80::1%2")));
}

TEST(AddressCompareHash, WorkAsContainerKeys) {
  const char* texts[] = {"10.0.0.1",  "10.0.0.2",        "::1",      "fe80::1%1",
                         "fe80::1%2", "::ffff:10.0.0.1", "10.0.0.1", "::1"};
  std::unordered_set<address> hashed;
  std::set<address> ordered;
  for (const char* text : texts) {
    hashed.insert(make_address(text));
    ordered.insert(make_address(text));
  }
  EXPECT_EQ(hashed.size(), 6u);
  EXPECT_EQ(ordered.size(), 6u);
  EXPECT_EQ(hashed.count(make_address("fe80::1%2")), 1u);
  EXPECT_EQ(hashed.count(make_address("fe80::1%3")), 0u);

  std::unordered_set<address_v4> v4s{address_v4::any(), address_v4::loopback(),
                                     address_v4::loopback()};
  EXPECT_EQ(v4s.size(), 2u);
  std::unordered_set<address_v6> v6s{address_v6::any(), address_v6::loopback(),
                                     address_v6::loopback()};
  EXPECT_EQ(v6s.size(), 2u);
}

}  // namespace address_compare_hash_test
