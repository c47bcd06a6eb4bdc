// address_v6: text round trips in canonical form, the "%scope" suffix both ways, and the
// IPv4-mapped conversions.
#include <gtest/gtest.h>

#include "ringport/ip/address.hpp"
#include "ringport/ip/address_v6.hpp"

#if defined(__linux__)
#include <net/if.h>
#endif

#include <climits>
#include <sstream>
#include <string>
#include <string_view>

namespace address_v6_parse_print_scope_test {

using ringport::ip::address_v4;
using ringport::ip::address_v6;

TEST(AddressV6ParsePrintScope, CanonicalTextRoundTrips) {
  for (const char* text : {"::", "::1", "2001:db8::1", "fe80::1", "ff02::1", "2001:db8:0:1:2:3:4:5",
                           "::ffff:192.0.2.1"}) {
    const address_v6 addr = ringport::ip::make_address_v6(text);
    EXPECT_EQ(addr.to_string(), text);
    EXPECT_EQ(addr.scope_id(), 0u);
    EXPECT_EQ(ringport::ip::make_address_v6(addr.to_string()), addr);
  }
}

TEST(AddressV6ParsePrintScope, NonCanonicalTextIsNormalised) {
  EXPECT_EQ(ringport::ip::make_address_v6("2001:0DB8:0000:0000:0000:0000:0000:0001").to_string(),
            "2001:db8::1");
  EXPECT_EQ(ringport::ip::make_address_v6("0:0:0:0:0:0:0:1"), address_v6::loopback());
}

TEST(AddressV6ParsePrintScope, BytesAreNetworkOrder) {
  const address_v6 addr = ringport::ip::make_address_v6("2001:db8::102");
  const address_v6::bytes_type expected{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
  EXPECT_EQ(addr.to_bytes(), expected);
  EXPECT_EQ(address_v6(expected), addr);
  EXPECT_EQ(ringport::ip::make_address_v6(expected, 7), address_v6(expected, 7));
  EXPECT_EQ(address_v6::loopback().to_string(), "::1");
  EXPECT_EQ(address_v6::any().to_string(), "::");
  EXPECT_EQ(address_v6(), address_v6::any());
}

TEST(AddressV6ParsePrintScope, NumericScopeParsesAndPrints) {
  // Scope ids that name no interface print as numbers on every OS.
  const address_v6 link = ringport::ip::make_address_v6("fe80::1%4000000");
  EXPECT_EQ(link.scope_id(), 4000000u);
  EXPECT_EQ(link.to_string(), "fe80::1%4000000");
  // Outside link-local addresses the scope is always a number, never an interface name.
  const address_v6 global = ringport::ip::make_address_v6("2001:db8::1%1");
  EXPECT_EQ(global.scope_id(), 1u);
  EXPECT_EQ(global.to_string(), "2001:db8::1%1");
  EXPECT_EQ(ringport::ip::make_address_v6(global.to_string()), global);
}

// The scope id make_address_v6 gives `text`, which must parse.
ringport::ip::scope_id_type scope_of(const std::string& text) {
  ringport::error_code ec;
  const address_v6 addr = ringport::ip::make_address_v6(text, ec);
  EXPECT_FALSE(ec) << text;
  return addr.scope_id();
}

// A numeric scope reads as C's atoi() reads a number, as in Asio: the expected values below are
// what Asio 1.22 gives on Linux.
TEST(AddressV6ParsePrintScope, ScopeNumberSkipsWhiteSpaceAndTakesOneSign) {
  EXPECT_EQ(scope_of("fe80::1% 42"), 42u);
  EXPECT_EQ(scope_of("fe80::1%\t\n\v\f\r42"), 42u);
  EXPECT_EQ(scope_of("fe80::1%+42"), 42u);
  // A negative number is kept as its 32-bit two's complement.
  EXPECT_EQ(scope_of("fe80::1%-1"), 4294967295u);
  EXPECT_EQ(scope_of("fe80::1%-42"), 4294967254u);
  // One sign, right before the digits; other bytes are not white space.
  EXPECT_EQ(scope_of("fe80::1%+-5"), 0u);
  EXPECT_EQ(scope_of("fe80::1%- 5"), 0u);
  EXPECT_EQ(scope_of("fe80::1%\xa0"
                     "5"),
            0u);
  EXPECT_EQ(scope_of("fe80::1%\x1c"
                     "5"),
            0u);
}

TEST(AddressV6ParsePrintScope, ScopeNumberEndsAtTheFirstNonDigit) {
  EXPECT_EQ(scope_of("fe80::1%42abc"), 42u);
  EXPECT_EQ(scope_of("fe80::1%5 "), 5u);
  EXPECT_EQ(scope_of("fe80::1%1e3"), 1u);
  EXPECT_EQ(scope_of("fe80::1%0005"), 5u);
  EXPECT_EQ(scope_of("fe80::1%0x10"), 0u);
  EXPECT_EQ(scope_of("fe80::1%%5"), 0u);
  EXPECT_EQ(scope_of("fe80::1%abc"), 0u);
  // An empty scope is no error either.
  EXPECT_EQ(scope_of("fe80::1%"), 0u);
  EXPECT_EQ(ringport::ip::make_address_v6("fe80::1%").to_string(), "fe80::1");
}

// Outside link-local addresses the scope is a number by the same rules.
TEST(AddressV6ParsePrintScope, ScopeNumberOfOtherAddresses) {
  EXPECT_EQ(scope_of("2001:db8::1%42"), 42u);
  EXPECT_EQ(scope_of("2001:db8::1% -3"), 4294967293u);
  EXPECT_EQ(scope_of("::1%7"), 7u);
  EXPECT_EQ(scope_of("::ffff:1.2.3.4%9"), 9u);
  EXPECT_EQ(scope_of("fec0::1%+8x"), 8u);
  EXPECT_EQ(scope_of("ff05::1%"), 0u);
}

// Overflow saturates at the range of a 64-bit long, and the scope id keeps the low 32 bits.
// (Where long has 32 bits, Linux saturates at that smaller range, as Asio does there.)
#if defined(_WIN32) || LONG_MAX > 2147483647L
TEST(AddressV6ParsePrintScope, ScopeNumberSaturatesThenKeepsLow32Bits) {
  EXPECT_EQ(scope_of("fe80::a:b%42949684267175587295"), 4294967295u);
  EXPECT_EQ(scope_of("fe80::1%4294967295"), 4294967295u);
  EXPECT_EQ(scope_of("fe80::1%4294967296"), 0u);
  EXPECT_EQ(scope_of("fe80::1%4294967297"), 1u);
  EXPECT_EQ(scope_of("fe80::1%2147483648"), 2147483648u);
  EXPECT_EQ(scope_of("fe80::1%9223372036854775807"), 4294967295u);
  EXPECT_EQ(scope_of("fe80::1%9223372036854775808"), 4294967295u);
  EXPECT_EQ(scope_of("2001:db8::1%99999999999999999999999"), 4294967295u);
  EXPECT_EQ(scope_of("fe80::1%-2147483649"), 2147483647u);
  EXPECT_EQ(scope_of("fe80::1%-4294967295"), 1u);
  EXPECT_EQ(scope_of("fe80::1%-9223372036854775808"), 0u);
  EXPECT_EQ(scope_of("fe80::1%-9223372036854775809"), 0u);
  EXPECT_EQ(scope_of("fe80::1%-99999999999999999999"), 0u);
}
#endif

// Text ends at its first NUL in every overload (as in Asio, which parses a C string): a NUL
// in the scope ends the scope, one before '%' leaves no scope.
TEST(AddressV6ParsePrintScope, TextEndsAtTheFirstNul) {
  using namespace std::string_literals;
  const struct {
    std::string text;
    const char* address;
    ringport::ip::scope_id_type scope;
  } cases[] = {{"::1\0junk"s, "::1", 0},          {"2001:db8::1\0"s, "2001:db8::1", 0},
               {"fe80::1%5\0009"s, "fe80::1", 5}, {"fe80::1%\0009"s, "fe80::1", 0},
               {"fe80::1\0%5"s, "fe80::1", 0},    {"2001:db8::1% 42\0-1"s, "2001:db8::1", 42},
               {"fe80::1%lo\0x"s, "fe80::1", 0},  {"::1\0"s + std::string(100, ':'), "::1", 0}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.text));
    address_v6 expected = ringport::ip::make_address_v6(c.address);
    // The interface lo, where there is one, for "%lo".
    expected.scope_id(c.text.find("%lo") != std::string::npos
                          ? ringport::ip::make_address_v6("fe80::1%lo").scope_id()
                          : c.scope);
    ringport::error_code ec = ringport::error::invalid_argument;
    EXPECT_EQ(ringport::ip::make_address_v6(c.text, ec), expected);
    EXPECT_FALSE(ec);
    ec = ringport::error::invalid_argument;
    EXPECT_EQ(ringport::ip::make_address_v6(std::string_view(c.text), ec), expected);
    EXPECT_FALSE(ec);
    EXPECT_EQ(ringport::ip::make_address_v6(c.text), expected);
    EXPECT_EQ(ringport::ip::make_address_v6(std::string_view(c.text)), expected);
    EXPECT_EQ(ringport::ip::make_address_v6(c.text.c_str()), expected);
  }
}

TEST(AddressV6ParsePrintScope, ScopeIdCanBeSetAndIsPartOfTheValue) {
  address_v6 addr = ringport::ip::make_address_v6("fe80::2");
  addr.scope_id(4000001);
  EXPECT_EQ(addr.scope_id(), 4000001u);
  EXPECT_EQ(addr.to_string(), "fe80::2%4000001");
  EXPECT_NE(addr, ringport::ip::make_address_v6("fe80::2"));
  addr.scope_id(0);
  EXPECT_EQ(addr.to_string(), "fe80::2");
}

TEST(AddressV6ParsePrintScope, UnknownScopeNameGivesScopeZeroAsAsio) {
  // Asio falls back to atoi() for a name the OS does not know: no error, scope 0.
  ringport::error_code ec;
  const address_v6 addr = ringport::ip::make_address_v6("fe80::1%no-such-interface0", ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(addr.scope_id(), 0u);
  EXPECT_EQ(addr.to_string(), "fe80::1");
}

// Linux only: Windows (as Asio there) has no interface names in scopes; see below.
#if defined(__linux__)
TEST(AddressV6ParsePrintScope, LinkLocalScopeUsesInterfaceNames) {
  const unsigned index = ::if_nametoindex("lo");
  if (index == 0) GTEST_SKIP() << "no loopback interface named lo";
  const address_v6 addr = ringport::ip::make_address_v6("fe80::1%lo");
  EXPECT_EQ(addr.scope_id(), index);
  EXPECT_EQ(addr.to_string(), "fe80::1%lo");
  // A numeric scope that names an interface prints as the name for link-local addresses.
  EXPECT_EQ(ringport::ip::make_address_v6("fe80::1%" + std::to_string(index)).to_string(),
            "fe80::1%lo");
  EXPECT_EQ(ringport::ip::make_address_v6("ff02::1%lo").scope_id(), index);
  // Link-local is fe80::/10; multicast link-local is any ffX2:: (flags in the other nibble).
  EXPECT_EQ(ringport::ip::make_address_v6("febf::1%lo").scope_id(), index);
  EXPECT_EQ(ringport::ip::make_address_v6("ff12::1%lo").scope_id(), index);
  EXPECT_EQ(ringport::ip::make_address_v6("fec0::1%lo").scope_id(), 0u);
  EXPECT_EQ(ringport::ip::make_address_v6("ff05::1%lo").scope_id(), 0u);
  // A name the OS does not know is read as a number.
  EXPECT_EQ(ringport::ip::make_address_v6("fe80::1% 12lo").scope_id(), 12u);
  // ...but not for a global address, where the scope is just a number.
  EXPECT_EQ(ringport::ip::make_address_v6("2001:db8::1%lo").scope_id(), 0u);
}
#elif defined(_WIN32)
// Windows parses and prints every scope as a number, link-local ones too; a name is not
// looked up (Asio's atoi() fallback gives scope 0).
TEST(AddressV6ParsePrintScope, LinkLocalScopeIsNumeric) {
  const address_v6 addr = ringport::ip::make_address_v6("fe80::1%3");
  EXPECT_EQ(addr.scope_id(), 3u);
  EXPECT_EQ(addr.to_string(), "fe80::1%3");
  EXPECT_EQ(ringport::ip::make_address_v6("ff02::1%7").to_string(), "ff02::1%7");
  EXPECT_EQ(ringport::ip::make_address_v6("fe80::1%lo").scope_id(), 0u);
}
#endif

TEST(AddressV6ParsePrintScope, V4MappedConversions) {
  const address_v4 v4 = ringport::ip::make_address_v4("192.0.2.1");
  const address_v6 mapped = ringport::ip::make_address_v6(ringport::ip::v4_mapped, v4);
  EXPECT_TRUE(mapped.is_v4_mapped());
  EXPECT_EQ(mapped, ringport::ip::make_address_v6("::ffff:192.0.2.1"));
  EXPECT_EQ(ringport::ip::make_address_v4(ringport::ip::v4_mapped, mapped), v4);
  EXPECT_THROW(ringport::ip::make_address_v4(ringport::ip::v4_mapped, address_v6::loopback()),
               ringport::ip::bad_address_cast);
  try {
    ringport::ip::make_address_v4(ringport::ip::v4_mapped, address_v6::any());
    FAIL() << "expected bad_address_cast";
  } catch (const std::bad_cast& e) {  // bad_address_cast is a bad_cast, as in Asio
    EXPECT_STREQ(e.what(), "bad address cast");
  }
}

TEST(AddressV6ParsePrintScope, StreamsTextWithScope) {
  std::ostringstream out;
  out << ringport::ip::make_address_v6("2001:db8::5%9");
  EXPECT_EQ(out.str(), "2001:db8::5%9");
}

}  // namespace address_v6_parse_print_scope_test
