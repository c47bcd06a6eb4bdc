// cancellation_slot: a lightweight handle through which an asynchronous operation installs
// the handler that its cancellation_signal will call. Copies refer to the same signal; a
// default-constructed slot is not connected to any signal.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/cancellation_signal_state.hpp"

#include <cassert>
#include <type_traits>
#include <utility>

namespace ringport {

class cancellation_signal;

/// The receiving end of a cancellation_signal, where an operation installs the handler that
/// the signal's emit() calls (Asio's cancellation_slot). A default-constructed slot is not
/// connected to any signal.
class cancellation_slot {
 public:
  /// A slot connected to no signal.
  constexpr cancellation_slot() noexcept = default;

  /// Destroys any handler in the slot, then constructs a CancellationHandler from `args` in
  /// the signal's memory (reused when large enough). The handler needs not be copyable or
  /// movable. Returns the installed handler.
  template <typename CancellationHandler, typename... Args>
  CancellationHandler& emplace(Args&&... args) {
    assert(state_ != nullptr && "emplace() on a slot that is not connected");
    return state_->emplace<CancellationHandler>(std::forward<Args>(args)...);
  }

  /// Installs a decay-copy of `handler`, destroying any previous one.
  template <typename CancellationHandler>
  std::decay_t<CancellationHandler>& assign(CancellationHandler&& handler) {
    return emplace<std::decay_t<CancellationHandler>>(std::forward<CancellationHandler>(handler));
  }

  /// Destroys the installed handler, if any.
  void clear() noexcept {
    if (state_ != nullptr) state_->clear();
  }

  /// @name State
  //@{
  /// Whether the slot is connected to a signal, and whether a handler is installed in it.
  constexpr bool is_connected() const noexcept { return state_ != nullptr; }
  bool has_handler() const noexcept { return state_ != nullptr && state_->has_handler(); }

  //@}
  /// @name Comparison
  //@{
  /// Slots are equal when they are connected to the same signal (or both to none).
  friend constexpr bool operator==(const cancellation_slot& a,
                                   const cancellation_slot& b) noexcept {
    return a.state_ == b.state_;
  }
  friend constexpr bool operator!=(const cancellation_slot& a,
                                   const cancellation_slot& b) noexcept {
    return a.state_ != b.state_;
  }

  //@}
 private:
  friend class cancellation_signal;
  constexpr explicit cancellation_slot(detail::cancellation_signal_state* state) noexcept
      : state_(state) {}

  detail::cancellation_signal_state* state_ = nullptr;
};

}  // namespace ringport
