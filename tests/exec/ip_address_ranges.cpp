// address_v4/v6 iterators and ranges: stepping across byte boundaries and wrapping, the
// iterator's traits, and a range's begin/end, size, empty and find.
#include <gtest/gtest.h>

#include "context_test.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v4_iterator.hpp"
#include "ringport/ip/address_v4_range.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/address_v6_iterator.hpp"
#include "ringport/ip/address_v6_range.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

namespace ip_address_ranges_test {

using ringport::ip::address_v4;
using ringport::ip::address_v4_iterator;
using ringport::ip::address_v4_range;
using ringport::ip::address_v6;
using ringport::ip::address_v6_iterator;
using ringport::ip::address_v6_range;
using ringport::ip::make_address_v4;
using ringport::ip::make_address_v6;
using IpAddressRanges = ringport::test::context_test;

static_assert(
    std::is_same_v<address_v4_iterator, ringport::ip::basic_address_iterator<address_v4>>);
static_assert(std::is_same_v<address_v6_range, ringport::ip::basic_address_range<address_v6>>);
static_assert(std::is_same_v<address_v4_range::iterator, address_v4_iterator>);
static_assert(std::is_same_v<std::iterator_traits<address_v4_iterator>::iterator_category,
                             std::input_iterator_tag>);
static_assert(
    std::is_same_v<std::iterator_traits<address_v6_iterator>::reference, const address_v6&>);
static_assert(std::is_same_v<std::iterator_traits<address_v6_iterator>::value_type, address_v6>);
// An address converts to an iterator implicitly; two iterators do not make a range implicitly.
static_assert(std::is_convertible_v<address_v4, address_v4_iterator>);
static_assert(std::is_convertible_v<address_v6, address_v6_iterator>);
static_assert(!std::is_convertible_v<address_v4, address_v4_range>);
static_assert(address_v4_range(address_v4(std::uint32_t{1}), address_v4(std::uint32_t{9})).size() ==
              8);

template <typename Iterator>
std::string text_at(const Iterator& it) {
  return it->to_string();
}

TEST_F(IpAddressRanges, V4StepsAcrossByteBoundaries) {
  address_v4_iterator it = make_address_v4("10.0.0.254");
  ++it;
  EXPECT_EQ(text_at(it), "10.0.0.255");
  ++it;
  EXPECT_EQ(text_at(it), "10.0.1.0");
  --it;
  EXPECT_EQ(text_at(it), "10.0.0.255");
  it = make_address_v4("10.0.255.255");
  EXPECT_EQ(text_at(++it), "10.1.0.0");
  EXPECT_EQ(text_at(--it), "10.0.255.255");
  it = make_address_v4("9.255.255.255");
  EXPECT_EQ(text_at(++it), "10.0.0.0");
  EXPECT_EQ(text_at(--it), "9.255.255.255");
  // Wraps at both ends of the address space.
  it = address_v4::broadcast();
  EXPECT_EQ(*++it, address_v4());
  EXPECT_EQ(*--it, address_v4::broadcast());
  it = address_v4();
  EXPECT_EQ(*--it, address_v4::broadcast());
}

TEST_F(IpAddressRanges, V4PostfixReturnsThePreviousPosition) {
  address_v4_iterator it(make_address_v4("192.0.2.255"));
  const address_v4_iterator before = it++;
  EXPECT_EQ(*before, make_address_v4("192.0.2.255"));
  EXPECT_EQ(*it, make_address_v4("192.0.3.0"));
  const address_v4_iterator middle = it--;
  EXPECT_EQ(*middle, make_address_v4("192.0.3.0"));
  EXPECT_EQ(*it, make_address_v4("192.0.2.255"));
  EXPECT_TRUE(it == before);
  EXPECT_FALSE(it != before);
  EXPECT_TRUE(it != middle);
  EXPECT_EQ(it->to_uint(), 0xC00002FFu);
}

TEST_F(IpAddressRanges, V4RangeBeginEndSizeFind) {
  const address_v4_range range(address_v4_iterator(make_address_v4("10.0.0.250")),
                               address_v4_iterator(make_address_v4("10.0.1.4")));
  EXPECT_EQ(*range.begin(), make_address_v4("10.0.0.250"));
  EXPECT_EQ(*range.end(), make_address_v4("10.0.1.4"));
  EXPECT_EQ(range.size(), 10u);
  EXPECT_FALSE(range.empty());
  std::vector<std::string> seen;
  for (const address_v4& addr : range) {
    seen.push_back(addr.to_string());
    if (seen.size() > 20) break;  // bound the loop should end() be wrong
  }
  const std::vector<std::string> expected{"10.0.0.250", "10.0.0.251", "10.0.0.252", "10.0.0.253",
                                          "10.0.0.254", "10.0.0.255", "10.0.1.0",   "10.0.1.1",
                                          "10.0.1.2",   "10.0.1.3"};
  EXPECT_EQ(seen, expected);
  // find(): the begin is in, the end is out, as is anything outside.
  EXPECT_EQ(range.find(make_address_v4("10.0.0.250")), range.begin());
  EXPECT_EQ(*range.find(make_address_v4("10.0.1.0")), make_address_v4("10.0.1.0"));
  EXPECT_EQ(range.find(make_address_v4("10.0.1.4")), range.end());
  EXPECT_EQ(range.find(make_address_v4("10.0.0.249")), range.end());
  EXPECT_EQ(range.find(make_address_v4("11.0.0.0")), range.end());
  // Standard algorithms take it (its traits name an input iterator). Each walk ends at a
  // position reached by the same steps from begin(), so it is bounded even if ++ were wrong.
  const address_v4_iterator third = std::next(range.begin(), 3);
  EXPECT_EQ(*third, make_address_v4("10.0.0.253"));
  EXPECT_EQ(*std::find(range.begin(), third, make_address_v4("10.0.0.252")),
            make_address_v4("10.0.0.252"));
  EXPECT_EQ(std::find(range.begin(), third, make_address_v4("10.0.1.2")), third);
}

TEST_F(IpAddressRanges, V4EmptyRanges) {
  const address_v4_range none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_EQ(*none.begin(), address_v4());
  EXPECT_EQ(none.find(address_v4()), none.end());
  const address_v4_range same(make_address_v4("10.1.1.1"), make_address_v4("10.1.1.1"));
  EXPECT_TRUE(same.empty());
  EXPECT_EQ(same.size(), 0u);
  EXPECT_EQ(same.find(make_address_v4("10.1.1.1")), same.end());
  int steps = 0;
  for (auto it = same.begin(); it != same.end() && steps < 5; ++it)
    ++steps;
  EXPECT_EQ(steps, 0);
}

TEST_F(IpAddressRanges, V4RangeCopiesAndAssigns) {
  address_v4_range range(make_address_v4("1.1.1.1"), make_address_v4("1.1.1.3"));
  const address_v4_range copy = range;
  range = address_v4_range();
  EXPECT_EQ(copy.size(), 2u);
  EXPECT_EQ(*copy.begin(), make_address_v4("1.1.1.1"));
  EXPECT_TRUE(range.empty());
}

TEST_F(IpAddressRanges, V6StepsAcrossByteBoundaries) {
  address_v6_iterator it = make_address_v6("2001:db8::fe");
  EXPECT_EQ(text_at(++it), "2001:db8::ff");
  EXPECT_EQ(text_at(++it), "2001:db8::100");
  EXPECT_EQ(text_at(--it), "2001:db8::ff");
  it = make_address_v6("2001:db8::ffff");
  EXPECT_EQ(text_at(++it), "2001:db8::1:0");
  EXPECT_EQ(text_at(--it), "2001:db8::ffff");
  it = make_address_v6("2001:db8:0:0:ffff:ffff:ffff:ffff");
  EXPECT_EQ(text_at(++it), "2001:db8:0:1::");
  EXPECT_EQ(text_at(--it), "2001:db8::ffff:ffff:ffff:ffff");
  // Wraps at both ends of the address space.
  const address_v6 all_ones = make_address_v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  it = all_ones;
  EXPECT_EQ(*++it, address_v6());
  EXPECT_EQ(*--it, all_ones);
  it = address_v6();
  EXPECT_EQ(*--it, all_ones);
}

TEST_F(IpAddressRanges, V6IteratorKeepsTheScope) {
  address_v6_iterator it = make_address_v6("fe80::ff%3");
  ++it;
  EXPECT_EQ(it->scope_id(), 3u);
  EXPECT_EQ(it->to_bytes(), make_address_v6("fe80::100").to_bytes());
  const address_v6_iterator previous = it--;
  EXPECT_EQ(previous->scope_id(), 3u);
  EXPECT_EQ(it->to_bytes(), make_address_v6("fe80::ff").to_bytes());
  // Positions with different scopes differ.
  address_v6 unscoped = *it;
  unscoped.scope_id(0);
  EXPECT_TRUE(it != address_v6_iterator(unscoped));
  EXPECT_FALSE(it == address_v6_iterator(unscoped));
}

TEST_F(IpAddressRanges, V6RangeBeginEndFind) {
  const address_v6_range range(address_v6_iterator(make_address_v6("2001:db8::fffe")),
                               address_v6_iterator(make_address_v6("2001:db8::1:2")));
  EXPECT_FALSE(range.empty());
  EXPECT_EQ(*range.begin(), make_address_v6("2001:db8::fffe"));
  EXPECT_EQ(*range.end(), make_address_v6("2001:db8::1:2"));
  std::vector<std::string> seen;
  for (const address_v6& addr : range) {
    seen.push_back(addr.to_string());
    if (seen.size() > 20) break;  // bound the loop should end() be wrong
  }
  const std::vector<std::string> expected{"2001:db8::fffe", "2001:db8::ffff", "2001:db8::1:0",
                                          "2001:db8::1:1"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(range.find(make_address_v6("2001:db8::fffe")), range.begin());
  EXPECT_EQ(*range.find(make_address_v6("2001:db8::1:0")), make_address_v6("2001:db8::1:0"));
  EXPECT_EQ(range.find(make_address_v6("2001:db8::1:2")), range.end());
  EXPECT_EQ(range.find(make_address_v6("2001:db8::fffd")), range.end());
  EXPECT_EQ(*std::next(range.begin(), 2), make_address_v6("2001:db8::1:0"));
}

TEST_F(IpAddressRanges, V6EmptyRanges) {
  const address_v6_range none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_EQ(*none.begin(), address_v6());
  EXPECT_EQ(none.find(address_v6()), none.end());
  const address_v6_range same(address_v6::loopback(), address_v6::loopback());
  EXPECT_TRUE(same.empty());
  EXPECT_EQ(same.find(address_v6::loopback()), same.end());
}

}  // namespace ip_address_ranges_test
