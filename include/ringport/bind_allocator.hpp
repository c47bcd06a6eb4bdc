// allocator_binder and bind_allocator(): attach an allocator to a handler (or completion
// token), so the operation it completes allocates its state with that allocator.
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

/// A handler (or completion token) bound to an allocator (Asio's allocator_binder): its associated
/// allocator is the bound one; bind_allocator() makes one.
template <typename T, typename Allocator>
class allocator_binder {
 public:
  /// @name Types
  //@{
  /// The target (the handler or token) type and the type of the bound allocator.
  using target_type = T;
  using allocator_type = Allocator;

  //@}
  /// @name Construction and assignment
  //@{
  /// Binds the target `u` to the allocator given; copies and moves copy or move the target and the
  /// allocator; a binder made from another binder takes its target, with the allocator given (if
  /// any) or that binder's.
  template <typename U>
  allocator_binder(const allocator_type& a, U&& u) : allocator_(a), target_(std::forward<U>(u)) {}

  allocator_binder(const allocator_binder&) = default;
  allocator_binder(allocator_binder&&) = default;

  /// Rebinds another binder's target to the allocator `a`.
  allocator_binder(const allocator_type& a, const allocator_binder& other)
      : allocator_(a), target_(other.get()) {}
  allocator_binder(const allocator_type& a, allocator_binder&& other)
      : allocator_(a), target_(std::move(other.get())) {}

  template <typename U, typename OtherAllocator>
  requires(std::is_constructible_v<T, const U&>&&
               std::is_constructible_v<Allocator, const OtherAllocator&>)
      allocator_binder(const allocator_binder<U, OtherAllocator>& other)
      : allocator_(other.get_allocator()), target_(other.get()) {}
  template <typename U, typename OtherAllocator>
  requires(
      std::is_constructible_v<T, U&&>&& std::is_constructible_v<Allocator, const OtherAllocator&>)
      allocator_binder(allocator_binder<U, OtherAllocator>&& other)
      : allocator_(other.get_allocator()), target_(std::move(other.get())) {}
  template <typename U, typename OtherAllocator>
  allocator_binder(const allocator_type& a, const allocator_binder<U, OtherAllocator>& other)
      : allocator_(a), target_(other.get()) {}
  template <typename U, typename OtherAllocator>
  allocator_binder(const allocator_type& a, allocator_binder<U, OtherAllocator>&& other)
      : allocator_(a), target_(std::move(other.get())) {}

  ~allocator_binder() = default;

  //@}
  /// @name Access
  //@{
  /// The target, and the bound allocator (get_allocator()).
  target_type& get() noexcept { return target_; }
  const target_type& get() const noexcept { return target_; }
  allocator_type get_allocator() const noexcept { return allocator_; }

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
  Allocator allocator_;
  T target_;
};

/// Binds the allocator `a` to `t` (a handler or completion token): the result's associated
/// allocator is `a`.
template <typename Allocator, typename T>
allocator_binder<std::decay_t<T>, Allocator> bind_allocator(const Allocator& a, T&& t) {
  return allocator_binder<std::decay_t<T>, Allocator>(a, std::forward<T>(t));
}

/// The bound allocator wins over whatever the target would have named.
template <typename T, typename Allocator, typename Allocator1>
struct associated_allocator<allocator_binder<T, Allocator>, Allocator1> {
  /// @name Members
  //@{
  /// The associated allocator type, and get(), which returns it.
  using type = Allocator;
  static type get(const allocator_binder<T, Allocator>& b,
                  const Allocator1& = Allocator1()) noexcept {
    return b.get_allocator();
  }
  //@}
};

/// The executor is still the target's.
template <typename T, typename Allocator, typename Executor>
struct associated_executor<allocator_binder<T, Allocator>, Executor> {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns it.
  using type = associated_executor_t<T, Executor>;
  static type get(const allocator_binder<T, Allocator>& b,
                  const Executor& ex = Executor()) noexcept {
    return associated_executor<T, Executor>::get(b.get(), ex);
  }
  //@}
};

/// The cancellation slot is still the target's.
template <typename T, typename Allocator, typename CancellationSlot>
struct associated_cancellation_slot<allocator_binder<T, Allocator>, CancellationSlot> {
  /// @name Members
  //@{
  /// The associated cancellation slot type, and get(), which returns it.
  using type = associated_cancellation_slot_t<T, CancellationSlot>;
  static type get(const allocator_binder<T, Allocator>& b,
                  const CancellationSlot& s = CancellationSlot()) noexcept {
    return associated_cancellation_slot<T, CancellationSlot>::get(b.get(), s);
  }
  //@}
};

namespace detail {
template <typename Allocator>
struct rebind_allocator {
  template <typename Handler>
  allocator_binder<std::decay_t<Handler>, Allocator> operator()(const Allocator& a,
                                                                Handler&& handler) const {
    return allocator_binder<std::decay_t<Handler>, Allocator>(a, std::forward<Handler>(handler));
  }
};
}  // namespace detail

/// A bound completion token: the token's own async_result does the work, and the handler it
/// produces is bound to the allocator again.
template <typename T, typename Allocator, completion_signature... Signatures>
class async_result<allocator_binder<T, Allocator>, Signatures...>
    : public detail::forwarded_return_type<async_result<T, Signatures...>> {
 public:
  /// Initiates the operation as the target token would, binding the handler that token produces.
  template <typename Initiation, typename RawCompletionToken, typename... Args>
  static decltype(auto) initiate(Initiation&& initiation, RawCompletionToken&& token,
                                 Args&&... args) {
    using wrapper = detail::bound_initiation<std::decay_t<Initiation>, Allocator,
                                             detail::rebind_allocator<Allocator>>;
    return async_initiate<detail::bound_target_token_t<RawCompletionToken, T>, Signatures...>(
        wrapper(token.get_allocator(), std::forward<Initiation>(initiation)), token.get(),
        std::forward<Args>(args)...);
  }
};

}  // namespace ringport
