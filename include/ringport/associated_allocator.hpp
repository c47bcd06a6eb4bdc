// associated_allocator<T, Allocator>: the allocator a handler wants its operations to use.
#pragma once

#include "ringport/detail/config.hpp"
#include <memory>

namespace ringport {

/// The allocator a handler (or other object) of type `T` wants its operations to use:
/// `Allocator` (by default std::allocator<void>) unless T names its own.
///
/// Specialize it for a type that names its allocator some other way.
template <typename T, typename Allocator = std::allocator<void>>
struct associated_allocator {
  /// @name Members
  //@{
  /// The associated allocator type, and get(), which returns it (here `a`, the candidate).
  using type = Allocator;
  static type get(const T&, const Allocator& a = Allocator()) noexcept { return a; }
  //@}
};

/// A type with a nested allocator_type: its get_allocator().
template <typename T, typename Allocator>
requires requires {
  typename T::allocator_type;
}
struct associated_allocator<T, Allocator> {
  /// @name Members
  //@{
  /// The associated allocator type, and get(), which returns `t.get_allocator()`.
  using type = typename T::allocator_type;
  static type get(const T& t, const Allocator& = Allocator()) noexcept { return t.get_allocator(); }
  //@}
};

/// The allocator type associated with `T` (associated_allocator<T, Allocator>::type).
template <typename T, typename Allocator = std::allocator<void>>
using associated_allocator_t = typename associated_allocator<T, Allocator>::type;

/// @name get_associated_allocator
//@{
/// The allocator associated with `t`: associated_allocator<T, Allocator>::get(t, a), where
/// `a` defaults to std::allocator<void>().
template <typename T>
associated_allocator_t<T> get_associated_allocator(const T& t) noexcept {
  return associated_allocator<T>::get(t);
}

template <typename T, typename Allocator>
associated_allocator_t<T, Allocator> get_associated_allocator(const T& t,
                                                              const Allocator& a) noexcept {
  return associated_allocator<T, Allocator>::get(t, a);
}
//@}

}  // namespace ringport
