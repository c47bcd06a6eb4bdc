// execution::bulk_guarantee: the forward-progress guarantee among the agents of one bulk
// submission. ringport offers no bulk execution; thread pool executors answer the query
// (parallel) so code that asks, as Asio's examples do, compiles and reads the same value.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::bulk_guarantee property (Asio's execution::bulk_guarantee_t): the
/// forward-progress guarantee among the agents of one bulk submission. ringport offers no bulk
/// execution; thread pool executors answer the query (parallel) so code that asks, as Asio's
/// examples do, compiles and reads the same value.
struct bulk_guarantee_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: whether the property can be required or preferred, and the
  /// type a query of it returns.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = bulk_guarantee_t;
  //@}

  /// The value bulk_guarantee.unsequenced.
  struct unsequenced_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a bulk_guarantee_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = bulk_guarantee_t;
    static constexpr bulk_guarantee_t value();
    //@}
  };
  /// The value bulk_guarantee.sequenced.
  struct sequenced_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a bulk_guarantee_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = bulk_guarantee_t;
    static constexpr bulk_guarantee_t value();
    //@}
  };
  /// The value bulk_guarantee.parallel.
  struct parallel_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a bulk_guarantee_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = bulk_guarantee_t;
    static constexpr bulk_guarantee_t value();
    //@}
  };

  /// @name Values
  //@{
  /// The values, as objects.
  static constexpr unsequenced_t unsequenced{};
  static constexpr sequenced_t sequenced{};
  static constexpr parallel_t parallel{};
  //@}

  /// @name Construction and comparison
  //@{
  /// An unset value (default-constructed), or one of the values; two are equal when they hold
  /// the same value.
  constexpr bulk_guarantee_t() noexcept : value_(-1) {}
  constexpr bulk_guarantee_t(unsequenced_t) noexcept : value_(0) {}
  constexpr bulk_guarantee_t(sequenced_t) noexcept : value_(1) {}
  constexpr bulk_guarantee_t(parallel_t) noexcept : value_(2) {}

  friend constexpr bool operator==(const bulk_guarantee_t& a, const bulk_guarantee_t& b) noexcept {
    return a.value_ == b.value_;
  }
  //@}

 private:
  int value_;
};

constexpr bulk_guarantee_t bulk_guarantee_t::unsequenced_t::value() {
  return bulk_guarantee_t(unsequenced_t{});
}
constexpr bulk_guarantee_t bulk_guarantee_t::sequenced_t::value() {
  return bulk_guarantee_t(sequenced_t{});
}
constexpr bulk_guarantee_t bulk_guarantee_t::parallel_t::value() {
  return bulk_guarantee_t(parallel_t{});
}

/// The execution::bulk_guarantee property object (an instance of bulk_guarantee_t).
inline constexpr bulk_guarantee_t bulk_guarantee{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
