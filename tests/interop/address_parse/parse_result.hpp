// What one parser made of one text, in a form both sides of the address-parsing differential
// test can fill: the Asio side (parse_asio.cpp) and the ringport side (parse_ringport.cpp) are
// compiled apart, so no file sees both libraries' headers.
#pragma once

#include <array>
#include <cstddef>
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

// Either library's address types: both have to_bytes(), and scope_id() for IPv6.
template <typename AddressV4>
parse_result result_of_v4(const AddressV4& addr) {
  parse_result result;
  result.version = 4;
  const auto bytes = addr.to_bytes();
  for (std::size_t i = 0; i < bytes.size(); ++i)
    result.bytes[i] = bytes[i];
  return result;
}

template <typename AddressV6>
parse_result result_of_v6(const AddressV6& addr) {
  parse_result result = result_of_v4(addr);
  result.version = 6;
  result.scope_id = static_cast<std::uint32_t>(addr.scope_id());
  return result;
}

template <typename Address>
parse_result result_of(const Address& addr) {
  return addr.is_v4() ? result_of_v4(addr.to_v4()) : result_of_v6(addr.to_v6());
}

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
