// execution::blocking: may execute() run the function before it returns?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

struct blocking_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = blocking_t;

  struct possibly_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
  };
  struct always_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = false;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
  };
  struct never_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
  };

  static constexpr possibly_t possibly{};
  static constexpr always_t always{};
  static constexpr never_t never{};

  constexpr blocking_t() noexcept : value_(-1) {}
  constexpr blocking_t(possibly_t) noexcept : value_(0) {}
  constexpr blocking_t(always_t) noexcept : value_(1) {}
  constexpr blocking_t(never_t) noexcept : value_(2) {}

  friend constexpr bool operator==(const blocking_t& a, const blocking_t& b) noexcept {
    return a.value_ == b.value_;
  }

 private:
  int value_;
};

constexpr blocking_t blocking_t::possibly_t::value() {
  return blocking_t(possibly_t{});
}
constexpr blocking_t blocking_t::always_t::value() {
  return blocking_t(always_t{});
}
constexpr blocking_t blocking_t::never_t::value() {
  return blocking_t(never_t{});
}

inline constexpr blocking_t blocking{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/prefer.hpp"
#include "ringport/query.hpp"
#include "ringport/require.hpp"
