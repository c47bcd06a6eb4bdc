// The classification predicates of address_v4, address_v6 and address, table by table.
#include <gtest/gtest.h>

#include "ringport/ip/address.hpp"

namespace address_classification_test {

using ringport::ip::make_address_v4;
using ringport::ip::make_address_v6;

struct v4_row {
  const char* text;
  bool loopback, unspecified, multicast;
};

TEST(AddressClassification, V4Table) {
  const v4_row rows[] = {
      {"0.0.0.0", false, true, false},          {"127.0.0.1", true, false, false},
      {"127.255.0.9", true, false, false},      {"128.0.0.1", false, false, false},
      {"126.255.255.255", false, false, false}, {"224.0.0.1", false, false, true},
      {"239.255.255.255", false, false, true},  {"223.255.255.255", false, false, false},
      {"240.0.0.1", false, false, false},       {"255.255.255.255", false, false, false},
      {"10.0.0.1", false, false, false},
  };
  for (const v4_row& row : rows) {
    SCOPED_TRACE(row.text);
    const auto addr = make_address_v4(row.text);
    EXPECT_EQ(addr.is_loopback(), row.loopback);
    EXPECT_EQ(addr.is_unspecified(), row.unspecified);
    EXPECT_EQ(addr.is_multicast(), row.multicast);
    // address forwards to the version it holds.
    const ringport::ip::address any(addr);
    EXPECT_EQ(any.is_loopback(), row.loopback);
    EXPECT_EQ(any.is_unspecified(), row.unspecified);
    EXPECT_EQ(any.is_multicast(), row.multicast);
  }
}

struct v6_row {
  const char* text;
  bool loopback, unspecified, link_local, site_local, v4_mapped, multicast;
  // multicast scopes: global, link, node, org, site
  bool mc_global, mc_link, mc_node, mc_org, mc_site;
};

TEST(AddressClassification, V6Table) {
  const v6_row rows[] = {
      // text         lo     unsp   link   site   map    mc     glob   link   node   org    site
      {"::", false, true, false, false, false, false, false, false, false, false, false},
      {"::1", true, false, false, false, false, false, false, false, false, false, false},
      {"::2", false, false, false, false, false, false, false, false, false, false, false},
      {"fe80::1", false, false, true, false, false, false, false, false, false, false, false},
      {"febf::1", false, false, true, false, false, false, false, false, false, false, false},
      {"fec0::1", false, false, false, true, false, false, false, false, false, false, false},
      {"feff::1", false, false, false, true, false, false, false, false, false, false, false},
      {"fe7f::1", false, false, false, false, false, false, false, false, false, false, false},
      {"::ffff:1.2.3.4", false, false, false, false, true, false, false, false, false, false,
       false},
      {"::fffe:1.2.3.4", false, false, false, false, false, false, false, false, false, false,
       false},
      {"ff0e::1", false, false, false, false, false, true, true, false, false, false, false},
      {"ff02::1", false, false, false, false, false, true, false, true, false, false, false},
      {"ff12::1", false, false, false, false, false, true, false, true, false, false, false},
      {"ff01::1", false, false, false, false, false, true, false, false, true, false, false},
      {"ff08::1", false, false, false, false, false, true, false, false, false, true, false},
      {"ff05::1", false, false, false, false, false, true, false, false, false, false, true},
      {"ff03::1", false, false, false, false, false, true, false, false, false, false, false},
      {"2001:db8::1", false, false, false, false, false, false, false, false, false, false, false},
  };
  for (const v6_row& row : rows) {
    SCOPED_TRACE(row.text);
    const auto addr = make_address_v6(row.text);
    EXPECT_EQ(addr.is_loopback(), row.loopback);
    EXPECT_EQ(addr.is_unspecified(), row.unspecified);
    EXPECT_EQ(addr.is_link_local(), row.link_local);
    EXPECT_EQ(addr.is_site_local(), row.site_local);
    EXPECT_EQ(addr.is_v4_mapped(), row.v4_mapped);
    EXPECT_EQ(addr.is_multicast(), row.multicast);
    EXPECT_EQ(addr.is_multicast_global(), row.mc_global);
    EXPECT_EQ(addr.is_multicast_link_local(), row.mc_link);
    EXPECT_EQ(addr.is_multicast_node_local(), row.mc_node);
    EXPECT_EQ(addr.is_multicast_org_local(), row.mc_org);
    EXPECT_EQ(addr.is_multicast_site_local(), row.mc_site);
    const ringport::ip::address any(addr);
    EXPECT_EQ(any.is_loopback(), row.loopback);
    EXPECT_EQ(any.is_unspecified(), row.unspecified);
    EXPECT_EQ(any.is_multicast(), row.multicast);
  }
}

TEST(AddressClassification, MappedLoopbackIsNotV6Loopback) {
  // ::ffff:127.0.0.1 is an IPv6 address; the IPv6 predicates look at its bytes only.
  const auto mapped = make_address_v6("::ffff:127.0.0.1");
  EXPECT_FALSE(mapped.is_loopback());
  EXPECT_TRUE(ringport::ip::make_address_v4(ringport::ip::v4_mapped, mapped).is_loopback());
}

TEST(AddressClassification, AddressHoldsOneVersion) {
  const ringport::ip::address v4 = make_address_v4("192.0.2.1");
  const ringport::ip::address v6 = make_address_v6("2001:db8::1");
  EXPECT_TRUE(v4.is_v4());
  EXPECT_FALSE(v4.is_v6());
  EXPECT_TRUE(v6.is_v6());
  EXPECT_FALSE(v6.is_v4());
  EXPECT_EQ(v4.to_v4(), make_address_v4("192.0.2.1"));
  EXPECT_EQ(v6.to_v6(), make_address_v6("2001:db8::1"));
  EXPECT_THROW(v4.to_v6(), ringport::ip::bad_address_cast);
  EXPECT_THROW(v6.to_v4(), ringport::ip::bad_address_cast);
  // The default is the IPv4 unspecified address.
  const ringport::ip::address def;
  EXPECT_TRUE(def.is_v4());
  EXPECT_TRUE(def.is_unspecified());
  EXPECT_EQ(def.to_string(), "0.0.0.0");
  // Assigning a version-specific address switches the version.
  ringport::ip::address addr;
  addr = make_address_v6("::1");
  EXPECT_TRUE(addr.is_v6());
  addr = ringport::ip::address_v4::loopback();
  EXPECT_TRUE(addr.is_v4());
  EXPECT_EQ(addr.to_string(), "127.0.0.1");
}

}  // namespace address_classification_test
