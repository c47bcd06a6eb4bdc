// detached: the completion token that says "nothing to tell". Its handler ignores every
// completion argument. As in Asio, co_spawn(ex, a, detached) drops an exception that escapes
// the coroutine (Asio's detached handler swallows the exception_ptr; see
// chriskohlhoff/asio#1110, "detached just swallows everything").
#pragma once

#include "ringport/detail/config.hpp"
#include <type_traits>

namespace ringport {

/// The completion token that says "nothing to tell": its handler ignores every completion
/// argument.
///
/// co_spawn(ex, a, detached) drops an exception that escapes the coroutine, as Asio's does.
class detached_t {
 public:
  constexpr detached_t() noexcept = default;

  /// The handler: ignores its arguments.
  template <typename... Args>
  void operator()(Args&&...) const noexcept {}

  /// An executor that names detached_t as its default completion token.
  template <typename InnerExecutor>
  struct executor_with_default : InnerExecutor {
    /// @name Members
    //@{
    /// detached_t is the default token; it is built from the inner executor (or one that
    /// converts to it).
    using default_completion_token_type = detached_t;
    executor_with_default(const InnerExecutor& ex) noexcept : InnerExecutor(ex) {}
    template <typename OtherExecutor>
    requires(!std::is_same_v<std::decay_t<OtherExecutor>, executor_with_default> &&
             std::is_convertible_v<OtherExecutor, InnerExecutor>)
        executor_with_default(const OtherExecutor& ex)
    noexcept : InnerExecutor(ex) {}
    //@}
  };

  /// The type of an I/O object `T` on an executor_with_default.
  template <typename T>
  using as_default_on_t =
      typename T::template rebind_executor<executor_with_default<typename T::executor_type>>::other;
};

/// The completion token that says "nothing to tell": its handler ignores every completion
/// argument. As in Asio, co_spawn(ex, a, detached) drops an exception that escapes the
/// coroutine.
inline constexpr detached_t detached;

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/async_result.hpp"
