// The initiation wrappers of cancel_after and cancel_at: they build the operation of
// detail/cancel_after_op.hpp around the handler the target token produces, with a timer of
// their own on the operation's I/O executor or with the user's timer, then start it.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/cancel_after_op.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/initiation_base.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

// Deadline is Clock::duration (relative, from the start of the operation) or
// Clock::time_point (absolute).
template <typename Initiation, typename Clock, typename WaitTraits, typename Deadline,
          typename... Signatures>
class initiate_cancel_after : public initiation_base<Initiation> {
 public:
  template <typename I>
  initiate_cancel_after(I&& initiation, const Deadline& deadline, cancellation_type type)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        deadline_(deadline),
        type_(type) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    launch(std::move(this->initiation_), std::forward<Handler>(handler),
           std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    launch(this->initiation_, std::forward<Handler>(handler), std::forward<Args>(args)...);
  }

 private:
  template <typename Init, typename Handler, typename... Args>
  void launch(Init&& initiation, Handler&& handler, Args&&... args) const {
    auto ex = cancel_timer_executor(this->initiation_, handler);
    using timer_type = basic_waitable_timer<Clock, WaitTraits, decltype(ex)>;
    using op_type = cancel_after_op<std::decay_t<Handler>, timer_type, Signatures...>;
    op_type* op = allocate_op<op_type>(get_associated_allocator(handler),
                                       std::forward<Handler>(handler), type_, ex, deadline_);
    op->start(std::forward<Init>(initiation), std::forward<Args>(args)...);
  }

  Deadline deadline_;
  cancellation_type type_;
};

// The same with the user's timer: its expiry is set (which aborts its pending waits, as
// expires_after/expires_at do) and the operation waits on it.
template <typename Initiation, typename Clock, typename WaitTraits, typename Executor,
          typename Deadline, typename... Signatures>
class initiate_cancel_after_timer : public initiation_base<Initiation> {
 public:
  using timer_type = basic_waitable_timer<Clock, WaitTraits, Executor>;

  template <typename I>
  initiate_cancel_after_timer(I&& initiation, timer_type& timer, const Deadline& deadline,
                              cancellation_type type)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        timer_(&timer),
        deadline_(deadline),
        type_(type) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    launch(std::move(this->initiation_), std::forward<Handler>(handler),
           std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    launch(this->initiation_, std::forward<Handler>(handler), std::forward<Args>(args)...);
  }

 private:
  template <typename Init, typename Handler, typename... Args>
  void launch(Init&& initiation, Handler&& handler, Args&&... args) const {
    if constexpr (std::is_same_v<Deadline, typename Clock::time_point>)
      timer_->expires_at(deadline_);
    else
      timer_->expires_after(deadline_);
    using op_type = cancel_after_op<std::decay_t<Handler>, timer_type&, Signatures...>;
    op_type* op = allocate_op<op_type>(get_associated_allocator(handler),
                                       std::forward<Handler>(handler), type_, *timer_);
    op->start(std::forward<Init>(initiation), std::forward<Args>(args)...);
  }

  timer_type* timer_;
  Deadline deadline_;
  cancellation_type type_;
};

// A cancellation type where a token may stand picks the partial form of cancel_after and
// cancel_at (the overload that takes the type) rather than being taken for a token.
template <typename T>
concept cancel_token_arg = !std::is_same_v<std::decay_t<T>, cancellation_type>;

// The token a partial adapter (cancel_after(1s) used as the token itself) adapts: the
// default completion token of the operation's I/O executor.
template <typename Initiation>
using operation_default_token_t =
    default_completion_token_t<associated_executor_t<std::decay_t<Initiation>>>;

template <typename Initiation>
inline constexpr bool has_default_token_v = !std::is_void_v<operation_default_token_t<Initiation>>;

}  // namespace ringport::detail
