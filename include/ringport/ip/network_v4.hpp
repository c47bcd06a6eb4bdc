// ip::network_v4: an IPv4 address with a prefix length ("192.0.2.7/24"), and what follows from
// it: netmask, network and broadcast addresses, the range of host addresses, subnet tests.
// Text conversions live in src/common/network_v4.cpp; everything else is inline and constexpr.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v4_range.hpp"

#include <bit>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ringport::ip {

/// An IPv4 network: an address and a prefix length, e.g. 192.0.2.0/24 (Asio's
/// ip::network_v4).
class RINGPORT_DECL network_v4 {
 public:
  /// 0.0.0.0/0.
  constexpr network_v4() noexcept = default;

  /// Throws std::out_of_range when prefix_len is above 32. The address keeps its host bits.
  constexpr network_v4(const address_v4& addr, unsigned short prefix_len)
      : address_(addr), prefix_length_(prefix_len) {
    if (prefix_len > 32) throw std::out_of_range("prefix length too large");
  }

  /// The prefix length is the netmask's run of leading one bits. A mask with a one bit after a
  /// zero is refused with the exceptions Asio uses: std::invalid_argument when a whole byte is
  /// non-zero after the run has ended, std::out_of_range when a byte mixes ones and zeros in
  /// the wrong order (255.255.253.0).
  constexpr network_v4(const address_v4& addr, const address_v4& mask) : address_(addr) {
    bool run_ended = false;
    for (const unsigned char byte : mask.to_bytes()) {
      if (run_ended) {
        if (byte != 0) throw std::invalid_argument("non-contiguous netmask");
        continue;
      }
      // A contiguous byte is ones then zeros: its complement is 2^k - 1 for k zero bits.
      const unsigned zeros = static_cast<unsigned char>(~byte);
      if ((zeros & (zeros + 1)) != 0) throw std::out_of_range("non-contiguous netmask");
      prefix_length_ = static_cast<unsigned short>(prefix_length_ + 8 - std::bit_width(zeros));
      run_ended = zeros != 0;
    }
  }

  /// The address as given, host bits included.
  constexpr address_v4 address() const noexcept { return address_; }
  /// The number of leading network bits.
  constexpr unsigned short prefix_length() const noexcept { return prefix_length_; }

  /// prefix_length() leading one bits: /24 is 255.255.255.0.
  constexpr address_v4 netmask() const noexcept {
    // Shifting a 32-bit value by 32 is undefined, hence /0 on its own.
    return address_v4(prefix_length_ == 0 ? std::uint32_t{0}
                                          : std::uint32_t{0xFFFFFFFF} << (32 - prefix_length_));
  }
  /// The address with its host bits cleared.
  constexpr address_v4 network() const noexcept {
    return address_v4(address_.to_uint() & netmask().to_uint());
  }
  /// The address with its host bits set.
  constexpr address_v4 broadcast() const noexcept {
    return address_v4(
        static_cast<std::uint32_t>(network().to_uint() | ~std::uint32_t{netmask().to_uint()}));
  }

  /// The addresses strictly between network() and broadcast(); for a /32, the address alone.
  /// A /31 and a /32 ending at 255.255.255.255 give the same odd results as in Asio: the first
  /// is empty, the second's end wraps to 0.0.0.0.
  constexpr address_v4_range hosts() const noexcept {
    if (is_host()) {
      return address_v4_range(address_,
                              address_v4(static_cast<std::uint32_t>(address_.to_uint() + 1u)));
    }
    return address_v4_range(address_v4(static_cast<std::uint32_t>(network().to_uint() + 1u)),
                            broadcast());
  }

  /// The same prefix over network(): 192.0.2.7/24 gives 192.0.2.0/24.
  constexpr network_v4 canonical() const noexcept { return network_v4(network(), prefix_length_); }

  /// Whether the prefix is /32 (a single host).
  constexpr bool is_host() const noexcept { return prefix_length_ == 32; }

  /// True when this network lies inside `other` and is strictly smaller: a network is not a
  /// subnet of itself, nor of a network with the same prefix length.
  constexpr bool is_subnet_of(const network_v4& other) const {
    if (other.prefix_length_ >= prefix_length_) return false;
    return network_v4(address_, other.prefix_length_).canonical() == other.canonical();
  }

  /// "address/prefix", the address with its host bits: "192.0.2.7/24".
  std::string to_string() const;
  /// The same; never fails (ec is cleared), as in Asio.
  std::string to_string(error_code& ec) const;

  /// Equal when both address (host bits included) and prefix length are.
  friend constexpr bool operator==(const network_v4&, const network_v4&) noexcept = default;

 private:
  address_v4 address_;
  unsigned short prefix_length_ = 0;
};

/// @name From an address and a prefix length or netmask
//@{
/// The network the constructor of the same arguments makes, with its exceptions: std::out_of_range
/// for a prefix length above 32, and those of a netmask that is not a run of leading one bits.
constexpr network_v4 make_network_v4(const address_v4& addr, unsigned short prefix_len) {
  return network_v4(addr, prefix_len);
}
constexpr network_v4 make_network_v4(const address_v4& addr, const address_v4& mask) {
  return network_v4(addr, mask);
}
//@}

/// @name Parsing text
//@{
/// From "address/prefix" text: a dotted quad, '/', then decimal digits only (no sign or space)
/// with a value of at most 32; text after the first NUL is read as in Asio (a const char* ends
/// there; in a string, a NUL in the address part ends the address and one after the '/' is a
/// non-digit). Anything else yields error::invalid_argument (and 0.0.0.0/0); the overloads
/// without an error_code throw system_error instead.
RINGPORT_DECL network_v4 make_network_v4(const char* str);
RINGPORT_DECL network_v4 make_network_v4(const char* str, error_code& ec) noexcept;
RINGPORT_DECL network_v4 make_network_v4(const std::string& str);
RINGPORT_DECL network_v4 make_network_v4(const std::string& str, error_code& ec) noexcept;
RINGPORT_DECL network_v4 make_network_v4(std::string_view str);
RINGPORT_DECL network_v4 make_network_v4(std::string_view str, error_code& ec) noexcept;
//@}

/// Writes to_string() to `os`, as a narrow C string (so that wide streams widen the text).
template <typename Elem, typename Traits>
std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                             const network_v4& net) {
  // Through const char* so wide streams widen the text.
  return os << net.to_string().c_str();
}

}  // namespace ringport::ip
