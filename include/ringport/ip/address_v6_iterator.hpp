// ip::address_v6_iterator (basic_address_iterator<address_v6>): steps through consecutive IPv6
// addresses, keeping the scope id. An input iterator that can also step back; it wraps from
// ffff:...:ffff to :: and back, as Asio's does.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/address_v6.hpp"

#include <cstddef>
#include <iterator>

namespace ringport::ip {

template <typename>
class basic_address_iterator;

/// An input iterator over consecutive IPv6 addresses (Asio's ip::address_v6_iterator).
template <>
class basic_address_iterator<address_v6> {
 public:
  /// @name Iterator types
  //@{
  /// The iterator's types; the value is an address_v6.
  using value_type = address_v6;
  using difference_type = std::ptrdiff_t;
  using pointer = const address_v6*;
  using reference = const address_v6&;
  using iterator_category = std::input_iterator_tag;

  //@}
  /// Implicit, so an address converts to the iterator positioned on it (as in Asio).
  constexpr basic_address_iterator(const address_v6& addr) noexcept : address_(addr) {}

  /// @name Access
  //@{
  /// The current address.
  constexpr const address_v6& operator*() const noexcept { return address_; }
  constexpr const address_v6* operator->() const noexcept { return &address_; }

  //@}
  /// @name Increment and decrement
  //@{
  /// Steps to the next or the previous address.
  constexpr basic_address_iterator& operator++() noexcept {
    // A 128-bit big-endian increment: trailing 0xFF bytes roll over to 0 and carry.
    address_v6::bytes_type bytes = address_.to_bytes();
    for (std::size_t i = bytes.size(); i-- > 0;) {
      if (bytes[i] != 0xFF) {
        ++bytes[i];
        break;
      }
      bytes[i] = 0;
    }
    address_ = address_v6(bytes, address_.scope_id());
    return *this;
  }
  constexpr basic_address_iterator operator++(int) noexcept {
    basic_address_iterator previous(*this);
    ++*this;
    return previous;
  }
  constexpr basic_address_iterator& operator--() noexcept {
    // The matching decrement: trailing zero bytes become 0xFF and borrow.
    address_v6::bytes_type bytes = address_.to_bytes();
    for (std::size_t i = bytes.size(); i-- > 0;) {
      if (bytes[i] != 0) {
        --bytes[i];
        break;
      }
      bytes[i] = 0xFF;
    }
    address_ = address_v6(bytes, address_.scope_id());
    return *this;
  }
  /// Declared without noexcept, as Asio declares it.
  constexpr basic_address_iterator operator--(int) {
    basic_address_iterator previous(*this);
    --*this;
    return previous;
  }

  //@}
  /// Equal when both are on the same address.
  /// Positions compare as addresses, scope id included.
  friend constexpr bool operator==(const basic_address_iterator& a,
                                   const basic_address_iterator& b) noexcept {
    return a.address_ == b.address_;
  }

 private:
  address_v6 address_;
};

/// An iterator over IPv6 addresses (Asio's ip::address_v6_iterator).
using address_v6_iterator = basic_address_iterator<address_v6>;

}  // namespace ringport::ip
