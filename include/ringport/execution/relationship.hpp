// execution::relationship: is the submitted function a continuation of the caller?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::relationship property (Asio's execution::relationship_t): is the submitted
/// function a continuation of the caller?
struct relationship_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: whether the property can be required or preferred, and the
  /// type a query of it returns.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = relationship_t;
  //@}

  /// The value relationship.fork.
  struct fork_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a relationship_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = relationship_t;
    static constexpr relationship_t value();
    //@}
  };
  /// The value relationship.continuation.
  struct continuation_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a relationship_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = relationship_t;
    static constexpr relationship_t value();
    //@}
  };

  /// @name Values
  //@{
  /// The values, as objects.
  static constexpr fork_t fork{};
  static constexpr continuation_t continuation{};
  //@}

  /// @name Construction and comparison
  //@{
  /// An unset value (default-constructed), or one of the values; two are equal when they hold
  /// the same value.
  constexpr relationship_t() noexcept : value_(-1) {}
  constexpr relationship_t(fork_t) noexcept : value_(0) {}
  constexpr relationship_t(continuation_t) noexcept : value_(1) {}

  friend constexpr bool operator==(const relationship_t& a, const relationship_t& b) noexcept {
    return a.value_ == b.value_;
  }
  //@}

 private:
  int value_;
};

constexpr relationship_t relationship_t::fork_t::value() {
  return relationship_t(fork_t{});
}
constexpr relationship_t relationship_t::continuation_t::value() {
  return relationship_t(continuation_t{});
}

/// The execution::relationship property object (an instance of relationship_t).
inline constexpr relationship_t relationship{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
