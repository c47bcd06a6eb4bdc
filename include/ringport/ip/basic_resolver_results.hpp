// ip::basic_resolver_results<Protocol>: what a resolve returns, a forward range of
// basic_resolver_entry values (so it can be passed straight to connect/async_connect).
// Copies share the entries. As in Asio, the results object is also an iterator positioned at
// the first entry, so older code that writes `tcp::resolver::iterator it = r.resolve(...)` or
// `*r.resolve(...)` still works.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/basic_resolver_entry.hpp"
#include "ringport/ip/basic_resolver_iterator.hpp"

#include <cstddef>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace ringport::ip {

/// The entries of one resolve, as a range (Asio's ip::basic_resolver_results). Copies share
/// the entries. It is also an iterator at its first entry, as Asio's results are.
template <typename InternetProtocol>
class basic_resolver_results : public basic_resolver_iterator<InternetProtocol> {
 public:
  /// @name Types
  //@{
  /// The protocol, its endpoint type, and the container types of the range (an entry is a
  /// basic_resolver_entry; the iterators are basic_resolver_iterator).
  using protocol_type = InternetProtocol;
  using endpoint_type = typename protocol_type::endpoint;
  using value_type = basic_resolver_entry<protocol_type>;
  using const_reference = const value_type&;
  using reference = value_type&;
  using const_iterator = basic_resolver_iterator<protocol_type>;
  using iterator = const_iterator;
  using difference_type = std::ptrdiff_t;
  using size_type = std::size_t;

  //@}
  /// Empty results.
  basic_resolver_results() noexcept = default;

  /// Builds results from entries; empty `entries` gives empty results.
  static basic_resolver_results create(std::vector<value_type> entries) {
    basic_resolver_results r;
    if (!entries.empty())
      r.values_ = std::make_shared<const std::vector<value_type>>(std::move(entries));
    return r;
  }

  /// @name Iterating the results object
  //@{
  /// Iterating the results object itself (the older style) moves its own position; begin()
  /// still starts at the first entry, until the object is stepped past its last entry, which
  /// leaves it empty (as in Asio).
  basic_resolver_results& operator++() {
    ++static_cast<basic_resolver_iterator<InternetProtocol>&>(*this);
    return *this;
  }
  basic_resolver_results operator++(int) {
    basic_resolver_results tmp(*this);
    ++*this;
    return tmp;
  }

  //@}
  /// @name Size
  //@{
  /// The number of entries, the largest possible number, and whether there are none.
  size_type size() const noexcept { return values_ ? values_->size() : 0; }
  size_type max_size() const noexcept { return std::numeric_limits<size_type>::max(); }
  bool empty() const noexcept { return size() == 0; }

  //@}
  /// @name Iterators
  //@{
  /// The range of entries.
  const_iterator begin() const { return values_ ? const_iterator(values_, 0) : const_iterator(); }
  const_iterator end() const noexcept { return const_iterator(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const noexcept { return end(); }

  //@}
  /// @name Swap
  //@{
  /// Exchanges the entries (and positions) of two results objects.
  void swap(basic_resolver_results& other) noexcept {
    values_.swap(other.values_);
    std::swap(this->index_, other.index_);
  }
  friend void swap(basic_resolver_results& a, basic_resolver_results& b) noexcept { a.swap(b); }

  //@}
  /// Equal when both are empty or both hold the entries of the same resolve (as Asio).
  friend bool operator==(const basic_resolver_results& a,
                         const basic_resolver_results& b) noexcept {
    return a.values_ == b.values_;
  }

 private:
  using basic_resolver_iterator<InternetProtocol>::values_;
};

}  // namespace ringport::ip
