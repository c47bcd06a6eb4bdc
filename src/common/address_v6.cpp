// address_v6 text conversions: the OS parses and prints the address itself
// (detail/address_text.hpp); the "%scope" suffix follows Asio's rules here, the same on every OS.
#include "ringport/ip/address_v6.hpp"

#include "ringport/detail/address_text.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/bad_address_cast.hpp"

#include <cstring>

namespace ringport::ip {

namespace {

// Interface names are resolved only for link-local addresses, the ones a scope qualifies in
// practice (as Asio does); other scopes are numbers.
bool scope_is_an_interface(const address_v6& addr) {
  return addr.is_link_local() || addr.is_multicast_link_local();
}

// The scope after '%': an interface name the OS resolves, else the leading decimal digits.
// Like Asio (which falls back to atoi), text that is neither gives scope 0 rather than an error.
scope_id_type parse_scope(std::string_view text, bool resolve_names) {
  if (resolve_names && !text.empty() && text.find('\0') == std::string_view::npos) {
    const std::string name(text);
    if (const std::uint32_t index = detail::interface_index(name.c_str()); index != 0) {
      return index;
    }
  }
  scope_id_type scope = 0;
  for (char c : text) {
    if (c < '0' || c > '9') break;
    scope = static_cast<scope_id_type>(scope * 10 + static_cast<scope_id_type>(c - '0'));
  }
  return scope;
}

}  // namespace

std::string address_v6::to_string() const {
  std::string text = detail::format_ipv6_text(bytes_);
  if (scope_id_ != 0) {
    std::string scope;
    if (scope_is_an_interface(*this)) scope = detail::interface_name(scope_id_);
    if (scope.empty()) scope = std::to_string(scope_id_);
    text += '%';
    text += scope;
  }
  return text;
}

address_v6 make_address_v6(std::string_view str, error_code& ec) noexcept {
  try {
    const std::size_t percent = str.find('%');
    const std::string_view literal = str.substr(0, percent);
    // The longest IPv6 literal ("ffff:...:255.255.255.255") is 45 characters; an embedded NUL
    // would make the OS see only a prefix.
    char text[64];
    address_v6::bytes_type bytes{};
    if (literal.size() >= sizeof(text) || literal.find('\0') != std::string_view::npos) {
      ec = error::invalid_argument;
      return address_v6();
    }
    std::memcpy(text, literal.data(), literal.size());
    text[literal.size()] = '\0';
    if (!detail::parse_ipv6_text(text, bytes)) {
      ec = error::invalid_argument;
      return address_v6();
    }
    address_v6 addr(bytes);
    if (percent != std::string_view::npos) {
      addr.scope_id(parse_scope(str.substr(percent + 1), scope_is_an_interface(addr)));
    }
    ec = error_code();
    return addr;
  } catch (const std::bad_alloc&) {
    // Only an interface name's copy allocates.
    ec = error::no_memory;
    return address_v6();
  }
}

address_v6 make_address_v6(std::string_view str) {
  error_code ec;
  const address_v6 addr = make_address_v6(str, ec);
  detail::throw_error(ec, "make_address_v6");
  return addr;
}

address_v6 make_address_v6(const char* str, error_code& ec) noexcept {
  return make_address_v6(std::string_view(str), ec);
}
address_v6 make_address_v6(const char* str) {
  return make_address_v6(std::string_view(str));
}
address_v6 make_address_v6(const std::string& str, error_code& ec) noexcept {
  return make_address_v6(std::string_view(str), ec);
}
address_v6 make_address_v6(const std::string& str) {
  return make_address_v6(std::string_view(str));
}

address_v4 make_address_v4(v4_mapped_t, const address_v6& v6_addr) {
  if (!v6_addr.is_v4_mapped()) throw bad_address_cast();
  const address_v6::bytes_type v6 = v6_addr.to_bytes();
  return address_v4(address_v4::bytes_type{v6[12], v6[13], v6[14], v6[15]});
}

}  // namespace ringport::ip
