// An IPv4 address as a value: four bytes in network order. Parsing and printing go through
// the OS (src/common/address_v4.cpp); everything else is inline and constexpr.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace ringport::ip {

/// An IPv4 address (Asio's ip::address_v4).
class RINGPORT_DECL address_v4 {
 public:
  /// @name Types
  //@{
  /// The address as an integer in host byte order, and as 4 bytes in network byte order.
  using uint_type = std::uint_least32_t;
  using bytes_type = std::array<unsigned char, 4>;

  //@}
  /// @name Construction
  //@{
  /// The unspecified address 0.0.0.0, or the address of `bytes` (network byte order) or of an
  /// integer in host byte order.
  constexpr address_v4() noexcept = default;
  constexpr explicit address_v4(const bytes_type& bytes) noexcept : bytes_(bytes) {}
  constexpr explicit address_v4(uint_type addr) noexcept
      : bytes_{static_cast<unsigned char>((addr >> 24) & 0xFF),
               static_cast<unsigned char>((addr >> 16) & 0xFF),
               static_cast<unsigned char>((addr >> 8) & 0xFF),
               static_cast<unsigned char>(addr & 0xFF)} {}

  //@}
  /// The address's bytes, in network byte order.
  constexpr bytes_type to_bytes() const noexcept { return bytes_; }
  /// Host byte order: 127.0.0.1 is 0x7F000001.
  constexpr uint_type to_uint() const noexcept {
    return (uint_type{bytes_[0]} << 24) | (uint_type{bytes_[1]} << 16) |
           (uint_type{bytes_[2]} << 8) | uint_type{bytes_[3]};
  }
  /// Dotted-decimal form, e.g. "192.0.2.1".
  std::string to_string() const;

  /// 127.0.0.0/8.
  constexpr bool is_loopback() const noexcept { return bytes_[0] == 0x7F; }
  /// 0.0.0.0.
  constexpr bool is_unspecified() const noexcept { return to_uint() == 0; }
  /// 224.0.0.0/4.
  constexpr bool is_multicast() const noexcept { return (bytes_[0] & 0xF0) == 0xE0; }

  /// @name Well-known addresses
  //@{
  /// 0.0.0.0, 127.0.0.1 and 255.255.255.255.
  static constexpr address_v4 any() noexcept { return address_v4(); }
  static constexpr address_v4 loopback() noexcept { return address_v4(uint_type{0x7F000001}); }
  static constexpr address_v4 broadcast() noexcept { return address_v4(uint_type{0xFFFFFFFF}); }

//@}
#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated
  //@{
  /// Asio's deprecated members: classful addressing and the older names of conversions.
  constexpr unsigned long to_ulong() const noexcept {
    return to_uint();
  }
  std::string to_string(error_code& ec) const {
    ec = error_code();
    return to_string();
  }
  static address_v4 from_string(const char* str);
  static address_v4 from_string(const char* str, error_code& ec) noexcept;
  static address_v4 from_string(const std::string& str);
  static address_v4 from_string(const std::string& str, error_code& ec) noexcept;
  constexpr bool is_class_a() const noexcept {
    return (bytes_[0] & 0x80) == 0;
  }
  constexpr bool is_class_b() const noexcept {
    return (bytes_[0] & 0xC0) == 0x80;
  }
  constexpr bool is_class_c() const noexcept {
    return (bytes_[0] & 0xE0) == 0xC0;
  }
  /// The broadcast address of the network `addr` is in, given its netmask.
  static constexpr address_v4 broadcast(const address_v4& addr, const address_v4& mask) noexcept {
    return address_v4(static_cast<uint_type>(addr.to_uint() | ~mask.to_uint()));
  }
  /// The netmask of `addr`'s address class (255.255.255.255 outside classes A to C).
  static constexpr address_v4 netmask(const address_v4& addr) noexcept {
    if (addr.is_class_a()) return address_v4(uint_type{0xFF000000});
    if (addr.is_class_b()) return address_v4(uint_type{0xFFFF0000});
    if (addr.is_class_c()) return address_v4(uint_type{0xFFFFFF00});
    return address_v4(uint_type{0xFFFFFFFF});
  }
//@}
#endif

  /// Network-order bytes compare the same way as the host-order integers Asio compares.
  friend constexpr bool operator==(const address_v4&, const address_v4&) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(const address_v4&,
                                                    const address_v4&) noexcept = default;

 private:
  bytes_type bytes_{};
};

/// @name From bytes or an integer
//@{
/// The address of `bytes` (network byte order) or of an integer in host byte order, as the
/// constructors make it.
constexpr address_v4 make_address_v4(const address_v4::bytes_type& bytes) noexcept {
  return address_v4(bytes);
}
constexpr address_v4 make_address_v4(address_v4::uint_type addr) noexcept {
  return address_v4(addr);
}
//@}

/// @name Parsing text
//@{
/// From dotted-decimal text, which ends at its first NUL in every overload (as in Asio). A
/// malformed string yields error::invalid_argument (and any()); the overloads without an
/// error_code throw system_error instead.
RINGPORT_DECL address_v4 make_address_v4(const char* str);
RINGPORT_DECL address_v4 make_address_v4(const char* str, error_code& ec) noexcept;
RINGPORT_DECL address_v4 make_address_v4(const std::string& str);
RINGPORT_DECL address_v4 make_address_v4(const std::string& str, error_code& ec) noexcept;
RINGPORT_DECL address_v4 make_address_v4(std::string_view str);
RINGPORT_DECL address_v4 make_address_v4(std::string_view str, error_code& ec) noexcept;
//@}

#if defined(RINGPORT_HAS_DEPRECATED)
// The out-of-class definitions of the deprecated from_string, documented in the class, are
// hidden from doxygen: 1.9.4 would otherwise put them in the member group above as well.
/// @cond
inline address_v4 address_v4::from_string(const char* str) {
  return make_address_v4(str);
}
inline address_v4 address_v4::from_string(const char* str, error_code& ec) noexcept {
  return make_address_v4(str, ec);
}
inline address_v4 address_v4::from_string(const std::string& str) {
  return make_address_v4(str);
}
inline address_v4 address_v4::from_string(const std::string& str, error_code& ec) noexcept {
  return make_address_v4(str, ec);
}
/// @endcond
#endif

/// Writes to_string() to `os`, as a narrow C string (so that wide streams widen the text).
template <typename Elem, typename Traits>
std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                             const address_v4& addr) {
  // Through const char* so wide streams widen the text.
  return os << addr.to_string().c_str();
}

}  // namespace ringport::ip

/// Hashes an IPv4 address, so addresses can be keys of unordered containers.
template <>
struct std::hash<ringport::ip::address_v4> {
  /// The address's hash.
  std::size_t operator()(const ringport::ip::address_v4& addr) const noexcept {
    return std::hash<std::uint_least32_t>()(addr.to_uint());
  }
};

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
