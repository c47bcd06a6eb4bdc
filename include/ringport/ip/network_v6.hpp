// ip::network_v6: an IPv6 address with a prefix length ("2001:db8::7/64"), and what follows
// from it: the network address, the range of addresses in the network, subnet tests. Text
// conversions live in src/common/network_v6.cpp; everything else is inline and constexpr.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/address_v6_iterator.hpp"
#include "ringport/ip/address_v6_range.hpp"

#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ringport::ip {

/// An IPv6 network: an address and a prefix length, e.g. 2001:db8::/32 (Asio's
/// ip::network_v6).
class RINGPORT_DECL network_v6 {
 public:
  /// ::/0.
  constexpr network_v6() noexcept = default;

  /// Throws std::out_of_range when prefix_len is above 128. The address keeps its host bits
  /// and its scope id.
  constexpr network_v6(const address_v6& addr, unsigned short prefix_len)
      : address_(addr), prefix_length_(prefix_len) {
    if (prefix_len > 128) throw std::out_of_range("prefix length too large");
  }

  /// The address as given, host bits and scope id included.
  constexpr address_v6 address() const noexcept { return address_; }
  /// The number of leading network bits.
  constexpr unsigned short prefix_length() const noexcept { return prefix_length_; }

  /// The address with its host bits cleared; the scope id is kept.
  constexpr address_v6 network() const noexcept {
    address_v6::bytes_type bytes = address_.to_bytes();
    for (std::size_t i = 0; i < bytes.size(); ++i)
      bytes[i] &= prefix_mask_byte(i);
    return address_v6(bytes, address_.scope_id());
  }

  /// Every address of the network, network() included and the all-ones host part included
  /// (IPv6 has no broadcast address to leave out), with the scope id kept. For a /128 that is
  /// the address alone. As in Asio, the end is one past the last address, so a network whose
  /// last address is ffff:...:ffff (::/0 among them) gives an end that wrapped to :: and, for
  /// ::/0, an empty range.
  constexpr address_v6_range hosts() const noexcept {
    address_v6::bytes_type first = address_.to_bytes();
    address_v6::bytes_type last = first;
    for (std::size_t i = 0; i < first.size(); ++i) {
      const unsigned char mask = prefix_mask_byte(i);
      first[i] &= mask;
      last[i] |= static_cast<unsigned char>(~mask);
    }
    return address_v6_range(address_v6_iterator(address_v6(first, address_.scope_id())),
                            ++address_v6_iterator(address_v6(last, address_.scope_id())));
  }

  /// The same prefix over network(): 2001:db8::7/64 gives 2001:db8::/64.
  constexpr network_v6 canonical() const noexcept { return network_v6(network(), prefix_length_); }

  /// Whether the prefix is /128 (a single host).
  constexpr bool is_host() const noexcept { return prefix_length_ == 128; }

  /// True when this network lies inside `other` and is strictly smaller: a network is not a
  /// subnet of itself, nor of a network with the same prefix length. Scope ids must match.
  constexpr bool is_subnet_of(const network_v6& other) const {
    if (other.prefix_length_ >= prefix_length_) return false;
    return network_v6(address_, other.prefix_length_).canonical() == other.canonical();
  }

  /// "address/prefix", the address as address_v6::to_string() prints it (compressed, with any
  /// "%scope"): "2001:db8::7/64".
  std::string to_string() const;
  /// The same; never fails (ec is cleared), as in Asio.
  std::string to_string(error_code& ec) const;

  /// Equal when address (host bits and scope id included) and prefix length are.
  friend constexpr bool operator==(const network_v6&, const network_v6&) noexcept = default;

 private:
  // Which bits of byte i belong to the prefix.
  constexpr unsigned char prefix_mask_byte(std::size_t i) const noexcept {
    const std::size_t bits_before = i * 8;
    if (prefix_length_ <= bits_before) return 0;
    if (prefix_length_ >= bits_before + 8) return 0xFF;
    return static_cast<unsigned char>(0xFF00u >> (prefix_length_ - bits_before));
  }

  address_v6 address_;
  unsigned short prefix_length_ = 0;
};

/// The network the constructor of the same arguments makes: throws std::out_of_range when
/// prefix_len is above 128.
constexpr network_v6 make_network_v6(const address_v6& addr, unsigned short prefix_len) {
  return network_v6(addr, prefix_len);
}

/// @name Parsing text
//@{
/// From "address/prefix" text: an IPv6 address as make_address_v6 reads it (a "%scope" suffix
/// included), '/', then decimal digits only (no sign or space) with a value of at most 128; text
/// after the first NUL is read as in Asio (a const char* ends there; in a string, a NUL in the
/// address part ends the address and one after the '/' is a non-digit). Anything else yields
/// error::invalid_argument (and ::/0); the overloads without an error_code throw system_error
/// instead.
RINGPORT_DECL network_v6 make_network_v6(const char* str);
RINGPORT_DECL network_v6 make_network_v6(const char* str, error_code& ec) noexcept;
RINGPORT_DECL network_v6 make_network_v6(const std::string& str);
RINGPORT_DECL network_v6 make_network_v6(const std::string& str, error_code& ec) noexcept;
RINGPORT_DECL network_v6 make_network_v6(std::string_view str);
RINGPORT_DECL network_v6 make_network_v6(std::string_view str, error_code& ec) noexcept;
//@}

/// Writes to_string() to `os`, as a narrow C string (so that wide streams widen the text).
template <typename Elem, typename Traits>
std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                             const network_v6& net) {
  // Through const char* so wide streams widen the text.
  return os << net.to_string().c_str();
}

}  // namespace ringport::ip
