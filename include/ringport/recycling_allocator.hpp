// recycling_allocator<T>: allocates from the calling thread's cache of recently freed
// operation blocks (the default for operations whose handler names no allocator).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/recycling_cache.hpp"

#include <cstddef>
#include <new>

namespace ringport {

/// An allocator that takes memory from the calling thread's cache of recently freed operation
/// blocks (Asio's recycling_allocator); the default for operations whose handler names no
/// allocator.
///
/// All recycling allocators are equal: memory from one may be freed through any other.
template <typename T>
class recycling_allocator {
 public:
  /// The type allocated.
  using value_type = T;

  /// The allocator for another type.
  template <typename U>
  struct rebind {
    /// `recycling_allocator<U>`.
    using other = recycling_allocator<U>;
  };

  /// @name Construction
  //@{
  /// A recycling allocator holds no state: every one is like every other.
  constexpr recycling_allocator() noexcept = default;
  template <typename U>
  constexpr recycling_allocator(const recycling_allocator<U>&) noexcept {}
  //@}

  /// @name Allocation
  //@{
  /// Memory for `n` objects of type T, from the thread's cache when it holds a block that fits
  /// (allocate() throws std::bad_array_new_length when the size overflows), and its return to
  /// the cache.
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(detail::recycling_cache::allocate(sizeof(T) * n, alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    detail::recycling_cache::deallocate(p, sizeof(T) * n, alignof(T));
  }
  //@}

  friend constexpr bool operator==(const recycling_allocator&,
                                   const recycling_allocator&) noexcept {
    return true;
  }
};

/// The `void` form, which allocates nothing: it names the allocator and rebinds to the others.
template <>
class recycling_allocator<void> {
 public:
  /// void.
  using value_type = void;

  /// The allocator for another type.
  template <typename U>
  struct rebind {
    /// `recycling_allocator<U>`.
    using other = recycling_allocator<U>;
  };

  /// @name Construction
  //@{
  /// A recycling allocator holds no state: every one is like every other.
  constexpr recycling_allocator() noexcept = default;
  template <typename U>
  constexpr recycling_allocator(const recycling_allocator<U>&) noexcept {}
  //@}

  friend constexpr bool operator==(const recycling_allocator&,
                                   const recycling_allocator&) noexcept {
    return true;
  }
};

}  // namespace ringport
