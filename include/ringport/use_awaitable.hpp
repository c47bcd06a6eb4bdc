// use_awaitable: the completion token that makes an asynchronous operation return an
// awaitable, to be co_awaited inside a coroutine of the same executor type.
//
//   std::size_t n = co_await socket.async_read_some(buf, ringport::use_awaitable);
//
// A leading error_code that is set is thrown as system_error, a leading exception_ptr that
// is set is rethrown; the remaining arguments give void, the value, or a std::tuple.
// use_awaitable_t<Executor>::as_default_on(object) (and as_default_on_t<T>) make it the
// default token of an I/O object.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/detail/awaitable_op.hpp"

#include <type_traits>
#include <utility>

// GCC 12 warns (-Wsubobject-linkage) when a coroutine frame made from these templates holds a
// lambda of a test or of a function in an anonymous namespace; the frame type is local to the
// translation unit anyway.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

namespace ringport {

/// The completion token that makes an asynchronous operation return an awaitable, to be
/// co_awaited in a coroutine (Asio's use_awaitable_t; use_awaitable is its instance). The
/// operation starts when the result is co_awaited.
template <typename Executor = any_io_executor>
struct use_awaitable_t {
  constexpr use_awaitable_t() noexcept = default;
  /// Asio's source-location constructor; the location is not recorded.
  constexpr use_awaitable_t(const char*, int, const char*) noexcept {}

  /// An executor that names use_awaitable_t as its default completion token.
  template <typename InnerExecutor>
  struct executor_with_default : InnerExecutor {
    /// @name Members
    //@{
    /// use_awaitable_t is the default token; it is built from the inner executor (or one that
    /// converts to it).
    using default_completion_token_type = use_awaitable_t;

    executor_with_default(const InnerExecutor& ex) noexcept : InnerExecutor(ex) {}

    template <typename OtherExecutor>
    requires(!std::is_same_v<std::decay_t<OtherExecutor>, executor_with_default> &&
             std::is_convertible_v<OtherExecutor, InnerExecutor>)
        executor_with_default(const OtherExecutor& ex)
    noexcept : InnerExecutor(ex) {}
    //@}
  };

  /// @name Making use_awaitable the default token
  //@{
  /// The type of an I/O object on an executor_with_default, and as_default_on(), which converts
  /// an I/O object to it.
  template <typename T>
  using as_default_on_t =
      typename T::template rebind_executor<executor_with_default<typename T::executor_type>>::other;

  template <typename T>
  static typename std::decay_t<T>::template rebind_executor<
      executor_with_default<typename std::decay_t<T>::executor_type>>::other
  as_default_on(T&& object) {
    return typename std::decay_t<T>::template rebind_executor<executor_with_default<
        typename std::decay_t<T>::executor_type>>::other(std::forward<T>(object));
  }
  //@}
};

/// The completion token that makes an asynchronous operation return an awaitable, to be
/// co_awaited inside a coroutine of the same executor type. A leading error_code that is set is
/// thrown as system_error, a leading exception_ptr that is set is rethrown; the remaining
/// arguments give void, the value, or a std::tuple.
inline constexpr use_awaitable_t<> use_awaitable;

/// async_result for use_awaitable_t: the initiating function returns an awaitable of the
/// operation's completion values.
template <typename Executor, typename R, typename... Args>
class async_result<use_awaitable_t<Executor>, R(Args...)> {
 public:
  /// The awaitable the initiating function returns.
  using return_type = awaitable<detail::awaitable_op_value_t<std::decay_t<Args>...>, Executor>;

  /// A coroutine: the initiation and its arguments are kept in its frame and the operation
  /// starts when the result is co_awaited (lazily, as in Asio).
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static return_type initiate(Initiation initiation, RawToken, InitArgs... args) {
    // A named awaiter, not a temporary of the co_await expression (GCC 12 mishandles some
    // temporaries that live across a suspension; see detail/co_spawn_entry.hpp).
    detail::awaitable_async_op<Executor, Initiation, std::tuple<InitArgs...>, std::decay_t<Args>...>
        op(std::move(initiation), std::tuple<InitArgs...>(std::move(args)...));
    co_return co_await std::move(op);
  }
};

}  // namespace ringport

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
