// Associations for the handler adapters of redirect_error and as_tuple: an adapter that
// exposes its target as inner() runs, allocates and is cancelled as its target would.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"

#include <type_traits>

namespace ringport {

namespace detail {
// Derive an adapter from this tag to get the forwarding associations below.
struct wrapped_handler_tag {};
template <typename T>
concept wrapped_handler = std::is_base_of_v<wrapped_handler_tag, T>;
}  // namespace detail

template <detail::wrapped_handler T, typename Executor>
struct associated_executor<T, Executor> {
  using type = associated_executor_t<typename T::inner_type, Executor>;
  static type get(const T& h, const Executor& ex = Executor()) noexcept {
    return associated_executor<typename T::inner_type, Executor>::get(h.inner(), ex);
  }
};

template <detail::wrapped_handler T, typename Allocator>
struct associated_allocator<T, Allocator> {
  using type = associated_allocator_t<typename T::inner_type, Allocator>;
  static type get(const T& h, const Allocator& a = Allocator()) noexcept {
    return associated_allocator<typename T::inner_type, Allocator>::get(h.inner(), a);
  }
};

template <detail::wrapped_handler T, typename CancellationSlot>
struct associated_cancellation_slot<T, CancellationSlot> {
  using type = associated_cancellation_slot_t<typename T::inner_type, CancellationSlot>;
  static type get(const T& h, const CancellationSlot& s = CancellationSlot()) noexcept {
    return associated_cancellation_slot<typename T::inner_type, CancellationSlot>::get(h.inner(),
                                                                                       s);
  }
};

}  // namespace ringport
