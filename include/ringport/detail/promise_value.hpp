// What use_future makes of a completion signature: the value type of the std::future, and
// how the completion arguments become that value or an exception in the promise.
// A leading error_code or exception_ptr is the error channel; the remaining arguments are
// the value: none -> void, one -> itself, several -> std::tuple of them.
#pragma once

#include "ringport/error_code.hpp"

#include <exception>
#include <future>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename... Values>
struct promise_values {
  using type = std::tuple<Values...>;
};
template <>
struct promise_values<> {
  using type = void;
};
template <typename Value>
struct promise_values<Value> {
  using type = Value;
};

template <typename... Args>
struct promise_value : promise_values<Args...> {};
template <typename... Rest>
struct promise_value<error_code, Rest...> : promise_values<Rest...> {};
template <typename... Rest>
struct promise_value<std::exception_ptr, Rest...> : promise_values<Rest...> {};

// Args are the decayed completion arguments.
template <typename... Args>
using promise_value_t = typename promise_value<Args...>::type;

template <typename T, typename... Values>
void promise_set_values(std::promise<T>& p, Values&&... values) {
  if constexpr (sizeof...(Values) == 0)
    p.set_value();
  else if constexpr (sizeof...(Values) == 1)
    p.set_value(std::forward<Values>(values)...);
  else
    p.set_value(T(std::forward<Values>(values)...));
}

// Stores a completion's arguments in the promise: an error as an exception (system_error
// for an error_code), anything else as the value.
template <typename T, typename... Args>
void promise_deliver(std::promise<T>& p, Args&&... args) {
  if constexpr (sizeof...(Args) == 0) {
    p.set_value();
  } else {
    auto deliver = [&p]<typename First, typename... Rest>(First&& first, Rest&&... rest) {
      if constexpr (std::is_same_v<std::decay_t<First>, error_code>) {
        if (first)
          p.set_exception(std::make_exception_ptr(system_error(first)));
        else
          promise_set_values(p, std::forward<Rest>(rest)...);
      } else if constexpr (std::is_same_v<std::decay_t<First>, std::exception_ptr>) {
        if (first)
          p.set_exception(first);
        else
          promise_set_values(p, std::forward<Rest>(rest)...);
      } else {
        promise_set_values(p, std::forward<First>(first), std::forward<Rest>(rest)...);
      }
    };
    deliver(std::forward<Args>(args)...);
  }
}

}  // namespace ringport::detail
