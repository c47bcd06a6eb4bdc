// execution::outstanding_work: does holding the executor keep its context's run() going?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::outstanding_work property (Asio's execution::outstanding_work_t): does holding
/// the executor keep its context's run() going?
struct outstanding_work_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: whether the property can be required or preferred, and the
  /// type a query of it returns.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = outstanding_work_t;
  //@}

  /// The value outstanding_work.untracked.
  struct untracked_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a outstanding_work_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = outstanding_work_t;
    static constexpr outstanding_work_t value();
    //@}
  };
  /// The value outstanding_work.tracked.
  struct tracked_t {
    /// @name Property traits
    //@{
    /// The value's property traits, and value(), which returns it as a outstanding_work_t.
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = outstanding_work_t;
    static constexpr outstanding_work_t value();
    //@}
  };

  /// @name Values
  //@{
  /// The values, as objects.
  static constexpr untracked_t untracked{};
  static constexpr tracked_t tracked{};
  //@}

  /// @name Construction and comparison
  //@{
  /// An unset value (default-constructed), or one of the values; two are equal when they hold
  /// the same value.
  constexpr outstanding_work_t() noexcept : value_(-1) {}
  constexpr outstanding_work_t(untracked_t) noexcept : value_(0) {}
  constexpr outstanding_work_t(tracked_t) noexcept : value_(1) {}

  friend constexpr bool operator==(const outstanding_work_t& a,
                                   const outstanding_work_t& b) noexcept {
    return a.value_ == b.value_;
  }
  //@}

 private:
  int value_;
};

constexpr outstanding_work_t outstanding_work_t::untracked_t::value() {
  return outstanding_work_t(untracked_t{});
}
constexpr outstanding_work_t outstanding_work_t::tracked_t::value() {
  return outstanding_work_t(tracked_t{});
}

/// The execution::outstanding_work property object (an instance of outstanding_work_t).
inline constexpr outstanding_work_t outstanding_work{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
