// network_v4 text conversions: "address/prefix" in both directions.
#include "ringport/ip/network_v4.hpp"

#include "network_text.hpp"

namespace ringport::ip {

namespace {

struct v4_text {
  using network = network_v4;
  static constexpr unsigned max_prefix = 32;
  static constexpr const char* location = "make_network_v4";
  static address_v4 parse_address(std::string_view text, error_code& ec) noexcept {
    return make_address_v4(text, ec);
  }
};

}  // namespace

std::string network_v4::to_string() const {
  return detail::network_to_string<v4_text>(*this);
}

std::string network_v4::to_string(error_code& ec) const {
  ec = error_code();
  return to_string();
}

network_v4 make_network_v4(std::string_view str, error_code& ec) noexcept {
  return detail::parse_network<v4_text>(str, ec);
}
network_v4 make_network_v4(std::string_view str) {
  return detail::parse_network<v4_text>(str);
}
network_v4 make_network_v4(const char* str, error_code& ec) noexcept {
  return detail::parse_network<v4_text>(str, ec);
}
network_v4 make_network_v4(const char* str) {
  return detail::parse_network<v4_text>(str);
}
network_v4 make_network_v4(const std::string& str, error_code& ec) noexcept {
  return detail::parse_network<v4_text>(str, ec);
}
network_v4 make_network_v4(const std::string& str) {
  return detail::parse_network<v4_text>(str);
}

}  // namespace ringport::ip
