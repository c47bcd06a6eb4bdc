// Allocation of operation objects through a handler's associated allocator. A handler that
// names no allocator (std::allocator<void>) gets the recycling allocator, so operation
// blocks are reused from the per-thread cache.
#pragma once

#include "ringport/recycling_allocator.hpp"

#include <memory>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Alloc>
using op_allocator_t = std::conditional_t<std::is_same_v<Alloc, std::allocator<void>>,
                                          recycling_allocator<void>, Alloc>;

template <typename Op, typename Alloc>
using rebound_op_allocator_t =
    typename std::allocator_traits<op_allocator_t<Alloc>>::template rebind_alloc<Op>;

template <typename Alloc>
op_allocator_t<Alloc> op_allocator(const Alloc& a) {
  if constexpr (std::is_same_v<Alloc, std::allocator<void>>)
    return recycling_allocator<void>();
  else
    return a;
}

// Allocates and constructs an Op with the allocator `a`; no leak if the constructor throws.
template <typename Op, typename Alloc, typename... Args>
Op* allocate_op(const Alloc& a, Args&&... args) {
  using traits = std::allocator_traits<rebound_op_allocator_t<Op, Alloc>>;
  rebound_op_allocator_t<Op, Alloc> alloc(op_allocator(a));
  Op* p = traits::allocate(alloc, 1);
  try {
    ::new (static_cast<void*>(p)) Op(std::forward<Args>(args)...);
  } catch (...) {
    traits::deallocate(alloc, p, 1);
    throw;
  }
  return p;
}

// Destroys an Op and returns its memory to `a` (a copy of the allocator it was made with).
template <typename Op, typename Alloc>
void deallocate_op(const Alloc& a, Op* p) noexcept {
  using traits = std::allocator_traits<rebound_op_allocator_t<Op, Alloc>>;
  rebound_op_allocator_t<Op, Alloc> alloc(op_allocator(a));
  p->~Op();
  traits::deallocate(alloc, p, 1);
}

}  // namespace ringport::detail
