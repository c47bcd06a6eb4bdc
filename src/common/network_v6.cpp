// network_v6 text conversions: "address/prefix" in both directions.
#include "ringport/ip/network_v6.hpp"

#include "network_text.hpp"

namespace ringport::ip {

namespace {

struct v6_text {
  using network = network_v6;
  static constexpr unsigned max_prefix = 128;
  static constexpr const char* location = "make_network_v6";
  static address_v6 parse_address(std::string_view text, error_code& ec) noexcept {
    return make_address_v6(text, ec);
  }
};

}  // namespace

std::string network_v6::to_string() const {
  return detail::network_to_string<v6_text>(*this);
}

std::string network_v6::to_string(error_code& ec) const {
  ec = error_code();
  return to_string();
}

network_v6 make_network_v6(std::string_view str, error_code& ec) noexcept {
  return detail::parse_network<v6_text>(str, ec);
}
network_v6 make_network_v6(std::string_view str) {
  return detail::parse_network<v6_text>(str);
}
network_v6 make_network_v6(const char* str, error_code& ec) noexcept {
  return detail::parse_network<v6_text>(str, ec);
}
network_v6 make_network_v6(const char* str) {
  return detail::parse_network<v6_text>(str);
}
network_v6 make_network_v6(const std::string& str, error_code& ec) noexcept {
  return detail::parse_network<v6_text>(str, ec);
}
network_v6 make_network_v6(const std::string& str) {
  return detail::parse_network<v6_text>(str);
}

}  // namespace ringport::ip
