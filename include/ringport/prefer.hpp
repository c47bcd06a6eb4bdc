// ringport::prefer(obj, properties...): like require, but a property obj cannot provide is
// skipped instead of rejected.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/require.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

template <typename T, typename P>
concept has_member_prefer = requires(const T& t, const P& p) {
  t.prefer(p);
};

}  // namespace detail

struct prefer_t {
  template <typename T>
  constexpr std::decay_t<T> operator()(T&& t) const {
    return std::forward<T>(t);
  }

  template <typename T, typename P, typename... Ps>
  constexpr auto operator()(const T& t, const P& p, const Ps&... ps) const {
    if constexpr (sizeof...(Ps) == 0)
      return one(t, p);
    else
      return (*this)(one(t, p), ps...);
  }

 private:
  template <typename T, typename P>
  static constexpr auto one(const T& t, const P& p) {
    if constexpr (detail::has_member_require<T, P>)
      return t.require(p);
    else if constexpr (detail::has_member_prefer<T, P>)
      return t.prefer(p);
    else
      return t;
  }
};

inline constexpr prefer_t prefer{};

template <typename T, typename... Ps>
struct can_prefer : std::true_type {};
template <typename T, typename... Ps>
inline constexpr bool can_prefer_v = can_prefer<T, Ps...>::value;

template <typename T, typename... Ps>
struct prefer_result {
  using type = std::invoke_result_t<prefer_t, const T&, const Ps&...>;
};

}  // namespace ringport
