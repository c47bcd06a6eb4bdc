// execution::allocator: the allocator an executor uses for the functions it stores.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

template <typename ProtoAllocator>
struct allocator_t {
  static constexpr bool is_requirable = true;
  static constexpr bool is_preferable = true;

  constexpr explicit allocator_t(const ProtoAllocator& a) : a_(a) {}
  constexpr ProtoAllocator value() const { return a_; }

 private:
  ProtoAllocator a_;
};

template <>
struct allocator_t<void> {
  static constexpr bool is_requirable = true;
  static constexpr bool is_preferable = true;

  constexpr allocator_t() = default;

  /// allocator(a): the property carrying a specific allocator.
  template <typename OtherAllocator>
  constexpr allocator_t<OtherAllocator> operator()(const OtherAllocator& a) const {
    return allocator_t<OtherAllocator>(a);
  }
};

inline constexpr allocator_t<void> allocator{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
