// ringport::require(obj, properties...): an object like obj that has each property, or a
// compile error when obj cannot provide one.
#pragma once

#include "ringport/detail/config.hpp"
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

template <typename T, typename P>
concept has_member_require = requires(const T& t, const P& p) {
  t.require(p);
};

}  // namespace detail

struct require_t {
  template <typename T>
  constexpr std::decay_t<T> operator()(T&& t) const {
    return std::forward<T>(t);
  }

  template <typename T, typename P, typename... Ps>
  requires detail::has_member_require<std::decay_t<T>, std::decay_t<P>>
  constexpr auto operator()(const T& t, const P& p, const Ps&... ps) const {
    if constexpr (sizeof...(Ps) == 0)
      return t.require(p);
    else
      return (*this)(t.require(p), ps...);
  }
};

inline constexpr require_t require{};

template <typename T, typename... Ps>
struct can_require : std::bool_constant<std::is_invocable_v<require_t, const T&, const Ps&...>> {};
template <typename T, typename... Ps>
inline constexpr bool can_require_v = can_require<T, Ps...>::value;

template <typename T, typename... Ps>
struct require_result {
  using type = std::invoke_result_t<require_t, const T&, const Ps&...>;
};

}  // namespace ringport
