// cancellation_signal: the emitting end of per-operation cancellation. An operation started
// with a handler whose associated cancellation slot comes from this signal installs a handler
// in that slot; emit() calls it. The signal owns the handler's memory and must outlive every
// use of its slots. Not thread-safe: emit from the context the operation's handler runs in.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/cancellation_signal_state.hpp"

namespace ringport {

/// The emitting end of per-operation cancellation (Asio's cancellation_signal): emit() calls
/// the handler an operation installed in the signal's slot. It is neither copyable nor
/// movable.
class cancellation_signal {
 public:
  /// @name Construction and destruction
  //@{
  /// A signal with no handler installed.
  cancellation_signal() noexcept = default;
  cancellation_signal(const cancellation_signal&) = delete;
  cancellation_signal& operator=(const cancellation_signal&) = delete;
  ~cancellation_signal() = default;

  //@}
  /// Calls the installed handler, if any, with `type`.
  void emit(cancellation_type type) { state_.emit(type); }

  /// The slot connected to this signal, for an operation to install its handler in.
  cancellation_slot slot() noexcept { return cancellation_slot(&state_); }

 private:
  detail::cancellation_signal_state state_;
};

}  // namespace ringport
