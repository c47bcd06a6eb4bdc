// The cancellation half of an intermediate handler (a composed operation's `self`): a
// cancellation_state hooked into the final handler's associated slot, and the members Asio
// gives `self` to inspect and re-filter it. Child operations see the state's own slot, so a
// cancellation requested on the final handler's slot reaches them only through the filters.
#pragma once

#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/cancellation_type.hpp"

#include <utility>

namespace ringport::detail {

class base_from_cancellation_state {
 public:
  using cancellation_slot_type = cancellation_slot;

  cancellation_slot_type get_cancellation_slot() const noexcept { return state_.slot(); }
  cancellation_state get_cancellation_state() const noexcept { return state_; }
  cancellation_type cancelled() const noexcept { return state_.cancelled(); }

 protected:
  // The filter argument (enable_terminal_cancellation, for a composed op) also keeps this
  // constructor from being taken for a move of a derived op: with one parameter it would be
  // the better match, and hook a fresh state into the op's own child slot.
  template <typename Handler, typename Filter>
  base_from_cancellation_state(const Handler& handler, Filter filter)
      : state_(get_associated_cancellation_slot(handler), std::move(filter)) {}
  base_from_cancellation_state(base_from_cancellation_state&&) noexcept = default;
  base_from_cancellation_state& operator=(base_from_cancellation_state&&) noexcept = default;

  // Re-hooks into the handler's slot, replacing the previous state (and with it whatever
  // handler a child operation had installed in the old state's slot).
  template <typename Handler>
  void reset_cancellation_state(const Handler& handler) {
    state_ = cancellation_state(get_associated_cancellation_slot(handler));
  }
  template <typename Handler, typename Filter>
  void reset_cancellation_state(const Handler& handler, Filter&& filter) {
    state_ =
        cancellation_state(get_associated_cancellation_slot(handler), std::forward<Filter>(filter));
  }
  template <typename Handler, typename InFilter, typename OutFilter>
  void reset_cancellation_state(const Handler& handler, InFilter&& in_filter,
                                OutFilter&& out_filter) {
    state_ =
        cancellation_state(get_associated_cancellation_slot(handler),
                           std::forward<InFilter>(in_filter), std::forward<OutFilter>(out_filter));
  }

  // A child operation that completed may have left its cancellation handler in the state's
  // slot; it must not be called for the next child.
  void clear_child_slot() noexcept { state_.slot().clear(); }

 private:
  cancellation_state state_;
};

}  // namespace ringport::detail
