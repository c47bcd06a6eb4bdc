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

/// The type of ringport::prefer, a function object: like require, but a property the object
/// cannot provide (through neither `require` nor `prefer` members) is skipped instead of
/// rejected.
struct prefer_t {
  /// @name Preferring properties
  //@{
  /// With no property, `t` itself (decayed); otherwise each property applied in turn, left to
  /// right, through `require(p)` when the object has it, else `prefer(p)`, else not at all.
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
  //@}

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

/// The prefer customization point (see prefer_t): `prefer(obj, properties...)` applies each
/// property through the object's `require` or `prefer` member, and skips one it cannot provide.
inline constexpr prefer_t prefer{};

template <typename T, typename... Ps>
struct can_prefer : std::true_type {};
/// can_prefer<T, Ps...>::value: always true, since prefer() can ignore any property.
template <typename T, typename... Ps>
inline constexpr bool can_prefer_v = can_prefer<T, Ps...>::value;

template <typename T, typename... Ps>
/// The type `prefer(t, ps...)` returns for a `const T&` t and `const Ps&...` ps.
struct prefer_result {
  /// The result type.
  using type = std::invoke_result_t<prefer_t, const T&, const Ps&...>;
};

}  // namespace ringport
