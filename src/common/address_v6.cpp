// address_v6 text conversions: the OS parses and prints the address itself
// (detail/address_text.hpp); the "%scope" suffix follows Asio's rules here, the same on every OS.
#include "ringport/ip/address_v6.hpp"

#include "ringport/detail/address_text.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/bad_address_cast.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace ringport::ip {

namespace {

// Interface names are resolved only for link-local addresses, the ones a scope qualifies in
// practice (as Asio does); other scopes are numbers.
bool scope_is_an_interface(const address_v6& addr) {
  return addr.is_link_local() || addr.is_multicast_link_local();
}

// Which integer type the scope's number saturates in before it is cut to 32 bits.
#if defined(_WIN32)
// Asio on Windows hands the whole text to WSAStringToAddress, so there is no C library rule to
// follow there; Windows' long is 32 bits, so the 64-bit Linux range is kept instead, and a
// given text gives the same scope id on both.
using scope_number_type = std::int64_t;
#else
// Asio on POSIX reads the number with atoi(), which glibc implements as (int)strtol(): the
// value saturates at the range of long, and the int (later the 32-bit scope id) keeps its low
// 32 bits.
using scope_number_type = long;
#endif

// strtol's white space in the "C" locale.
constexpr bool is_c_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// The number atoi() would read from `text`: leading white space, an optional sign, then decimal
// digits up to the first other character; 0 when there are none. Written out because `text` is
// not NUL-terminated. Out-of-range values saturate at scope_number_type's bounds; the result is
// the low 32 bits of the two's-complement value (-1 gives 4294967295, as in Asio).
scope_id_type scope_number(std::string_view text) noexcept {
  using unsigned_type = std::make_unsigned_t<scope_number_type>;
  std::size_t i = 0;
  while (i < text.size() && is_c_space(text[i]))
    ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  // The magnitude may reach one past the maximum when negative (the minimum value).
  const unsigned_type limit =
      static_cast<unsigned_type>(std::numeric_limits<scope_number_type>::max()) +
      (negative ? 1u : 0u);
  unsigned_type magnitude = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    const auto digit = static_cast<unsigned_type>(text[i] - '0');
    magnitude = magnitude > (limit - digit) / 10 ? limit : magnitude * 10 + digit;
  }
  const unsigned_type value = negative ? unsigned_type{0} - magnitude : magnitude;
  return static_cast<scope_id_type>(static_cast<std::uint32_t>(value));
}

// The scope after '%': for a link-local address, an interface name the OS resolves; failing
// that, the number scope_number() reads. Like Asio, text that is neither gives scope 0 rather
// than an error.
scope_id_type parse_scope(std::string_view text, bool resolve_names) {
  if (resolve_names) {
    const std::string name(text);
    if (const std::uint32_t index = detail::interface_index(name.c_str()); index != 0) {
      return index;
    }
  }
  return scope_number(text);
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
    // Every overload's text ends at its first NUL, as a C string's would (Asio parses each
    // overload's argument as one); the scope too ends there.
    str = str.substr(0, str.find('\0'));
    const std::size_t percent = str.find('%');
    const std::string_view literal = str.substr(0, percent);
    // The longest IPv6 literal ("ffff:...:255.255.255.255") is 45 characters.
    char text[64];
    address_v6::bytes_type bytes{};
    if (literal.size() >= sizeof(text)) {
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
