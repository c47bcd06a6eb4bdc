// An IPv6 address as a value: sixteen bytes in network order plus a scope id (the interface
// index that qualifies a link-local address). Parsing and printing, with the "%scope" suffix,
// go through the OS (src/common/address_v6.cpp); the predicates are inline.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/bad_address_cast.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace ringport::ip {

/// The type of an IPv6 address's scope id.
using scope_id_type = std::uint_least32_t;

/// An IPv6 address with its scope id (Asio's ip::address_v6).
class RINGPORT_DECL address_v6 {
 public:
  /// The address in network byte order, 16 bytes.
  using bytes_type = std::array<unsigned char, 16>;

  /// @name Construction
  //@{
  /// The unspecified address `::`, or the address of `bytes` with a scope id.
  constexpr address_v6() noexcept = default;
  constexpr explicit address_v6(const bytes_type& bytes, scope_id_type scope_id = 0) noexcept
      : bytes_(bytes), scope_id_(scope_id) {}

  //@}
  /// @name Scope id
  //@{
  /// The scope id (the interface of a link-local address), and setting it.
  constexpr scope_id_type scope_id() const noexcept { return scope_id_; }
  constexpr void scope_id(scope_id_type id) noexcept { scope_id_ = id; }

  //@}
  /// The address's bytes, in network byte order.
  constexpr bytes_type to_bytes() const noexcept { return bytes_; }
  /// RFC 5952-style text from the OS, plus "%scope" when the scope id is set: an interface
  /// name for link-local addresses where the OS can name the interface, else the number.
  std::string to_string() const;

  /// \::1
  constexpr bool is_loopback() const noexcept { return zero_prefix(15) && bytes_[15] == 1; }
  /// \::
  constexpr bool is_unspecified() const noexcept { return zero_prefix(16); }
  /// fe80::/10
  constexpr bool is_link_local() const noexcept {
    return bytes_[0] == 0xFE && (bytes_[1] & 0xC0) == 0x80;
  }
  /// fec0::/10 (deprecated by RFC 3879, still reported as Asio does)
  constexpr bool is_site_local() const noexcept {
    return bytes_[0] == 0xFE && (bytes_[1] & 0xC0) == 0xC0;
  }
  /// \::ffff:0:0/96
  constexpr bool is_v4_mapped() const noexcept {
    return zero_prefix(10) && bytes_[10] == 0xFF && bytes_[11] == 0xFF;
  }
  /// @name Multicast
  //@{
  /// ff00::/8, and by the scope nibble of the second byte:
  constexpr bool is_multicast() const noexcept { return bytes_[0] == 0xFF; }
  constexpr bool is_multicast_global() const noexcept { return multicast_scope(0x0E); }
  constexpr bool is_multicast_link_local() const noexcept { return multicast_scope(0x02); }
  constexpr bool is_multicast_node_local() const noexcept { return multicast_scope(0x01); }
  constexpr bool is_multicast_org_local() const noexcept { return multicast_scope(0x08); }
  constexpr bool is_multicast_site_local() const noexcept { return multicast_scope(0x05); }

//@}
#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated
  //@{
  /// Asio's deprecated members: IPv4-compatible addresses (\::a.b.c.d, obsoleted by RFC 4291)
  /// and the older names of conversions.
  std::string to_string(error_code& ec) const {
    ec = error_code();
    return to_string();
  }
  static address_v6 from_string(const char* str);
  static address_v6 from_string(const char* str, error_code& ec) noexcept;
  static address_v6 from_string(const std::string& str);
  static address_v6 from_string(const std::string& str, error_code& ec) noexcept;
  /// \::a.b.c.d, except \:: and \::1.
  constexpr bool is_v4_compatible() const noexcept {
    return zero_prefix(12) && !(bytes_[12] == 0 && bytes_[13] == 0 && bytes_[14] == 0 &&
                                (bytes_[15] == 0 || bytes_[15] == 1));
  }
  /// The IPv4 address inside an IPv4-mapped or IPv4-compatible address; bad_address_cast
  /// for any other.
  address_v4 to_v4() const {
    if (!is_v4_mapped() && !is_v4_compatible()) throw bad_address_cast();
    return address_v4(address_v4::bytes_type{bytes_[12], bytes_[13], bytes_[14], bytes_[15]});
  }
  static constexpr address_v6 v4_mapped(const address_v4& addr) noexcept {
    const address_v4::bytes_type v4 = addr.to_bytes();
    return address_v6(
        bytes_type{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, v4[0], v4[1], v4[2], v4[3]});
  }
  static constexpr address_v6 v4_compatible(const address_v4& addr) noexcept {
    const address_v4::bytes_type v4 = addr.to_bytes();
    return address_v6(bytes_type{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, v4[0], v4[1], v4[2], v4[3]});
  }
//@}
#endif

  /// @name Well-known addresses
  //@{
  /// The unspecified address `::` and the loopback address `::1`.
  static constexpr address_v6 any() noexcept {
    return address_v6();
  }
  static constexpr address_v6 loopback() noexcept {
    bytes_type bytes{};
    bytes[15] = 1;
    return address_v6(bytes);
  }

  /// @name Comparison
  //@{
  /// Equal when bytes and scope id are; ordered by bytes, then scope id (as Asio).
  friend constexpr bool operator==(const address_v6&, const address_v6&) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(const address_v6&,
                                                    const address_v6&) noexcept = default;

  //@}
 private:
  constexpr bool zero_prefix(std::size_t count) const noexcept {
    for (std::size_t i = 0; i < count; ++i) {
      if (bytes_[i] != 0) return false;
    }
    return true;
  }
  constexpr bool multicast_scope(unsigned char scope) const noexcept {
    return bytes_[0] == 0xFF && (bytes_[1] & 0x0F) == scope;
  }

  bytes_type bytes_{};
  scope_id_type scope_id_ = 0;
};

/// The address of `bytes` with the scope id `scope_id`, as the constructor makes it.
constexpr address_v6 make_address_v6(const address_v6::bytes_type& bytes,
                                     scope_id_type scope_id = 0) noexcept {
  return address_v6(bytes, scope_id);
}

/// @name Parsing text
//@{
/// From text, optionally with "%scope": an interface name for a link-local address where the
/// OS resolves names, else a number read as C's atoi() reads one (leading white space, a sign,
/// digits up to any other character, 0 when there are none; kept to 32 bits). A bad scope is
/// never an error. The text ends at its first NUL in every overload (as in Asio). A malformed
/// address yields error::invalid_argument (and any()); the overloads without an error_code
/// throw system_error instead.
RINGPORT_DECL address_v6 make_address_v6(const char* str);
RINGPORT_DECL address_v6 make_address_v6(const char* str, error_code& ec) noexcept;
RINGPORT_DECL address_v6 make_address_v6(const std::string& str);
RINGPORT_DECL address_v6 make_address_v6(const std::string& str, error_code& ec) noexcept;
RINGPORT_DECL address_v6 make_address_v6(std::string_view str);
RINGPORT_DECL address_v6 make_address_v6(std::string_view str, error_code& ec) noexcept;
//@}

/// Tag selecting the IPv4-mapped conversions (\::ffff:a.b.c.d).
enum v4_mapped_t { v4_mapped };

/// The IPv4 address inside an IPv4-mapped IPv6 address; throws bad_address_cast for any other.
RINGPORT_DECL address_v4 make_address_v4(v4_mapped_t, const address_v6& v6_addr);
/// \::ffff:a.b.c.d
constexpr address_v6 make_address_v6(v4_mapped_t, const address_v4& v4_addr) noexcept {
  const address_v4::bytes_type v4 = v4_addr.to_bytes();
  return address_v6(
      address_v6::bytes_type{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, v4[0], v4[1], v4[2], v4[3]});
}

#if defined(RINGPORT_HAS_DEPRECATED)
// The out-of-class definitions of the deprecated from_string, documented in the class, are
// hidden from doxygen: 1.9.4 would otherwise put them in the member group above as well.
/// @cond
inline address_v6 address_v6::from_string(const char* str) {
  return make_address_v6(str);
}
inline address_v6 address_v6::from_string(const char* str, error_code& ec) noexcept {
  return make_address_v6(str, ec);
}
inline address_v6 address_v6::from_string(const std::string& str) {
  return make_address_v6(str);
}
inline address_v6 address_v6::from_string(const std::string& str, error_code& ec) noexcept {
  return make_address_v6(str, ec);
}
/// @endcond
#endif

/// Writes to_string() to `os`, as a narrow C string (so that wide streams widen the text).
template <typename Elem, typename Traits>
std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                             const address_v6& addr) {
  return os << addr.to_string().c_str();
}

}  // namespace ringport::ip

/// Hashes an IPv6 address (its bytes and scope id), so addresses can be keys of unordered
/// containers.
template <>
struct std::hash<ringport::ip::address_v6> {
  /// The address's hash.
  std::size_t operator()(const ringport::ip::address_v6& addr) const noexcept {
    // Mixes the scope id and the address four bytes at a time (boost::hash_combine's step).
    std::size_t seed = std::hash<ringport::ip::scope_id_type>()(addr.scope_id());
    const ringport::ip::address_v6::bytes_type bytes = addr.to_bytes();
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
      const std::uint32_t chunk = (std::uint32_t{bytes[i]} << 24) |
                                  (std::uint32_t{bytes[i + 1]} << 16) |
                                  (std::uint32_t{bytes[i + 2]} << 8) | std::uint32_t{bytes[i + 3]};
      seed ^= std::hash<std::uint32_t>()(chunk) + 0x9e3779b9 + (seed << 6) + (seed >> 2);
    }
    return seed;
  }
};
