// The cancellation conditions of experimental::parallel_group: called with each completed
// operation's arguments, they answer which cancellation the other operations get
// (cancellation_type::none: none, keep waiting).
//
//   wait_for_all()          never cancels: the group waits for every operation;
//   wait_for_one()          cancels the rest once any operation completes;
//   wait_for_one_success()  once one completes without error (a leading error_code or
//                           exception_ptr that is not set, or no such argument);
//   wait_for_one_error()    once one completes with an error.
//
// The last three take the cancellation type to emit (default cancellation_type::all).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/error_code.hpp"

#include <exception>
#include <type_traits>

namespace ringport::experimental {

namespace detail {
template <typename T>
concept parallel_group_error_argument = std::is_same_v<std::decay_t<T>, error_code> ||
    std::is_same_v<std::decay_t<T>, std::exception_ptr>;

// Whether a completion reports an error: only a leading error_code or exception_ptr can.
template <typename... Args>
constexpr bool parallel_group_failed(const Args&...) noexcept {
  return false;
}
template <parallel_group_error_argument E, typename... Args>
constexpr bool parallel_group_failed(const E& e, const Args&...) noexcept {
  return !!e;
}
}  // namespace detail

class wait_for_all {
 public:
  template <typename... Args>
  constexpr cancellation_type_t operator()(Args&&...) const noexcept {
    return cancellation_type::none;
  }
};

class wait_for_one {
 public:
  constexpr explicit wait_for_one(cancellation_type_t cancel_type = cancellation_type::all)
      : cancel_type_(cancel_type) {}

  template <typename... Args>
  constexpr cancellation_type_t operator()(Args&&...) const noexcept {
    return cancel_type_;
  }

 private:
  cancellation_type_t cancel_type_;
};

class wait_for_one_success {
 public:
  constexpr explicit wait_for_one_success(cancellation_type_t cancel_type = cancellation_type::all)
      : cancel_type_(cancel_type) {}

  template <typename... Args>
  constexpr cancellation_type_t operator()(const Args&... args) const noexcept {
    return detail::parallel_group_failed(args...) ? cancellation_type::none : cancel_type_;
  }

 private:
  cancellation_type_t cancel_type_;
};

class wait_for_one_error {
 public:
  constexpr explicit wait_for_one_error(cancellation_type_t cancel_type = cancellation_type::all)
      : cancel_type_(cancel_type) {}

  template <typename... Args>
  constexpr cancellation_type_t operator()(const Args&... args) const noexcept {
    return detail::parallel_group_failed(args...) ? cancel_type_ : cancellation_type::none;
  }

 private:
  cancellation_type_t cancel_type_;
};

}  // namespace ringport::experimental
