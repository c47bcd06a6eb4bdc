// ip::address_v4_iterator (basic_address_iterator<address_v4>): steps through consecutive IPv4
// addresses. An input iterator that can also step back; it wraps from 255.255.255.255 to 0.0.0.0
// and back, as Asio's does.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/address_v4.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace ringport::ip {

template <typename>
class basic_address_iterator;

/// An input iterator over consecutive IPv4 addresses (Asio's ip::address_v4_iterator).
template <>
class basic_address_iterator<address_v4> {
 public:
  /// @name Iterator types
  //@{
  /// The iterator's types; the value is an address_v4.
  using value_type = address_v4;
  using difference_type = std::ptrdiff_t;
  using pointer = const address_v4*;
  using reference = const address_v4&;
  using iterator_category = std::input_iterator_tag;

  //@}
  /// Implicit, so an address converts to the iterator positioned on it (as in Asio).
  constexpr basic_address_iterator(const address_v4& addr) noexcept : address_(addr) {}

  /// @name Access
  //@{
  /// The current address.
  constexpr const address_v4& operator*() const noexcept { return address_; }
  constexpr const address_v4* operator->() const noexcept { return &address_; }

  //@}
  /// @name Increment and decrement
  //@{
  /// Steps to the next or the previous address.
  constexpr basic_address_iterator& operator++() noexcept {
    // Computed in 32 bits so the step past 255.255.255.255 wraps to 0.0.0.0.
    address_ = address_v4(static_cast<std::uint32_t>(address_.to_uint() + 1u));
    return *this;
  }
  constexpr basic_address_iterator operator++(int) noexcept {
    basic_address_iterator previous(*this);
    ++*this;
    return previous;
  }
  constexpr basic_address_iterator& operator--() noexcept {
    address_ = address_v4(static_cast<std::uint32_t>(address_.to_uint() - 1u));
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
  friend constexpr bool operator==(const basic_address_iterator& a,
                                   const basic_address_iterator& b) noexcept {
    return a.address_ == b.address_;
  }

 private:
  address_v4 address_;
};

/// An iterator over IPv4 addresses (Asio's ip::address_v4_iterator).
using address_v4_iterator = basic_address_iterator<address_v4>;

}  // namespace ringport::ip
