// ip::address_v6_range (basic_address_range<address_v6>): the half-open run of IPv6 addresses
// [begin, end), as network_v6::hosts() returns it, with find(). Like Asio's it has no size():
// a run may hold up to 2^128 addresses.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/address_v6_iterator.hpp"

namespace ringport::ip {

template <typename>
class basic_address_range;

/// A range of consecutive IPv6 addresses, from a first address up to (excluding) a last one
/// (Asio's ip::address_v6_range).
template <>
class basic_address_range<address_v6> {
 public:
  /// The range's iterator, an address_v6_iterator.
  using iterator = basic_address_iterator<address_v6>;

  /// Empty: both ends are ::.
  constexpr basic_address_range() noexcept : begin_(address_v6()), end_(address_v6()) {}
  /// The addresses from `first` up to, excluding, `last`.
  constexpr explicit basic_address_range(const iterator& first, const iterator& last) noexcept
      : begin_(first), end_(last) {}

  /// @name Iterators
  //@{
  /// The first address, and the one past the last.
  constexpr iterator begin() const noexcept { return begin_; }
  constexpr iterator end() const noexcept { return end_; }

  //@}
  /// Whether the range holds no address.
  constexpr bool empty() const noexcept { return begin_ == end_; }

  /// The iterator on `addr` when begin <= addr < end by address order (bytes, then scope id),
  /// else end(). A range whose end wrapped to :: therefore finds nothing, as in Asio.
  constexpr iterator find(const address_v6& addr) const noexcept {
    return addr >= *begin_ && addr < *end_ ? iterator(addr) : end_;
  }

 private:
  iterator begin_;
  iterator end_;
};

/// A range of IPv6 addresses (Asio's ip::address_v6_range).
using address_v6_range = basic_address_range<address_v6>;

}  // namespace ringport::ip
