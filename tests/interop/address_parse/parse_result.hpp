// What one parser made of one text, in a form both sides of the address-parsing differential
// test can fill: the Asio side (parse_asio.cpp) and the ringport side (parse_ringport.cpp) are
// compiled apart, so no file sees both libraries' headers.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace address_parse_interop {

enum class parser { address, address_v4, address_v6 };

struct parse_result {
  int error = 0;                          // the error_code's value; 0 when the text parsed
  int version = 0;                        // 4 or 6 when the text parsed
  std::array<unsigned char, 16> bytes{};  // an IPv4 address fills the first four
  std::uint32_t scope_id = 0;

  friend bool operator==(const parse_result&, const parse_result&) = default;
};

// The function under test as its std::string overload with an error_code sees `text`.
parse_result parse_with_asio(parser which, const std::string& text);

// ringport's answers through its overloads: the error_code forms taking std::string,
// std::string_view and const char* (text.c_str()), then, when `throwing`, the three that throw.
// Returns how many results it filled in.
inline constexpr int ringport_overloads = 6;
extern const char* const ringport_overload_names[ringport_overloads];
int parse_with_ringport(parser which, const std::string& text, bool throwing,
                        parse_result (&results)[ringport_overloads]);

std::string describe(const parse_result& result);

}  // namespace address_parse_interop
