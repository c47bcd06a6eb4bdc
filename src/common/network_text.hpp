// Text conversions shared by network_v4 and network_v6: "address/prefix" parsing and
// formatting, written once over the network type. Private to the library.
#pragma once

#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <string>
#include <string_view>

namespace ringport::detail {

// The prefix length after the '/': decimal digits only, at least one (leading zeros are fine,
// as atoi reads them). Returns a value above `max_length` for anything else; the digits
// saturate rather than wrap, so an overlong number is too large instead of a small one.
inline unsigned network_prefix_length(std::string_view digits, unsigned max_length) noexcept {
  if (digits.empty()) return max_length + 1;
  unsigned value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return max_length + 1;
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > max_length) value = max_length + 1;
  }
  return value;
}

// Traits name what differs between the families: `network`, `max_prefix`, the throwing
// parser's name `location`, and a noexcept `parse_address(std::string_view, error_code&)`.
template <class Traits>
std::string network_to_string(const typename Traits::network& net) {
  std::string text = net.address().to_string();
  text += '/';
  text += std::to_string(net.prefix_length());
  return text;
}

template <class Traits>
typename Traits::network parse_network(std::string_view str, error_code& ec) noexcept {
  using network = typename Traits::network;
  // The whole text is searched, NULs included (a NUL in the address part ends the address when
  // the address parser reads it; one in the prefix is a non-digit), as Asio reads a std::string.
  const std::size_t slash = str.find('/');
  if (slash == std::string_view::npos) {
    ec = error::invalid_argument;
    return network();
  }
  const unsigned prefix_len = network_prefix_length(str.substr(slash + 1), Traits::max_prefix);
  if (prefix_len > Traits::max_prefix) {
    ec = error::invalid_argument;
    return network();
  }
  const auto addr = Traits::parse_address(str.substr(0, slash), ec);
  if (ec) return network();
  return network(addr, static_cast<unsigned short>(prefix_len));
}

template <class Traits>
typename Traits::network parse_network(std::string_view str) {
  error_code ec;
  const typename Traits::network net = parse_network<Traits>(str, ec);
  throw_error(ec, Traits::location);
  return net;
}

}  // namespace ringport::detail
