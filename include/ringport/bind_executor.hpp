// executor_binder and bind_executor(): attach an executor to a handler (or completion token),
// so the operation it completes runs it there, e.g. bind_executor(strand, handler).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/execution.hpp"
#include "ringport/uses_executor.hpp"

#include <functional>
#include <type_traits>
#include <utility>

namespace ringport {

class execution_context;

/// A handler (or completion token) bound to an executor (Asio's executor_binder): its associated
/// executor is the bound one; bind_executor() makes one.
template <typename T, typename Executor>
class executor_binder {
 public:
  /// @name Types
  //@{
  /// The target (the handler or token) type and the type of the bound executor.
  using target_type = T;
  using executor_type = Executor;

  //@}
  /// @name Construction and assignment
  //@{
  /// Binds the target `u` to the executor given; copies and moves copy or move the target and the
  /// executor; a binder made from another binder takes its target, with the executor given (if any)
  /// or that binder's.
  template <typename U>
  executor_binder(executor_arg_t, const executor_type& e, U&& u)
      : executor_(e), target_(make_target(e, std::forward<U>(u))) {}

  executor_binder(const executor_binder&) = default;
  executor_binder(executor_binder&&) = default;

  /// Rebinds another binder's target to the executor `e`.
  executor_binder(executor_arg_t, const executor_type& e, const executor_binder& other)
      : executor_(e), target_(make_target(e, other.get())) {}
  executor_binder(executor_arg_t, const executor_type& e, executor_binder&& other)
      : executor_(e), target_(make_target(e, std::move(other.get()))) {}

  template <typename U, typename OtherExecutor>
  requires(std::is_constructible_v<T, const U&>&&
               std::is_constructible_v<Executor, const OtherExecutor&>)
      executor_binder(const executor_binder<U, OtherExecutor>& other)
      : executor_(other.get_executor()), target_(make_target(executor_, other.get())) {}
  template <typename U, typename OtherExecutor>
  requires(
      std::is_constructible_v<T, U&&>&& std::is_constructible_v<Executor, const OtherExecutor&>)
      executor_binder(executor_binder<U, OtherExecutor>&& other)
      : executor_(other.get_executor()), target_(make_target(executor_, std::move(other.get()))) {}
  template <typename U, typename OtherExecutor>
  executor_binder(executor_arg_t, const executor_type& e,
                  const executor_binder<U, OtherExecutor>& other)
      : executor_(e), target_(make_target(e, other.get())) {}
  template <typename U, typename OtherExecutor>
  executor_binder(executor_arg_t, const executor_type& e, executor_binder<U, OtherExecutor>&& other)
      : executor_(e), target_(make_target(e, std::move(other.get()))) {}

  ~executor_binder() = default;

  //@}
  /// @name Access
  //@{
  /// The target, and the bound executor (get_executor()).
  target_type& get() noexcept { return target_; }
  const target_type& get() const noexcept { return target_; }
  executor_type get_executor() const noexcept { return executor_; }

  //@}
  /// @name Calling
  //@{
  /// Constrained, so that asking whether a binder is callable some way (is it a completion
  /// condition? a connect condition?) is answered by its target, never a hard error.
  template <typename... Args>
  requires std::is_invocable_v<T&, Args&&...> std::invoke_result_t<T&, Args&&...>
  operator()(Args&&... args) & { return std::invoke(target_, std::forward<Args>(args)...); }
  template <typename... Args>
  requires std::is_invocable_v<const T&, Args&&...> std::invoke_result_t<const T&, Args&&...>
  operator()(Args&&... args) const& { return std::invoke(target_, std::forward<Args>(args)...); }
  /// Handlers are usually invoked as rvalues; a target that is only lvalue-callable still works.
  template <typename... Args>
  requires std::is_invocable_v<T&&, Args&&...> std::invoke_result_t<T&&, Args&&...>
  operator()(Args&&... args) && {
    return std::invoke(std::move(target_), std::forward<Args>(args)...);
  }
  template <typename... Args>
  requires(!std::is_invocable_v<T&&, Args&&...> &&
           std::is_invocable_v<T&, Args&&...>) std::invoke_result_t<T&, Args&&...>
  operator()(Args&&... args) && { return std::invoke(target_, std::forward<Args>(args)...); }

  //@}
 private:
  template <typename U>
  static T make_target(const executor_type& e, U&& u) {
    if constexpr (uses_executor_v<T, Executor> &&
                  std::is_constructible_v<T, executor_arg_t, const executor_type&, U&&>)
      return T(executor_arg, e, std::forward<U>(u));
    else
      return T(std::forward<U>(u));
  }

  Executor executor_;
  T target_;
};

/// @name Binding an executor
//@{
/// Binds the executor `ex` (or the execution context's get_executor()) to `t` (a handler or
/// completion token): the result's associated executor is that executor.
template <typename Executor, typename T>
requires execution::executor<Executor> executor_binder<std::decay_t<T>, Executor> bind_executor(
    const Executor& ex, T&& t) {
  return executor_binder<std::decay_t<T>, Executor>(executor_arg, ex, std::forward<T>(t));
}

template <typename ExecutionContext, typename T>
requires std::is_convertible_v<ExecutionContext&, execution_context&> executor_binder <
    std::decay_t<T>,
typename ExecutionContext::executor_type > bind_executor(ExecutionContext& ctx, T&& t) {
  return executor_binder<std::decay_t<T>, typename ExecutionContext::executor_type>(
      executor_arg, ctx.get_executor(), std::forward<T>(t));
}
//@}

/// The bound executor wins over whatever the target would have named.
template <typename T, typename Executor, typename Executor1>
struct associated_executor<executor_binder<T, Executor>, Executor1> {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns it.
  using type = Executor;
  static type get(const executor_binder<T, Executor>& b, const Executor1& = Executor1()) noexcept {
    return b.get_executor();
  }
  //@}
};

/// The allocator is still the target's.
template <typename T, typename Executor, typename Allocator>
struct associated_allocator<executor_binder<T, Executor>, Allocator> {
  /// @name Members
  //@{
  /// The associated allocator type, and get(), which returns it.
  using type = associated_allocator_t<T, Allocator>;
  static type get(const executor_binder<T, Executor>& b,
                  const Allocator& a = Allocator()) noexcept {
    return associated_allocator<T, Allocator>::get(b.get(), a);
  }
  //@}
};

/// The cancellation slot is still the target's.
template <typename T, typename Executor, typename CancellationSlot>
struct associated_cancellation_slot<executor_binder<T, Executor>, CancellationSlot> {
  /// @name Members
  //@{
  /// The associated cancellation slot type, and get(), which returns it.
  using type = associated_cancellation_slot_t<T, CancellationSlot>;
  static type get(const executor_binder<T, Executor>& b,
                  const CancellationSlot& s = CancellationSlot()) noexcept {
    return associated_cancellation_slot<T, CancellationSlot>::get(b.get(), s);
  }
  //@}
};

namespace detail {
template <typename Executor>
struct rebind_executor {
  template <typename Handler>
  executor_binder<std::decay_t<Handler>, Executor> operator()(const Executor& ex,
                                                              Handler&& handler) const {
    return executor_binder<std::decay_t<Handler>, Executor>(executor_arg, ex,
                                                            std::forward<Handler>(handler));
  }
};
}  // namespace detail

/// A bound completion token: the token's own async_result does the work, and the handler it
/// produces is bound to the executor again (bind_executor(strand, use_future) works).
template <typename T, typename Executor, completion_signature... Signatures>
class async_result<executor_binder<T, Executor>, Signatures...>
    : public detail::forwarded_return_type<async_result<T, Signatures...>> {
 public:
  /// Initiates the operation as the target token would, binding the handler that token produces.
  template <typename Initiation, typename RawCompletionToken, typename... Args>
  static decltype(auto) initiate(Initiation&& initiation, RawCompletionToken&& token,
                                 Args&&... args) {
    using wrapper = detail::bound_initiation<std::decay_t<Initiation>, Executor,
                                             detail::rebind_executor<Executor>>;
    return async_initiate<detail::bound_target_token_t<RawCompletionToken, T>, Signatures...>(
        wrapper(token.get_executor(), std::forward<Initiation>(initiation)), token.get(),
        std::forward<Args>(args)...);
  }
};

}  // namespace ringport
