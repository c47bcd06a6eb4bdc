// associated_cancellation_slot<T, Slot>: the slot through which a handler's operation can be
// cancelled. A handler names one by having cancellation_slot_type and get_cancellation_slot();
// otherwise the default (an unconnected cancellation_slot) means "not cancellable".
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/cancellation_slot.hpp"

namespace ringport {

namespace detail {
template <typename T>
concept has_cancellation_slot_type = requires {
  typename T::cancellation_slot_type;
};
}  // namespace detail

/// The slot through which the operation of a handler of type `T` can be cancelled:
/// `CancellationSlot` (by default an unconnected cancellation_slot, which means "not
/// cancellable") unless T names its own with cancellation_slot_type and
/// get_cancellation_slot().
template <typename T, typename CancellationSlot = cancellation_slot>
struct associated_cancellation_slot {
  /// @name Members
  //@{
  /// The associated slot type, and get(), which returns it (here `s`, the candidate).
  using type = CancellationSlot;
  static type get(const T&, const CancellationSlot& s = CancellationSlot()) noexcept { return s; }
  //@}
};

/// A type with a nested cancellation_slot_type: its get_cancellation_slot().
template <detail::has_cancellation_slot_type T, typename CancellationSlot>
struct associated_cancellation_slot<T, CancellationSlot> {
  /// @name Members
  //@{
  /// The associated slot type, and get(), which returns `t.get_cancellation_slot()`.
  using type = typename T::cancellation_slot_type;
  static type get(const T& t, const CancellationSlot& = CancellationSlot()) noexcept {
    return t.get_cancellation_slot();
  }
  //@}
};

/// The cancellation slot type associated with `T`
/// (associated_cancellation_slot<T, CancellationSlot>::type).
template <typename T, typename CancellationSlot = cancellation_slot>
using associated_cancellation_slot_t =
    typename associated_cancellation_slot<T, CancellationSlot>::type;

/// @name get_associated_cancellation_slot
//@{
/// The cancellation slot associated with `t`:
/// associated_cancellation_slot<T, CancellationSlot>::get(t, s), where `s` defaults to an
/// unconnected cancellation_slot.
template <typename T>
[[nodiscard]] associated_cancellation_slot_t<T> get_associated_cancellation_slot(
    const T& t) noexcept {
  return associated_cancellation_slot<T>::get(t);
}

template <typename T, typename CancellationSlot>
[[nodiscard]] associated_cancellation_slot_t<T, CancellationSlot> get_associated_cancellation_slot(
    const T& t, const CancellationSlot& s) noexcept {
  return associated_cancellation_slot<T, CancellationSlot>::get(t, s);
}
//@}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/cancellation_signal.hpp"
