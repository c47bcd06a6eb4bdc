// bind_cancellation_slot(slot, handler): a handler whose associated cancellation slot is
// `slot`; every other association (executor, allocator) and the async_result of the target
// token are forwarded, so bind_cancellation_slot(slot, use_future) works like use_future.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/bound_initiation.hpp"

#include <functional>
#include <type_traits>
#include <utility>

namespace ringport {

/// A handler (or completion token) bound to a cancellation slot (Asio's cancellation_slot_binder):
/// its associated cancellation slot is the bound one; bind_cancellation_slot() makes one.
template <typename T, typename CancellationSlot>
class cancellation_slot_binder {
 public:
  /// @name Types
  //@{
  /// The target (the handler or token) type and the type of the bound cancellation slot.
  using target_type = T;
  using cancellation_slot_type = CancellationSlot;

  //@}
  /// @name Construction and assignment
  //@{
  /// Binds the target `u` to the cancellation slot given; copies and moves copy or move the target
  /// and the cancellation slot; a binder made from another binder takes its target, with the
  /// cancellation slot given (if any) or that binder's.
  template <typename U>
  cancellation_slot_binder(const cancellation_slot_type& s, U&& u)
      : slot_(s), target_(std::forward<U>(u)) {}

  cancellation_slot_binder(const cancellation_slot_binder&) = default;
  cancellation_slot_binder(cancellation_slot_binder&&) = default;

  cancellation_slot_binder(const cancellation_slot_type& s, const cancellation_slot_binder& other)
      : slot_(s), target_(other.get()) {}
  cancellation_slot_binder(const cancellation_slot_type& s, cancellation_slot_binder&& other)
      : slot_(s), target_(std::move(other.get())) {}

  template <typename U, typename OtherSlot>
  cancellation_slot_binder(const cancellation_slot_binder<U, OtherSlot>& other)
      : slot_(other.get_cancellation_slot()), target_(other.get()) {}
  template <typename U, typename OtherSlot>
  cancellation_slot_binder(cancellation_slot_binder<U, OtherSlot>&& other)
      : slot_(other.get_cancellation_slot()), target_(std::move(other.get())) {}
  template <typename U, typename OtherSlot>
  cancellation_slot_binder(const cancellation_slot_type& s,
                           const cancellation_slot_binder<U, OtherSlot>& other)
      : slot_(s), target_(other.get()) {}
  template <typename U, typename OtherSlot>
  cancellation_slot_binder(const cancellation_slot_type& s,
                           cancellation_slot_binder<U, OtherSlot>&& other)
      : slot_(s), target_(std::move(other.get())) {}

  cancellation_slot_binder& operator=(const cancellation_slot_binder&) = default;
  cancellation_slot_binder& operator=(cancellation_slot_binder&&) = default;

  //@}
  /// @name Access
  //@{
  /// The target, and the bound cancellation slot (get_cancellation_slot()).
  target_type& get() noexcept { return target_; }
  const target_type& get() const noexcept { return target_; }
  cancellation_slot_type get_cancellation_slot() const noexcept { return slot_; }

  //@}
  /// @name Calling
  //@{
  /// Calls the target with `args`.
  template <typename... Args>
  std::invoke_result_t<T&, Args...> operator()(Args&&... args) & {
    return std::invoke(target_, std::forward<Args>(args)...);
  }
  template <typename... Args>
  std::invoke_result_t<const T&, Args...> operator()(Args&&... args) const& {
    return std::invoke(target_, std::forward<Args>(args)...);
  }
  template <typename... Args>
  std::invoke_result_t<T&&, Args...> operator()(Args&&... args) && {
    return std::invoke(std::move(target_), std::forward<Args>(args)...);
  }

  //@}
 private:
  CancellationSlot slot_;
  T target_;
};

/// Binds the cancellation slot `s` to `t` (a handler or completion token): the result's
/// associated cancellation slot is `s`.
template <typename CancellationSlot, typename T>
[[nodiscard]] cancellation_slot_binder<std::decay_t<T>, CancellationSlot> bind_cancellation_slot(
    const CancellationSlot& s, T&& t) {
  return cancellation_slot_binder<std::decay_t<T>, CancellationSlot>(s, std::forward<T>(t));
}

/// The binder is transparent for the other associations.
template <typename T, typename CancellationSlot, typename Executor>
struct associated_executor<cancellation_slot_binder<T, CancellationSlot>, Executor> {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns it.
  using type = associated_executor_t<T, Executor>;
  static type get(const cancellation_slot_binder<T, CancellationSlot>& b,
                  const Executor& ex = Executor()) noexcept {
    return associated_executor<T, Executor>::get(b.get(), ex);
  }
  //@}
};

/// associated_allocator for a cancellation_slot_binder: the target's (the binder is transparent for
/// it).
template <typename T, typename CancellationSlot, typename Allocator>
struct associated_allocator<cancellation_slot_binder<T, CancellationSlot>, Allocator> {
  /// @name Members
  //@{
  /// The associated allocator type, and get(), which returns it.
  using type = associated_allocator_t<T, Allocator>;
  static type get(const cancellation_slot_binder<T, CancellationSlot>& b,
                  const Allocator& a = Allocator()) noexcept {
    return associated_allocator<T, Allocator>::get(b.get(), a);
  }
  //@}
};

/// A bound token initiates as its target token would; the handler that token produces is
/// bound to the slot again before the operation sees it.
template <typename T, typename CancellationSlot, completion_signature... Signatures>
class async_result<cancellation_slot_binder<T, CancellationSlot>, Signatures...>
    : public detail::forwarded_return_type<async_result<T, Signatures...>> {
 public:
  /// Initiates the operation as the target token would, binding the handler that token produces.
  template <typename Initiation, typename RawCompletionToken, typename... Args>
  static decltype(auto) initiate(Initiation&& initiation, RawCompletionToken&& token,
                                 Args&&... args) {
    // An lvalue token (const or not) is copied by its target's async_result; an rvalue one
    // is moved.
    using target_token = detail::bound_target_token_t<RawCompletionToken, T>;
    return async_initiate<target_token, Signatures...>(
        init_wrapper<std::decay_t<Initiation>>(token.get_cancellation_slot(),
                                               std::forward<Initiation>(initiation)),
        token.get(), std::forward<Args>(args)...);
  }

 private:
  template <typename Initiation>
  class init_wrapper {
   public:
    template <typename Init>
    init_wrapper(const CancellationSlot& slot, Init&& init)
        : slot_(slot), initiation_(std::forward<Init>(init)) {}

    template <typename Handler, typename... Args>
    void operator()(Handler&& handler, Args&&... args) && {
      std::move(initiation_)(cancellation_slot_binder<std::decay_t<Handler>, CancellationSlot>(
                                 slot_, std::forward<Handler>(handler)),
                             std::forward<Args>(args)...);
    }
    template <typename Handler, typename... Args>
    void operator()(Handler&& handler, Args&&... args) const& {
      initiation_(cancellation_slot_binder<std::decay_t<Handler>, CancellationSlot>(
                      slot_, std::forward<Handler>(handler)),
                  std::forward<Args>(args)...);
    }

   private:
    CancellationSlot slot_;
    Initiation initiation_;
  };
};

}  // namespace ringport
