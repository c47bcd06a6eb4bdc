// execution::relationship: is the submitted function a continuation of the caller?
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

struct relationship_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = relationship_t;

  struct fork_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = relationship_t;
    static constexpr relationship_t value();
  };
  struct continuation_t {
    static constexpr bool is_requirable = true;
    static constexpr bool is_preferable = true;
    using polymorphic_query_result_type = relationship_t;
    static constexpr relationship_t value();
  };

  static constexpr fork_t fork{};
  static constexpr continuation_t continuation{};

  constexpr relationship_t() noexcept : value_(-1) {}
  constexpr relationship_t(fork_t) noexcept : value_(0) {}
  constexpr relationship_t(continuation_t) noexcept : value_(1) {}

  friend constexpr bool operator==(const relationship_t& a, const relationship_t& b) noexcept {
    return a.value_ == b.value_;
  }

 private:
  int value_;
};

constexpr relationship_t relationship_t::fork_t::value() {
  return relationship_t(fork_t{});
}
constexpr relationship_t relationship_t::continuation_t::value() {
  return relationship_t(continuation_t{});
}

inline constexpr relationship_t relationship{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
#include "ringport/query.hpp"
