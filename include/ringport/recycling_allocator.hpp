// recycling_allocator<T>: allocates from the calling thread's cache of recently freed
// operation blocks (the default for operations whose handler names no allocator).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/recycling_cache.hpp"

#include <cstddef>
#include <new>

namespace ringport {

template <typename T>
class recycling_allocator {
 public:
  using value_type = T;

  template <typename U>
  struct rebind {
    using other = recycling_allocator<U>;
  };

  constexpr recycling_allocator() noexcept = default;
  template <typename U>
  constexpr recycling_allocator(const recycling_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(detail::recycling_cache::allocate(sizeof(T) * n, alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    detail::recycling_cache::deallocate(p, sizeof(T) * n, alignof(T));
  }

  friend constexpr bool operator==(const recycling_allocator&,
                                   const recycling_allocator&) noexcept {
    return true;
  }
};

template <>
class recycling_allocator<void> {
 public:
  using value_type = void;

  template <typename U>
  struct rebind {
    using other = recycling_allocator<U>;
  };

  constexpr recycling_allocator() noexcept = default;
  template <typename U>
  constexpr recycling_allocator(const recycling_allocator<U>&) noexcept {}

  friend constexpr bool operator==(const recycling_allocator&,
                                   const recycling_allocator&) noexcept {
    return true;
  }
};

}  // namespace ringport
