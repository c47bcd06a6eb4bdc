// cancellation_state: what a composed operation keeps about cancellation. It installs a
// handler in the parent slot (the one associated with the caller's handler) that records
// which cancellation was requested (through an input filter) and re-emits it (through an
// output filter) to a signal of its own, whose slot the composed operation hands to its
// child operations.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"

#include <utility>

namespace ringport {

/// Lets through only the cancellation types in Mask.
template <cancellation_type Mask>
struct cancellation_filter {
  /// `type` with the types outside Mask removed.
  cancellation_type operator()(cancellation_type type) const noexcept { return type & Mask; }
};

/// @name Filters
//@{
/// The filters Asio names: disable_cancellation lets nothing through, enable_terminal_cancellation
/// only terminal, enable_partial_cancellation terminal and partial, enable_total_cancellation
/// terminal, partial and total.
using disable_cancellation = cancellation_filter<cancellation_type::none>;
using enable_terminal_cancellation = cancellation_filter<cancellation_type::terminal>;
using enable_partial_cancellation =
    cancellation_filter<cancellation_type::terminal | cancellation_type::partial>;
using enable_total_cancellation =
    cancellation_filter<cancellation_type::terminal | cancellation_type::partial |
                        cancellation_type::total>;
//@}

/// The cancellation state of a composed operation (Asio's cancellation_state): installed in
/// the parent's slot, it records the cancellation types emitted there (through an input
/// filter) and passes them on (through an output filter) to the slot it offers child
/// operations.
class cancellation_state {
 public:
  /// @name Construction
  //@{
  /// A state attached to no slot (nothing is ever cancelled); the others install it in `slot`
  /// when the slot is connected, with the filters given.
  constexpr cancellation_state() noexcept = default;

  /// Both filters default to enable_terminal_cancellation.
  template <typename CancellationSlot>
  explicit cancellation_state(CancellationSlot slot)
      : impl_(slot.is_connected() ? &slot.template emplace<impl<>>() : nullptr) {}

  template <typename CancellationSlot, typename Filter>
  cancellation_state(CancellationSlot slot, Filter filter)
      : impl_(slot.is_connected() ? &slot.template emplace<impl<Filter, Filter>>(filter, filter)
                                  : nullptr) {}

  template <typename CancellationSlot, typename InFilter, typename OutFilter>
  cancellation_state(CancellationSlot slot, InFilter in_filter, OutFilter out_filter)
      : impl_(slot.is_connected() ? &slot.template emplace<impl<InFilter, OutFilter>>(
                                        std::move(in_filter), std::move(out_filter))
                                  : nullptr) {}

  //@}
  /// The slot to associate with child operations (unconnected when the parent slot was).
  cancellation_slot slot() const noexcept {
    return impl_ ? impl_->signal_.slot() : cancellation_slot();
  }

  /// The cancellation types requested so far (after the input filter).
  cancellation_type cancelled() const noexcept {
    return impl_ ? impl_->cancelled_ : cancellation_type::none;
  }

  /// Forgets the cancellation types in `mask` recorded so far.
  void clear(cancellation_type mask = cancellation_type::all) noexcept {
    if (impl_) impl_->cancelled_ &= ~mask;
  }

 private:
  // Lives in the parent signal's memory; the parent slot's clear() or next emplace() ends it.
  struct impl_base {
    cancellation_signal signal_;
    cancellation_type cancelled_ = cancellation_type::none;
  };

  template <typename InFilter = enable_terminal_cancellation, typename OutFilter = InFilter>
  struct impl : impl_base {
    impl() = default;
    impl(InFilter in, OutFilter out) : in_filter_(std::move(in)), out_filter_(std::move(out)) {}

    void operator()(cancellation_type in) {
      this->cancelled_ = in_filter_(in);
      cancellation_type out = out_filter_(this->cancelled_);
      if (out != cancellation_type::none) this->signal_.emit(out);
    }

    InFilter in_filter_;
    OutFilter out_filter_;
  };

  impl_base* impl_ = nullptr;
};

}  // namespace ringport
