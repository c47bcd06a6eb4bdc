// execution::allocator: the allocator an executor uses for the functions it stores.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::allocator property carrying an allocator (Asio's execution::allocator_t):
/// the allocator an executor uses for the functions it stores.
template <typename ProtoAllocator>
struct allocator_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: the property can be required and preferred.
  static constexpr bool is_requirable = true;
  static constexpr bool is_preferable = true;

  //@}
  /// @name Members
  //@{
  /// The property carrying `a`, and value(), which returns it.
  constexpr explicit allocator_t(const ProtoAllocator& a) : a_(a) {}
  constexpr ProtoAllocator value() const { return a_; }

  //@}
 private:
  ProtoAllocator a_;
};

/// The execution::allocator property without an allocator: requiring it gives an executor
/// the default allocator; allocator(a) makes the property carrying `a`.
template <>
struct allocator_t<void> {
  /// @name Property traits
  //@{
  /// Asio's property traits: the property can be required and preferred.
  static constexpr bool is_requirable = true;
  static constexpr bool is_preferable = true;

  //@}
  constexpr allocator_t() = default;

  /// allocator(a): the property carrying a specific allocator.
  template <typename OtherAllocator>
  constexpr allocator_t<OtherAllocator> operator()(const OtherAllocator& a) const {
    return allocator_t<OtherAllocator>(a);
  }
};

/// The execution::allocator property object; allocator(a) carries the allocator `a`.
inline constexpr allocator_t<void> allocator{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
