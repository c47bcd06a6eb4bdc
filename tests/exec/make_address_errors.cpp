// Malformed text: the error_code overloads report error::invalid_argument and return the
// unspecified address; the other overloads throw system_error with that code.
#include <gtest/gtest.h>

#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"

#include <string>
#include <string_view>

namespace make_address_errors_test {

const char* const bad_v4[] = {"",
                              "1.2.3",
                              "1.2.3.4.5",
                              "256.0.0.1",
                              "1.2.3.-4",
                              "a.b.c.d",
                              "1.2.3.4 ",
                              " 1.2.3.4",
                              "1..2.3",
                              "::1",
                              "1.2.3.4%1",
                              "1.2.3.4:80",
                              "0x1.2.3.4",
                              "1.2.3.4/24",
                              "1234.1.1.1",
                              "localhost",
                              "999999999999999999999.1.1.1"};

const char* const bad_v6[] = {"",
                              ":",
                              ":::",
                              "1::2::3",
                              "2001:db8::g",
                              "12345::",
                              "1.2.3.4",
                              "[::1]",
                              "::1 ",
                              "%1",
                              "fe80:1",
                              "1:2:3:4:5:6:7:8:9",
                              "::ffff:1.2.3.256",
                              "2001:db8:0000:0000:0000:0000:0000:0000:0000:0000:0000:0001"};

TEST(MakeAddressErrors, V4ErrorCodeOverloads) {
  for (const char* text : bad_v4) {
    SCOPED_TRACE(text);
    ringport::error_code ec;
    const auto addr = ringport::ip::make_address_v4(text, ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    EXPECT_TRUE(addr.is_unspecified());
    ec.clear();
    ringport::ip::make_address_v4(std::string(text), ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    ringport::ip::make_address_v4(std::string_view(text), ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
  }
}

TEST(MakeAddressErrors, V6ErrorCodeOverloads) {
  for (const char* text : bad_v6) {
    SCOPED_TRACE(text);
    ringport::error_code ec;
    const auto addr = ringport::ip::make_address_v6(text, ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    EXPECT_TRUE(addr.is_unspecified());
    EXPECT_EQ(addr.scope_id(), 0u);
  }
}

TEST(MakeAddressErrors, AddressRejectsWhatBothVersionsReject) {
  for (const char* text : {"", "1.2.3", "1::2::3", "[::1]", "hostname.example", "1.2.3.4%1"}) {
    SCOPED_TRACE(text);
    ringport::error_code ec;
    const auto addr = ringport::ip::make_address(text, ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    EXPECT_TRUE(addr.is_v4());
    EXPECT_TRUE(addr.is_unspecified());
  }
  // And accepts what either accepts, clearing a stale error.
  ringport::error_code ec = ringport::error::invalid_argument;
  EXPECT_TRUE(ringport::ip::make_address("1.2.3.4", ec).is_v4());
  EXPECT_FALSE(ec);
  ec = ringport::error::invalid_argument;
  EXPECT_TRUE(ringport::ip::make_address("fe80::1%5", ec).is_v6());
  EXPECT_FALSE(ec);
}

// Checks that `make` throws system_error carrying invalid_argument.
template <typename Make>
void expect_invalid_argument_thrown(Make make) {
  try {
    make();
    ADD_FAILURE() << "expected system_error";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::invalid_argument);
  }
}

TEST(MakeAddressErrors, ThrowingOverloadsThrowSystemError) {
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v4("1.2.3"); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v4(std::string("x")); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v4(std::string_view("")); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v6("1::2::3"); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v6(std::string("g::")); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address_v6(std::string_view(":")); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address("300.1.1.1"); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address(std::string("::1::")); });
  expect_invalid_argument_thrown([] { ringport::ip::make_address(std::string_view("[::]")); });
  EXPECT_NO_THROW(ringport::ip::make_address(std::string_view("::")));
}

// Text ends at its first NUL in every overload, as in Asio: what is left decides, so an empty
// or wrong-version prefix is an error whatever follows the NUL.
TEST(MakeAddressErrors, TextEndsAtTheFirstNul) {
  using namespace std::string_literals;
  for (const std::string& text : {"\0"s, "\0001.2.3.4"s, "\0::1"s, "1.2.\0003.4"s, "fe80:\0:1"s}) {
    SCOPED_TRACE(testing::PrintToString(text));
    ringport::error_code ec;
    EXPECT_TRUE(ringport::ip::make_address(text, ec).is_unspecified());
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    ringport::ip::make_address(std::string_view(text), ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    ringport::ip::make_address_v4(text, ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    ec.clear();
    ringport::ip::make_address_v6(std::string_view(text), ec);
    EXPECT_EQ(ec, ringport::error::invalid_argument);
    expect_invalid_argument_thrown([&] { ringport::ip::make_address(text); });
    expect_invalid_argument_thrown([&] { ringport::ip::make_address_v6(std::string_view(text)); });
  }
  ringport::error_code ec;
  ringport::ip::make_address_v6("1.2.3.4\0::1"s, ec);
  EXPECT_EQ(ec, ringport::error::invalid_argument);
  ringport::ip::make_address_v4("::1\0001.2.3.4"s, ec);
  EXPECT_EQ(ec, ringport::error::invalid_argument);
  // make_address takes whichever version the prefix is.
  EXPECT_EQ(ringport::ip::make_address("1.2.3.4\0junk"s, ec),
            ringport::ip::make_address("1.2.3.4"));
  EXPECT_FALSE(ec);
  EXPECT_EQ(ringport::ip::make_address(std::string_view("fe80::1%5\0%6"s)),
            ringport::ip::make_address("fe80::1%5"));
  EXPECT_EQ(ringport::ip::make_address(std::string_view("::1\0001.2.3.4"s)),
            ringport::ip::make_address("::1"));
}

}  // namespace make_address_errors_test
