// execution::mapping: how execution agents map onto threads.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

struct mapping_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = mapping_t;

  struct thread_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
  };
  struct new_thread_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
  };
  struct other_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = mapping_t;
    static constexpr mapping_t value();
  };

  static constexpr thread_t thread{};
  static constexpr new_thread_t new_thread{};
  static constexpr other_t other{};

  constexpr mapping_t() noexcept : value_(-1) {}
  constexpr mapping_t(thread_t) noexcept : value_(0) {}
  constexpr mapping_t(new_thread_t) noexcept : value_(1) {}
  constexpr mapping_t(other_t) noexcept : value_(2) {}

  friend constexpr bool operator==(const mapping_t& a, const mapping_t& b) noexcept {
    return a.value_ == b.value_;
  }

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

inline constexpr mapping_t mapping{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
