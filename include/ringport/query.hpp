// ringport::query(obj, property): asks an object (usually an executor) for a property value.
#pragma once

#include "ringport/detail/config.hpp"
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

template <typename T, typename P>
concept has_member_query = requires(const T& t, const P& p) {
  t.query(p);
};

template <typename T, typename P>
concept has_static_query = requires {
  std::decay_t<T>::query(std::declval<const P&>());
};

}  // namespace detail

/// The type of ringport::query, a function object: `query(obj, property)` returns
/// `obj.query(property)`, the value of that property for `obj` (usually an executor).
struct query_t {
  /// Returns `t.query(p)`; only takes part in overload resolution when that is valid.
  template <typename T, typename P>
  requires detail::has_member_query<std::decay_t<T>, std::decay_t<P>>
  constexpr decltype(auto) operator()(const T& t, const P& p) const { return t.query(p); }
};

/// The query customization point: `query(t, p)` is `t.query(p)`.
inline constexpr query_t query{};

template <typename T, typename P>
struct can_query : std::bool_constant<detail::has_member_query<std::decay_t<T>, std::decay_t<P>>> {
};
/// can_query<T, P>::value: whether `query(t, p)` is valid.
template <typename T, typename P>
inline constexpr bool can_query_v = can_query<T, P>::value;

template <typename T, typename P>
/// The type `query(t, p)` returns for a `const T&` t and a `const P&` p.
struct query_result {
  /// The result type.
  using type = decltype(query(std::declval<const T&>(), std::declval<const P&>()));
};
/// query_result<T, P>::type.
template <typename T, typename P>
using query_result_t = typename query_result<T, P>::type;

}  // namespace ringport
