// address_v4 text conversions; the OS parses and prints (detail/address_text.hpp).
#include "ringport/ip/address_v4.hpp"

#include "ringport/detail/address_text.hpp"
#include "ringport/error.hpp"

#include <cstring>

namespace ringport::ip {

std::string address_v4::to_string() const {
  return detail::format_ipv4_text(bytes_);
}

address_v4 make_address_v4(std::string_view str, error_code& ec) noexcept {
  // Every overload's text ends at its first NUL, as a C string's would (Asio parses each
  // overload's argument as one).
  str = str.substr(0, str.find('\0'));
  // The longest dotted quad is 15 characters; a longer string cannot be one.
  char text[16];
  address_v4::bytes_type bytes{};
  if (str.size() >= sizeof(text)) {
    ec = error::invalid_argument;
    return address_v4();
  }
  std::memcpy(text, str.data(), str.size());
  text[str.size()] = '\0';
  if (!detail::parse_ipv4_text(text, bytes)) {
    ec = error::invalid_argument;
    return address_v4();
  }
  ec = error_code();
  return address_v4(bytes);
}

address_v4 make_address_v4(std::string_view str) {
  error_code ec;
  const address_v4 addr = make_address_v4(str, ec);
  detail::throw_error(ec, "make_address_v4");
  return addr;
}

address_v4 make_address_v4(const char* str, error_code& ec) noexcept {
  return make_address_v4(std::string_view(str), ec);
}
address_v4 make_address_v4(const char* str) {
  return make_address_v4(std::string_view(str));
}
address_v4 make_address_v4(const std::string& str, error_code& ec) noexcept {
  return make_address_v4(std::string_view(str), ec);
}
address_v4 make_address_v4(const std::string& str) {
  return make_address_v4(std::string_view(str));
}

}  // namespace ringport::ip
