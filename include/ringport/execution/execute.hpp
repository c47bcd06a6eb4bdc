// execution::execute(ex, f) and the executor concept.
#pragma once

#include "ringport/detail/config.hpp"
#include <concepts>
#include <type_traits>
#include <utility>

namespace ringport::execution {

namespace detail {
struct invocable_archetype {
  void operator()() const {}
};
}  // namespace detail

/// A function object type callable with no arguments, which the executor concept submits to
/// check an executor (Asio's execution::invocable_archetype).
using invocable_archetype = detail::invocable_archetype;

/// The type of execution::execute, Asio's customization point object: execute(ex, f) calls
/// ex.execute(f).
struct execute_t {
  /// Submits `f` to `ex` (ex.execute(f)).
  template <typename Executor, typename F>
  requires requires(const Executor& ex, F&& f) { ex.execute(std::forward<F>(f)); }
  constexpr void operator()(const Executor& ex, F&& f) const { ex.execute(std::forward<F>(f)); }
};

/// The execute customization point object: execute(ex, f) calls ex.execute(f).
inline constexpr execute_t execute{};

template <typename T>
concept executor = std::copy_constructible<std::remove_cvref_t<T>> &&
    std::equality_comparable<std::remove_cvref_t<T>> && requires(const std::remove_cvref_t<T>& ex) {
  ex.execute(invocable_archetype{});
};

template <typename T>
struct is_executor : std::bool_constant<executor<T>> {};
/// is_executor<T>::value: whether `T` satisfies the executor concept.
template <typename T>
inline constexpr bool is_executor_v = is_executor<T>::value;

template <typename T, typename F>
    struct can_execute : std::bool_constant < requires(const T& ex, F&& f) {
  ex.execute(std::forward<F>(f));
} > {};
/// can_execute<T, F>::value: whether ex.execute(f) is valid for a `const T&` ex and an `F` f.
template <typename T, typename F>
inline constexpr bool can_execute_v = can_execute<T, F>::value;

}  // namespace ringport::execution
