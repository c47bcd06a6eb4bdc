// execution::blocking: may execute() run the function before it returns?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::blocking property (Asio's execution::blocking_t): may execute() run the function
/// before it returns?
struct blocking_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: whether the property can be required or preferred, and the
  /// type a query of it returns.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = blocking_t;
  //@}

  /// The value blocking.possibly.
  struct possibly_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a blocking_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
    //@}
  };
  /// The value blocking.always.
  struct always_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a blocking_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = false;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
    //@}
  };
  /// The value blocking.never.
  struct never_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a blocking_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = blocking_t;
    static constexpr blocking_t value();
    //@}
  };

  /// @name Values
  //@{
  /// The values, as objects.
  static constexpr possibly_t possibly{};
  static constexpr always_t always{};
  static constexpr never_t never{};
  //@}

  /// @name Construction and comparison
  //@{
  /// An unset value (default-constructed), or one of the values; two are equal when they hold
  /// the same value.
  constexpr blocking_t() noexcept : value_(-1) {}
  constexpr blocking_t(possibly_t) noexcept : value_(0) {}
  constexpr blocking_t(always_t) noexcept : value_(1) {}
  constexpr blocking_t(never_t) noexcept : value_(2) {}

  friend constexpr bool operator==(const blocking_t& a, const blocking_t& b) noexcept {
    return a.value_ == b.value_;
  }
  //@}

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

/// The execution::blocking property object (an instance of blocking_t).
inline constexpr blocking_t blocking{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/prefer.hpp"
#include "ringport/query.hpp"
#include "ringport/require.hpp"
