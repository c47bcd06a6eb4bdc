// ip::basic_resolver_iterator<Protocol>: a forward iterator over the entries of one
// basic_resolver_results. It shares ownership of the entries, so it stays valid after the
// results object it came from is gone. A default-constructed iterator is the end iterator.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/basic_resolver_entry.hpp"

#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace ringport::ip {

template <typename InternetProtocol>
class basic_resolver_results;

/// A forward iterator over the entries of a resolve (Asio's ip::basic_resolver_iterator).
/// Stepped past the last entry, it equals the default-constructed (end) iterator.
template <typename InternetProtocol>
class basic_resolver_iterator {
 public:
  /// @name Iterator types
  //@{
  /// The forward iterator's types; the value is a basic_resolver_entry.
  using difference_type = std::ptrdiff_t;
  using value_type = basic_resolver_entry<InternetProtocol>;
  using pointer = const value_type*;
  using reference = const value_type&;
  using iterator_category = std::forward_iterator_tag;

  //@}
  /// The end iterator.
  basic_resolver_iterator() noexcept = default;

  /// @name Access
  //@{
  /// The current entry.
  reference operator*() const { return (*values_)[index_]; }
  pointer operator->() const { return &(*values_)[index_]; }

  //@}
  /// @name Increment
  //@{
  /// Steps to the next entry, or to the end after the last one.
  basic_resolver_iterator& operator++() {
    if (++index_ == values_->size()) {
      // Past the last entry: the same state as a default-constructed (end) iterator.
      values_.reset();
      index_ = 0;
    }
    return *this;
  }
  basic_resolver_iterator operator++(int) {
    basic_resolver_iterator tmp(*this);
    ++*this;
    return tmp;
  }

  //@}
  /// Equal when both are end iterators, or both point at the same entry of the same resolve.
  friend bool operator==(const basic_resolver_iterator& a,
                         const basic_resolver_iterator& b) noexcept {
    return a.values_ == b.values_ && a.index_ == b.index_;
  }

  /// @cond INTERNAL
 protected:
  template <typename>
  friend class basic_resolver_results;

  using values_type = std::vector<value_type>;

  basic_resolver_iterator(std::shared_ptr<const values_type> values, std::size_t index) noexcept
      : values_(std::move(values)), index_(index) {}

  std::shared_ptr<const values_type> values_;
  std::size_t index_ = 0;
  /// @endcond
};

}  // namespace ringport::ip

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
