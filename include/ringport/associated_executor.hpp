// associated_executor<T, Executor>: the executor on which a handler wants to run.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/system_executor_fwd.hpp"
#include "ringport/execution/blocking.hpp"
#include "ringport/execution/relationship.hpp"

#include <memory>
#include <type_traits>

namespace ringport {

class execution_context;

/// The system executor (Asio's system_executor): basic_system_executor with
/// blocking.possibly, relationship.fork and std::allocator<void>.
using system_executor =
    basic_system_executor<execution::blocking_t::possibly_t, execution::relationship_t::fork_t,
                          std::allocator<void>>;

/// The executor on which a handler (or other object) of type `T` wants to run: `Executor` (by
/// default system_executor) unless T names its own.
///
/// Specialize it for a type that names its executor some other way.
template <typename T, typename Executor = system_executor>
struct associated_executor {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns it (here `ex`, the candidate).
  using type = Executor;
  static type get(const T&, const Executor& ex = Executor()) noexcept { return ex; }
  //@}
  /// @cond internal
  // Marks the primary template, whose get() returns the candidate unchanged: operations then
  // use the candidate they already hold instead of copying it (a copy of a polymorphic
  // executor is an indirect call).
  using ringport_returns_candidate = void;
  /// @endcond
};

/// A type with a nested executor_type: its get_executor().
template <typename T, typename Executor>
requires requires {
  typename T::executor_type;
}
struct associated_executor<T, Executor> {
  /// @name Members
  //@{
  /// The associated executor type, and get(), which returns `t.get_executor()`.
  using type = typename T::executor_type;
  static type get(const T& t, const Executor& = Executor()) noexcept { return t.get_executor(); }
  //@}
};

/// The executor type associated with `T` (associated_executor<T, Executor>::type).
template <typename T, typename Executor = system_executor>
using associated_executor_t = typename associated_executor<T, Executor>::type;

/// @name get_associated_executor
//@{
/// The executor associated with `t`: associated_executor<T, Executor>::get(t, ex), where `ex`
/// defaults to a system_executor; given an execution context, its get_executor() is the
/// candidate.
template <typename T>
associated_executor_t<T> get_associated_executor(const T& t) noexcept {
  return associated_executor<T>::get(t);
}

template <typename T, typename Executor>
requires(!std::is_base_of_v<execution_context, Executor>)
    associated_executor_t<T, Executor> get_associated_executor(const T& t, const Executor& ex)
noexcept {
  return associated_executor<T, Executor>::get(t, ex);
}

template <typename T, typename ExecutionContext>
requires std::is_base_of_v<execution_context, ExecutionContext>
    associated_executor_t<T, typename ExecutionContext::executor_type> get_associated_executor(
        const T& t, ExecutionContext& ctx)
noexcept {
  return associated_executor<T, typename ExecutionContext::executor_type>::get(t,
                                                                               ctx.get_executor());
}
//@}

}  // namespace ringport

// The default associated executor must be complete wherever a handler without one is
// submitted (post(handler), dispatch(handler)); system_executor.hpp includes this header
// first, so the alias above is already declared when it is read.
#include "ringport/system_executor.hpp"

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_allocator.hpp"
#include "ringport/async_result.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution/bad_executor.hpp"
#include <csignal>
