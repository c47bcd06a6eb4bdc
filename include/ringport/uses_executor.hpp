// executor_arg and uses_executor: how a type says "construct me with an executor first"
// (executor_binder passes its executor this way to targets that ask for it).
#pragma once

#include "ringport/detail/config.hpp"
#include <type_traits>

namespace ringport {

/// The type of executor_arg: a tag passed before an executor to a constructor that takes one
/// first (see uses_executor).
struct executor_arg_t {
  constexpr executor_arg_t() noexcept = default;
};

/// The tag passed before an executor to a constructor that takes one first (see
/// uses_executor).
inline constexpr executor_arg_t executor_arg{};

/// Specialize (or give T a nested executor_type convertible from Executor) to opt in.
template <typename T, typename Executor>
struct uses_executor : std::false_type {};

/// uses_executor<T, Executor>::value.
template <typename T, typename Executor>
inline constexpr bool uses_executor_v = uses_executor<T, Executor>::value;

}  // namespace ringport
