// ip::address_v4_range (basic_address_range<address_v4>): the half-open run of IPv4 addresses
// [begin, end), as network_v4::hosts() returns it, with size() and find().
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v4_iterator.hpp"

#include <cstddef>
#include <cstdint>

namespace ringport::ip {

template <typename>
class basic_address_range;

/// A range of consecutive IPv4 addresses, from a first address up to (excluding) a last one
/// (Asio's ip::address_v4_range).
template <>
class basic_address_range<address_v4> {
 public:
  /// The range's iterator, an address_v4_iterator.
  using iterator = basic_address_iterator<address_v4>;

  /// Empty: both ends are 0.0.0.0.
  constexpr basic_address_range() noexcept : begin_(address_v4()), end_(address_v4()) {}
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
  constexpr bool empty() const noexcept { return size() == 0; }
  /// The distance modulo 2^32 (as Asio computes it): a range whose end wrapped past
  /// 255.255.255.255 still has its true size, and a reversed range has a huge one.
  constexpr std::size_t size() const noexcept {
    return static_cast<std::uint32_t>(end_->to_uint() - begin_->to_uint());
  }

  /// The iterator on `addr` when begin <= addr < end by address order, else end(). A range
  /// whose end wrapped to 0.0.0.0 therefore finds nothing, as in Asio.
  constexpr iterator find(const address_v4& addr) const noexcept {
    return addr >= *begin_ && addr < *end_ ? iterator(addr) : end_;
  }

 private:
  iterator begin_;
  iterator end_;
};

/// A range of IPv4 addresses (Asio's ip::address_v4_range).
using address_v4_range = basic_address_range<address_v4>;

}  // namespace ringport::ip
