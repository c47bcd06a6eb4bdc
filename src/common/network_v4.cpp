// network_v4 text conversions: "address/prefix" in both directions.
#include "ringport/ip/network_v4.hpp"

#include "ringport/error.hpp"

namespace ringport::ip {

namespace {

// The prefix length after the '/': decimal digits only, at least one (leading zeros are fine,
// as atoi reads them). Returns a value above `max_length` for anything else; the digits
// saturate rather than wrap, so an overlong number is too large instead of a small one.
unsigned prefix_length_value(std::string_view digits, unsigned max_length) noexcept {
  if (digits.empty()) return max_length + 1;
  unsigned value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return max_length + 1;
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > max_length) value = max_length + 1;
  }
  return value;
}

}  // namespace

std::string network_v4::to_string() const {
  std::string text = address_.to_string();
  text += '/';
  text += std::to_string(prefix_length_);
  return text;
}

std::string network_v4::to_string(error_code& ec) const {
  ec = error_code();
  return to_string();
}

network_v4 make_network_v4(std::string_view str, error_code& ec) noexcept {
  // The whole text is searched, NULs included (a NUL in the address part ends the address when
  // make_address_v4 reads it; one in the prefix is a non-digit), as Asio reads a std::string.
  const std::size_t slash = str.find('/');
  if (slash == std::string_view::npos) {
    ec = error::invalid_argument;
    return network_v4();
  }
  const unsigned prefix_len = prefix_length_value(str.substr(slash + 1), 32);
  if (prefix_len > 32) {
    ec = error::invalid_argument;
    return network_v4();
  }
  const address_v4 addr = make_address_v4(str.substr(0, slash), ec);
  if (ec) return network_v4();
  return network_v4(addr, static_cast<unsigned short>(prefix_len));
}

network_v4 make_network_v4(std::string_view str) {
  error_code ec;
  const network_v4 net = make_network_v4(str, ec);
  detail::throw_error(ec, "make_network_v4");
  return net;
}

network_v4 make_network_v4(const char* str, error_code& ec) noexcept {
  return make_network_v4(std::string_view(str), ec);
}
network_v4 make_network_v4(const char* str) {
  return make_network_v4(std::string_view(str));
}
network_v4 make_network_v4(const std::string& str, error_code& ec) noexcept {
  return make_network_v4(std::string_view(str), ec);
}
network_v4 make_network_v4(const std::string& str) {
  return make_network_v4(std::string_view(str));
}

}  // namespace ringport::ip
