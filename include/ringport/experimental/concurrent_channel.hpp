// concurrent_channel<Signatures...> (on any_io_executor) and
// concurrent_channel<Executor, Signatures...>: a basic_concurrent_channel with the default
// channel_traits; any thread may use it.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/experimental/basic_concurrent_channel.hpp"
#include "ringport/experimental/channel_traits.hpp"

#include <type_traits>

namespace ringport::experimental {

namespace detail {

// The first argument is a signature (a function type) or the executor.
template <typename ExecutorOrSignature, typename... Signatures>
struct concurrent_channel_type {
  using type = basic_concurrent_channel<any_io_executor, channel_traits<>, ExecutorOrSignature,
                                        Signatures...>;
};

template <typename ExecutorOrSignature, typename... Signatures>
requires(!std::is_function_v<ExecutorOrSignature>) struct concurrent_channel_type<
    ExecutorOrSignature, Signatures...> {
  using type = basic_concurrent_channel<ExecutorOrSignature, channel_traits<>, Signatures...>;
};

}  // namespace detail

/// concurrent_channel<Signatures...> (on any_io_executor) and
/// concurrent_channel<Executor, Signatures...>: a basic_concurrent_channel with the default
/// channel_traits; any thread may use it.
template <typename ExecutorOrSignature, typename... Signatures>
using concurrent_channel =
    typename detail::concurrent_channel_type<ExecutorOrSignature, Signatures...>::type;

}  // namespace ringport::experimental
