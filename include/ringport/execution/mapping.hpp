// execution::mapping: how execution agents map onto threads.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::mapping property (Asio's execution::mapping_t): how execution agents map onto
/// threads.
struct mapping_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: whether the property can be required or preferred, and the
  /// type a query of it returns.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = mapping_t;
  //@}

  /// The value mapping.thread.
  struct thread_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a mapping_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
    //@}
  };
  /// The value mapping.new_thread.
  struct new_thread_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a mapping_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
    //@}
  };
  /// The value mapping.other.
  struct other_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a mapping_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
    //@}
  };

  /// @name Values
  //@{
  /// The values, as objects.
  static constexpr thread_t thread{};
  static constexpr new_thread_t new_thread{};
  static constexpr other_t other{};
  //@}

  /// @name Construction and comparison
  //@{
  /// An unset value (default-constructed), or one of the values; two are equal when they hold
  /// the same value.
  constexpr mapping_t() noexcept : value_(-1) {}
  constexpr mapping_t(thread_t) noexcept : value_(0) {}
  constexpr mapping_t(new_thread_t) noexcept : value_(1) {}
  constexpr mapping_t(other_t) noexcept : value_(2) {}

  friend constexpr bool operator==(const mapping_t& a, const mapping_t& b) noexcept {
    return a.value_ == b.value_;
  }
  //@}

 private:
  int value_;
};

constexpr mapping_t mapping_t::thread_t::value() {
  return mapping_t(thread_t{});
}
constexpr mapping_t mapping_t::new_thread_t::value() {
  return mapping_t(new_thread_t{});
}
constexpr mapping_t mapping_t::other_t::value() {
  return mapping_t(other_t{});
}

/// The execution::mapping property object (an instance of mapping_t).
inline constexpr mapping_t mapping{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
