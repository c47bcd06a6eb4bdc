// channel<Signatures...> (on any_io_executor) and channel<Executor, Signatures...>: a
// basic_channel with the default channel_traits. For one thread or strand at a time;
// concurrent_channel is the thread-safe one.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/experimental/basic_channel.hpp"
#include "ringport/experimental/channel_traits.hpp"

#include <type_traits>

namespace ringport::experimental {

namespace detail {

// The first argument is a signature (a function type) or the executor.
template <typename ExecutorOrSignature, typename... Signatures>
struct channel_type {
  using type = basic_channel<any_io_executor, channel_traits<>, ExecutorOrSignature, Signatures...>;
};

template <typename ExecutorOrSignature, typename... Signatures>
requires(!std::is_function_v<ExecutorOrSignature>) struct channel_type<ExecutorOrSignature,
                                                                       Signatures...> {
  using type = basic_channel<ExecutorOrSignature, channel_traits<>, Signatures...>;
};

}  // namespace detail

/// channel<Signatures...> (on any_io_executor) and channel<Executor, Signatures...>: a
/// basic_channel with the default channel_traits. For one thread or strand at a time;
/// concurrent_channel is the thread-safe one.
template <typename ExecutorOrSignature, typename... Signatures>
using channel = typename detail::channel_type<ExecutorOrSignature, Signatures...>::type;

}  // namespace ringport::experimental
