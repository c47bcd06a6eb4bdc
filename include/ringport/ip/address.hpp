// An IP address of either version. Holds one address_v4 or address_v6 and says which; the
// default is the IPv4 unspecified address, as in Asio.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/bad_address_cast.hpp"

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace ringport::ip {

/// An IPv4 or an IPv6 address (Asio's ip::address).
class address {
 public:
  /// @name Construction and assignment
  //@{
  /// The IPv4 unspecified address 0.0.0.0, or an IPv4 or IPv6 address.
  constexpr address() noexcept = default;
  constexpr address(const address_v4& v4_addr) noexcept : type_(kind::v4), v4_(v4_addr) {}
  constexpr address(const address_v6& v6_addr) noexcept : type_(kind::v6), v6_(v6_addr) {}

  constexpr address& operator=(const address_v4& v4_addr) noexcept {
    *this = address(v4_addr);
    return *this;
  }
  constexpr address& operator=(const address_v6& v6_addr) noexcept {
    *this = address(v6_addr);
    return *this;
  }

  //@}
  /// @name Version
  //@{
  /// Whether the address is an IPv4 or an IPv6 one.
  constexpr bool is_v4() const noexcept { return type_ == kind::v4; }
  constexpr bool is_v6() const noexcept { return type_ == kind::v6; }

  //@}
  /// @name Conversion
  //@{
  /// Throw bad_address_cast when the address is of the other version.
  address_v4 to_v4() const {
    if (!is_v4()) throw bad_address_cast();
    return v4_;
  }
  address_v6 to_v6() const {
    if (!is_v6()) throw bad_address_cast();
    return v6_;
  }

  //@}
  /// The address as text (address_v4::to_string() or address_v6::to_string()).
  std::string to_string() const { return is_v4() ? v4_.to_string() : v6_.to_string(); }

#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated
  //@{
  /// Asio's deprecated names of make_address() and of to_string() with an error_code.
  std::string to_string(error_code& ec) const {
    ec = error_code();
    return to_string();
  }
  static address from_string(const char* str);
  static address from_string(const char* str, error_code& ec) noexcept;
  static address from_string(const std::string& str);
  static address from_string(const std::string& str, error_code& ec) noexcept;
//@}
#endif

  /// @name Classification
  //@{
  /// Whether the address is a loopback, the unspecified or a multicast address of its version.
  constexpr bool is_loopback() const noexcept {
    return is_v4() ? v4_.is_loopback() : v6_.is_loopback();
  }
  constexpr bool is_unspecified() const noexcept {
    return is_v4() ? v4_.is_unspecified() : v6_.is_unspecified();
  }
  constexpr bool is_multicast() const noexcept {
    return is_v4() ? v4_.is_multicast() : v6_.is_multicast();
  }

  /// @name Comparison
  //@{
  /// Addresses of different versions are never equal; every IPv4 address orders before every
  /// IPv6 one (as Asio), so 1.2.3.4 and \::ffff:1.2.3.4 stay distinct.
  friend constexpr bool operator==(const address& a, const address& b) noexcept {
    if (a.type_ != b.type_) return false;
    return a.is_v4() ? a.v4_ == b.v4_ : a.v6_ == b.v6_;
  }
  friend constexpr std::strong_ordering operator<=>(const address& a, const address& b) noexcept {
    if (a.type_ != b.type_) return a.type_ <=> b.type_;
    return a.is_v4() ? a.v4_ <=> b.v4_ : a.v6_ <=> b.v6_;
  }

  //@}
 private:
  enum class kind { v4, v6 };

  kind type_ = kind::v4;
  address_v4 v4_;
  address_v6 v6_;
};

/// @name Parsing text
//@{
/// From text of either version (IPv6 is tried first, as Asio does), which ends at its first NUL
/// in every overload. A malformed string yields error::invalid_argument (and address()); the
/// overloads without an error_code throw system_error instead.
RINGPORT_DECL address make_address(const char* str);
RINGPORT_DECL address make_address(const char* str, error_code& ec) noexcept;
RINGPORT_DECL address make_address(const std::string& str);
RINGPORT_DECL address make_address(const std::string& str, error_code& ec) noexcept;
RINGPORT_DECL address make_address(std::string_view str);
RINGPORT_DECL address make_address(std::string_view str, error_code& ec) noexcept;
//@}

#if defined(RINGPORT_HAS_DEPRECATED)
// The out-of-class definitions of the deprecated from_string, documented in the class, are
// hidden from doxygen: 1.9.4 would otherwise put them in the member group above as well.
/// @cond
inline address address::from_string(const char* str) {
  return make_address(str);
}
inline address address::from_string(const char* str, error_code& ec) noexcept {
  return make_address(str, ec);
}
inline address address::from_string(const std::string& str) {
  return make_address(str);
}
inline address address::from_string(const std::string& str, error_code& ec) noexcept {
  return make_address(str, ec);
}
/// @endcond
#endif

/// Writes to_string() to `os`, as a narrow C string (so that wide streams widen the text).
template <typename Elem, typename Traits>
std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                             const address& addr) {
  return os << addr.to_string().c_str();
}

}  // namespace ringport::ip

/// Hashes an address, so addresses can be keys of unordered containers.
template <>
struct std::hash<ringport::ip::address> {
  /// The address's hash.
  std::size_t operator()(const ringport::ip::address& addr) const noexcept {
    return addr.is_v4() ? std::hash<ringport::ip::address_v4>()(addr.to_v4())
                        : std::hash<ringport::ip::address_v6>()(addr.to_v6());
  }
};

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
