// make_address: either version from text.
#include "ringport/ip/address.hpp"

#include "ringport/error.hpp"

namespace ringport::ip {

address make_address(std::string_view str, error_code& ec) noexcept {
  // IPv6 first, as Asio: a string can be valid for at most one of the two parsers anyway.
  const address_v6 v6 = make_address_v6(str, ec);
  if (!ec) return address(v6);
  const address_v4 v4 = make_address_v4(str, ec);
  if (!ec) return address(v4);
  return address();
}

address make_address(std::string_view str) {
  error_code ec;
  const address addr = make_address(str, ec);
  detail::throw_error(ec, "make_address");
  return addr;
}

address make_address(const char* str, error_code& ec) noexcept {
  return make_address(std::string_view(str), ec);
}
address make_address(const char* str) {
  return make_address(std::string_view(str));
}
address make_address(const std::string& str, error_code& ec) noexcept {
  return make_address(std::string_view(str), ec);
}
address make_address(const std::string& str) {
  return make_address(std::string_view(str));
}

}  // namespace ringport::ip
