// address_v4: text round trips, the integer and byte views, and the named addresses.
#include <gtest/gtest.h>

#include "ringport/error.hpp"
#include "ringport/ip/address_v4.hpp"

#include <sstream>
#include <string>
#include <string_view>

namespace address_v4_parse_print_test {

using ringport::ip::address_v4;

TEST(AddressV4ParsePrint, TextRoundTrips) {
  for (const char* text : {"0.0.0.0", "127.0.0.1", "192.0.2.33", "10.1.2.3", "255.255.255.255",
                           "224.0.0.251", "1.2.3.4"}) {
    const address_v4 addr = ringport::ip::make_address_v4(text);
    EXPECT_EQ(addr.to_string(), text);
    EXPECT_EQ(ringport::ip::make_address_v4(addr.to_string()), addr);
  }
}

TEST(AddressV4ParsePrint, UintIsHostOrderAndBytesAreNetworkOrder) {
  const address_v4 addr = ringport::ip::make_address_v4("192.0.2.1");
  EXPECT_EQ(addr.to_uint(), 0xC0000201u);
  const address_v4::bytes_type expected{192, 0, 2, 1};
  EXPECT_EQ(addr.to_bytes(), expected);
  EXPECT_EQ(address_v4(expected), addr);
  EXPECT_EQ(address_v4(address_v4::uint_type{0xC0000201}), addr);
  EXPECT_EQ(ringport::ip::make_address_v4(expected), addr);
  EXPECT_EQ(ringport::ip::make_address_v4(address_v4::uint_type{0xC0000201}), addr);
}

// Text ends at its first NUL in every overload (as in Asio, which parses a C string).
TEST(AddressV4ParsePrint, TextEndsAtTheFirstNul) {
  using namespace std::string_literals;
  const address_v4 expected = ringport::ip::make_address_v4("1.2.3.4");
  for (const std::string& text :
       {"1.2.3.4\0"s, "1.2.3.4\0junk"s, "1.2.3.4\0\0005"s, "1.2.3.4\0"s + std::string(100, '9')}) {
    SCOPED_TRACE(testing::PrintToString(text));
    ringport::error_code ec = ringport::error::invalid_argument;
    EXPECT_EQ(ringport::ip::make_address_v4(text, ec), expected);
    EXPECT_FALSE(ec);
    ec = ringport::error::invalid_argument;
    EXPECT_EQ(ringport::ip::make_address_v4(std::string_view(text), ec), expected);
    EXPECT_FALSE(ec);
    EXPECT_EQ(ringport::ip::make_address_v4(text), expected);
    EXPECT_EQ(ringport::ip::make_address_v4(std::string_view(text)), expected);
    EXPECT_EQ(ringport::ip::make_address_v4(text.c_str()), expected);
  }
}

TEST(AddressV4ParsePrint, NamedAddresses) {
  EXPECT_EQ(address_v4().to_string(), "0.0.0.0");
  EXPECT_EQ(address_v4::any().to_string(), "0.0.0.0");
  EXPECT_EQ(address_v4::loopback().to_string(), "127.0.0.1");
  EXPECT_EQ(address_v4::broadcast().to_string(), "255.255.255.255");
  EXPECT_EQ(address_v4::loopback().to_uint(), 0x7F000001u);
  static_assert(address_v4::broadcast().to_uint() == 0xFFFFFFFFu, "usable at compile time");
}

TEST(AddressV4ParsePrint, OverloadsAgree) {
  const std::string text = "198.51.100.7";
  ringport::error_code ec = ringport::error::would_block;  // must be cleared on success
  EXPECT_EQ(ringport::ip::make_address_v4(text, ec).to_string(), text);
  EXPECT_FALSE(ec);
  ec = ringport::error::would_block;
  EXPECT_EQ(ringport::ip::make_address_v4(std::string_view(text), ec).to_string(), text);
  EXPECT_FALSE(ec);
  ec = ringport::error::would_block;
  EXPECT_EQ(ringport::ip::make_address_v4(text.c_str(), ec).to_string(), text);
  EXPECT_FALSE(ec);
  EXPECT_EQ(ringport::ip::make_address_v4(std::string_view("198.51.100.7xyz").substr(0, 12)),
            ringport::ip::make_address_v4(text));
}

TEST(AddressV4ParsePrint, StreamsText) {
  std::ostringstream out;
  out << ringport::ip::make_address_v4("203.0.113.9");
  EXPECT_EQ(out.str(), "203.0.113.9");
  std::wostringstream wide;
  wide << address_v4::loopback();
  EXPECT_EQ(wide.str(), L"127.0.0.1");
}

}  // namespace address_v4_parse_print_test
