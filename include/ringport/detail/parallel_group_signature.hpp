// The completion signatures of experimental::parallel_group (std::array<std::size_t, N> of
// completion order, then every operation's arguments in operation order) and of
// experimental::ranged_parallel_group (a vector of completion order, then one vector per
// argument of the operations' common signature), and the tuple a member's result is kept in.
#pragma once

#include "ringport/detail/config.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <tuple>
#include <type_traits>
#include <vector>

namespace ringport::experimental::detail {

// The decayed completion arguments of one operation, as stored until the group completes.
template <typename Signature>
struct parallel_op_result_tuple;
template <typename R, typename... Args>
struct parallel_op_result_tuple<R(Args...)> {
  using type = std::tuple<std::decay_t<Args>...>;
};
template <typename Signature>
using parallel_op_result_tuple_t = typename parallel_op_result_tuple<Signature>::type;

// Every operation's arguments in one signature, R from the first.
template <typename... Signatures>
struct parallel_group_joined_signature;
template <typename R, typename... Args>
struct parallel_group_joined_signature<R(Args...)> {
  using type = R(Args...);
};
template <typename R0, typename... Args0, typename R1, typename... Args1, typename... More>
struct parallel_group_joined_signature<R0(Args0...), R1(Args1...), More...>
    : parallel_group_joined_signature<R0(Args0..., Args1...), More...> {};

template <typename Order, typename Signature>
struct parallel_group_ordered_signature;
template <typename Order, typename R, typename... Args>
struct parallel_group_ordered_signature<Order, R(Args...)> {
  using type = R(Order, Args...);
};

template <std::size_t N, typename... Signatures>
using parallel_group_signature_t = typename parallel_group_ordered_signature<
    std::array<std::size_t, N>,
    typename parallel_group_joined_signature<Signatures...>::type>::type;

template <typename Allocator, typename T>
using parallel_group_rebind_t = typename std::allocator_traits<Allocator>::template rebind_alloc<T>;

template <typename Allocator, typename T>
using parallel_group_vector_t = std::vector<T, parallel_group_rebind_t<Allocator, T>>;

template <typename Signature, typename Allocator>
struct ranged_parallel_group_signature;
template <typename R, typename... Args, typename Allocator>
struct ranged_parallel_group_signature<R(Args...), Allocator> {
  using order_type = parallel_group_vector_t<Allocator, std::size_t>;
  using type = R(order_type, parallel_group_vector_t<Allocator, std::decay_t<Args>>...);
};

}  // namespace ringport::experimental::detail
