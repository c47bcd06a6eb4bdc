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

// True when T has property P statically: T's static query of P's property answers P's value,
// so requiring P changes nothing (require(io_executor, execution::mapping.thread)).
template <typename T, typename P>
constexpr bool statically_has() {
  if constexpr (requires {
                  requires P::is_requirable;
                  P::value();
                  T::query(P{});
                }) {
    if constexpr (requires { typename std::bool_constant<(T::query(P{}) == P::value())>; })
      return T::query(P{}) == P::value();
    else
      return false;
  } else {
    return false;
  }
}

template <typename T, typename P>
concept requirable_on = has_member_require<T, P> || statically_has<T, P>();

}  // namespace detail

/// The type of ringport::require, a function object: `require(obj, properties...)` returns an
/// object like `obj` that has each property (via `obj.require(p)`, or `obj` itself when it has
/// the property statically), and does not compile when `obj` cannot provide one.
struct require_t {
  /// @name Requiring properties
  //@{
  /// With no property, `t` itself (decayed); otherwise each property applied in turn, left to
  /// right.
  template <typename T>
  constexpr std::decay_t<T> operator()(T&& t) const {
    return std::forward<T>(t);
  }

  template <typename T, typename P, typename... Ps>
  requires detail::requirable_on<std::decay_t<T>, std::decay_t<P>>
  constexpr auto operator()(const T& t, const P& p, const Ps&... ps) const {
    if constexpr (sizeof...(Ps) == 0)
      return apply(t, p);
    else
      return (*this)(apply(t, p), ps...);
  }
  //@}

 private:
  template <typename T, typename P>
  static constexpr auto apply(const T& t, const P& p) {
    if constexpr (detail::has_member_require<T, P>)
      return t.require(p);
    else
      return T(t);  // already has it
  }
};

/// The require customization point (see require_t): `require(obj, properties...)` returns an
/// object like `obj` that has each property, and does not compile when `obj` cannot provide one.
inline constexpr require_t require{};

template <typename T, typename... Ps>
struct can_require : std::bool_constant<std::is_invocable_v<require_t, const T&, const Ps&...>> {};
/// can_require<T, Ps...>::value: whether `require(t, ps...)` is valid.
template <typename T, typename... Ps>
inline constexpr bool can_require_v = can_require<T, Ps...>::value;

template <typename T, typename... Ps>
/// The type `require(t, ps...)` returns for a `const T&` t and `const Ps&...` ps.
struct require_result {
  /// The result type.
  using type = std::invoke_result_t<require_t, const T&, const Ps&...>;
};

}  // namespace ringport
