// execution::outstanding_work: does holding the executor keep its context's run() going?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

struct outstanding_work_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = outstanding_work_t;

  struct untracked_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = outstanding_work_t;
    static constexpr outstanding_work_t value();
  };
  struct tracked_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = outstanding_work_t;
    static constexpr outstanding_work_t value();
  };

  static constexpr untracked_t untracked{};
  static constexpr tracked_t tracked{};

  constexpr outstanding_work_t() noexcept : value_(-1) {}
  constexpr outstanding_work_t(untracked_t) noexcept : value_(0) {}
  constexpr outstanding_work_t(tracked_t) noexcept : value_(1) {}

  friend constexpr bool operator==(const outstanding_work_t& a,
                                   const outstanding_work_t& b) noexcept {
    return a.value_ == b.value_;
  }

 private:
  int value_;
};

constexpr outstanding_work_t outstanding_work_t::untracked_t::value() {
  return outstanding_work_t(untracked_t{});
}
constexpr outstanding_work_t outstanding_work_t::tracked_t::value() {
  return outstanding_work_t(tracked_t{});
}

inline constexpr outstanding_work_t outstanding_work{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
