// any_completion_handler<Signatures...>: a move-only, type-erased completion handler, so that
// an asynchronous operation can be implemented by a non-template function:
//
//   void start_op(int x, ringport::any_completion_handler<void(error_code, std::size_t)> h);
//
//   template <typename Token>
//   auto async_op(int x, Token&& token) {
//     return ringport::async_initiate<Token, void(error_code, std::size_t)>(
//         [](auto handler, int x) { start_op(x, std::move(handler)); }, token, x);
//   }
//
// It accepts any handler callable with every signature, and passes the handler's associated
// allocator, cancellation slot and executor through: operations started with it allocate,
// can be cancelled and complete exactly as with the handler itself. The handler lives in a
// block from its own allocator; calling the wrapper frees the block, then calls the handler
// once. Also any_completion_handler_allocator, the allocator that forwards to the handler's.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_completion_executor.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/detail/any_completion_handler_impl.hpp"

#include <concepts>
#include <cstddef>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename... Signatures>
class any_completion_handler;

/// Allocates through the handler held by an any_completion_handler, with that handler's
/// associated allocator. Copies compare equal when they refer to the same handler.
template <typename T, typename... Signatures>
class any_completion_handler_allocator {
 public:
  /// The type allocated.
  using value_type = T;

  /// The allocator for another type.
  template <typename U>
  struct rebind {
    /// The allocator for `U`, through the same handler.
    using other = any_completion_handler_allocator<U, Signatures...>;
  };

  /// An allocator for T through the same handler as `other`.
  template <typename U>
  constexpr any_completion_handler_allocator(
      const any_completion_handler_allocator<U, Signatures...>& other) noexcept
      : table_(other.table_), impl_(other.impl_) {}

  /// Throws std::bad_alloc when taken from an empty any_completion_handler.
  T* allocate(std::size_t n) const {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    if (table_ == nullptr) throw std::bad_alloc();
    return static_cast<T*>(table_->allocate(impl_, sizeof(T) * n, alignof(T)));
  }

  /// Returns memory that allocate() gave to the handler's allocator.
  void deallocate(T* p, std::size_t n) const noexcept {
    table_->deallocate(impl_, p, sizeof(T) * n, alignof(T));
  }

  friend constexpr bool operator==(const any_completion_handler_allocator& a,
                                   const any_completion_handler_allocator& b) noexcept {
    return a.table_ == b.table_ && a.impl_ == b.impl_;
  }

 private:
  template <typename, typename...>
  friend class any_completion_handler_allocator;

  const detail::any_completion_handler_fn_table<Signatures...>* table_;
  void* impl_;
};

/// The proto-allocator that any_completion_handler names as its allocator_type; rebind it
/// to allocate.
template <typename... Signatures>
class any_completion_handler_allocator<void, Signatures...> {
 public:
  /// void.
  using value_type = void;

  /// The allocator for another type.
  template <typename U>
  struct rebind {
    /// The allocator for `U`, through the same handler.
    using other = any_completion_handler_allocator<U, Signatures...>;
  };

  /// An allocator for T through the same handler as `other`.
  template <typename U>
  constexpr any_completion_handler_allocator(
      const any_completion_handler_allocator<U, Signatures...>& other) noexcept
      : table_(other.table_), impl_(other.impl_) {}

  friend constexpr bool operator==(const any_completion_handler_allocator& a,
                                   const any_completion_handler_allocator& b) noexcept {
    return a.table_ == b.table_ && a.impl_ == b.impl_;
  }

 private:
  template <typename, typename...>
  friend class any_completion_handler_allocator;
  friend class any_completion_handler<Signatures...>;

  constexpr any_completion_handler_allocator(
      const detail::any_completion_handler_fn_table<Signatures...>* table, void* impl) noexcept
      : table_(table), impl_(impl) {}

  const detail::any_completion_handler_fn_table<Signatures...>* table_;
  void* impl_;
};

/// A move-only, type-erased completion handler for the completion signatures `Signatures...`,
/// so that an asynchronous operation can be implemented by a non-template function (Asio's
/// any_completion_handler).
///
/// @code
/// void start_op(int x, ringport::any_completion_handler<void(error_code, std::size_t)> h);
///
/// template <typename Token>
/// auto async_op(int x, Token&& token) {
///   return ringport::async_initiate<Token, void(error_code, std::size_t)>(
///       [](auto handler, int x) { start_op(x, std::move(handler)); }, token, x);
/// }
/// @endcode
///
/// It accepts any handler callable with every signature, and passes the handler's associated
/// allocator, cancellation slot and executor through: operations started with it allocate, can
/// be cancelled and complete exactly as with the handler itself. The handler lives in a block
/// from its own allocator; calling the wrapper frees the block, then calls the handler once.
template <typename... Signatures>
class any_completion_handler {
  static_assert(sizeof...(Signatures) > 0, "any_completion_handler needs a signature");
  static_assert((detail::is_plain_call_signature<Signatures>::value && ...),
                "any_completion_handler takes call signatures R(Args...) without qualifiers");

  using fn_table = detail::any_completion_handler_fn_table<Signatures...>;

 public:
  /// @name Associated types
  //@{
  /// The allocator (which allocates through the handler's associated allocator) and the
  /// cancellation slot type (the handler's associated slot) the wrapper passes through.
  using allocator_type = any_completion_handler_allocator<void, Signatures...>;
  using cancellation_slot_type = cancellation_slot;
  //@}

  /// @name Empty wrappers
  //@{
  /// A wrapper that holds no handler.
  constexpr any_completion_handler() noexcept = default;
  constexpr any_completion_handler(std::nullptr_t) noexcept {}
  //@}

  /// Takes the handler; a handler that cannot be called with one of the signatures is
  /// turned away at compile time.
  template <typename H, typename Handler = std::decay_t<H>>
  requires(!std::is_same_v<Handler, any_completion_handler> &&
           std::constructible_from<Handler, H> && completion_handler_for<Handler, Signatures...>)
      any_completion_handler(H&& h)
      : table_(&detail::any_completion_handler_table<Handler, Signatures...>),
        impl_(detail::any_completion_handler_impl<Handler>::create(std::forward<H>(h))) {}

  /// @name Moves
  //@{
  /// Moves take the handler along and leave the source empty; assigning from another wrapper or
  /// from nullptr first destroys the handler this one held (without calling it).
  any_completion_handler(any_completion_handler&& other) noexcept
      : table_(std::exchange(other.table_, nullptr)), impl_(std::exchange(other.impl_, nullptr)) {}

  any_completion_handler& operator=(any_completion_handler&& other) noexcept {
    any_completion_handler(std::move(other)).swap(*this);
    return *this;
  }

  any_completion_handler& operator=(std::nullptr_t) noexcept {
    any_completion_handler().swap(*this);
    return *this;
  }
  //@}

  /// Destroys a handler that was never called.
  ~any_completion_handler() {
    if (impl_) table_->destroy(impl_);
  }

  /// Exchanges the handlers of the two wrappers.
  void swap(any_completion_handler& other) noexcept {
    std::swap(table_, other.table_);
    std::swap(impl_, other.impl_);
  }
  friend void swap(any_completion_handler& a, any_completion_handler& b) noexcept { a.swap(b); }

  /// @name Emptiness
  //@{
  /// Whether the wrapper holds a handler (operator bool), or holds none (operator!).
  explicit constexpr operator bool() const noexcept { return impl_ != nullptr; }
  constexpr bool operator!() const noexcept { return impl_ == nullptr; }
  //@}

  /// A template, so that no conversion to this type is tried when ADL offers it for
  /// unrelated operands (see any_io_executor). C++20 derives != and the reversed forms.
  template <std::same_as<any_completion_handler> T>
  friend constexpr bool operator==(const T& a, std::nullptr_t) noexcept {
    return !a;
  }

  /// @name Associated allocator and cancellation slot
  //@{
  /// The allocator that allocates through the handler's associated allocator (it throws
  /// std::bad_alloc when the wrapper is empty), and the handler's associated cancellation slot
  /// (an unconnected slot when the wrapper is empty).
  allocator_type get_allocator() const noexcept { return allocator_type(table_, impl_); }

  cancellation_slot_type get_cancellation_slot() const noexcept {
    return impl_ ? table_->slot(impl_) : cancellation_slot_type();
  }
  //@}

  /// Calls the handler with the signature that the arguments select, after freeing the
  /// block it lived in; the wrapper is empty afterwards. An empty wrapper throws
  /// std::bad_function_call.
  template <typename... Args>
  auto operator()(Args&&... args)
      -> decltype(std::declval<const fn_table&>().call(nullptr, std::forward<Args>(args)...)) {
    if (impl_ == nullptr) throw std::bad_function_call();
    const fn_table* table = std::exchange(table_, nullptr);
    return table->call(std::exchange(impl_, nullptr), std::forward<Args>(args)...);
  }

 private:
  template <typename, typename>
  friend struct associated_executor;

  // The handler's associated executor, with `candidate` standing in when it has none.
  template <typename Candidate>
  any_completion_executor executor(const Candidate& candidate) const noexcept {
    any_completion_executor any_candidate(std::nothrow, candidate);
    return impl_ ? table_->executor(impl_, any_candidate) : any_candidate;
  }

  const fn_table* table_ = nullptr;
  void* impl_ = nullptr;
};

/// The associated executor of the wrapped handler, as an any_completion_executor; the
/// candidate when the handler has none (or the wrapper is empty).
template <typename... Signatures, typename Candidate>
struct associated_executor<any_completion_handler<Signatures...>, Candidate> {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns it.
  using type = any_completion_executor;
  static type get(const any_completion_handler<Signatures...>& h,
                  const Candidate& candidate = Candidate()) noexcept {
    return h.executor(candidate);
  }
  //@}
};

}  // namespace ringport
