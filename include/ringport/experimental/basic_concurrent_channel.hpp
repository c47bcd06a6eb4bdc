// basic_concurrent_channel<Executor, Traits, Signatures...>: the thread-safe channel. It has
// basic_channel's interface and behaviour (see basic_channel.hpp); any thread may use it at
// any time, each channel's state being guarded by a mutex of its own.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/channel_traits.hpp"
#include "ringport/experimental/detail/channel_base.hpp"
#include "ringport/experimental/detail/channel_service.hpp"

#include <cstddef>
#include <mutex>
#include <utility>

namespace ringport::experimental {

/// The thread-safe channel (Asio's experimental::basic_concurrent_channel): basic_channel's
/// interface and behaviour, usable from any thread at any time, each channel's state being
/// guarded by a mutex of its own.
template <typename Executor, typename Traits, typename... Signatures>
class basic_concurrent_channel
    : public detail::channel_base<std::mutex, Executor, Traits, Signatures...> {
  using base_type = detail::channel_base<std::mutex, Executor, Traits, Signatures...>;

 public:
  /// @name Types
  //@{
  /// The executor type, and the traits (Traits rebound to the channel's signatures), which
  /// define what a receive gets when the channel is closed or cancelled.
  using executor_type = Executor;
  using traits_type = typename Traits::template rebind<Signatures...>::other;
  //@}

  /// The same channel type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The channel type on `Executor1`.
    using other = basic_concurrent_channel<Executor1, Traits, Signatures...>;
  };

  // TRICKY: a template rather than `const executor_type&`; see basic_channel.
  template <detail::channel_executor_arg<Executor> ExecutorArg>
  /// @name Construction
  //@{
  /// A channel on the executor `ex` (or one convertible to executor_type), or on `ctx`'s
  /// executor, that buffers up to `max_buffer_size` messages (0, the default: a send waits for
  /// a receive).
  basic_concurrent_channel(const ExecutorArg& ex, std::size_t max_buffer_size = 0)
      : base_type(executor_type(ex), max_buffer_size) {}

  template <ringport::detail::execution_context_type ExecutionContext>
  basic_concurrent_channel(ExecutionContext& ctx, std::size_t max_buffer_size = 0)
      : base_type(ctx, max_buffer_size) {}
  //@}

  /// @name Moves
  //@{
  /// Moving a channel takes its buffered messages and waiting operations along. A channel on
  /// another executor type converts when its executor does.
  basic_concurrent_channel(basic_concurrent_channel&& other) = default;
  basic_concurrent_channel& operator=(basic_concurrent_channel&& other) = default;

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  basic_concurrent_channel(basic_concurrent_channel<Executor1, Traits, Signatures...>&& other)
      : base_type(std::move(other)) {}

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  basic_concurrent_channel& operator=(
      basic_concurrent_channel<Executor1, Traits, Signatures...>&& other) {
    base_type::operator=(std::move(other));
    return *this;
  }
  //@}

  ~basic_concurrent_channel() = default;
};

}  // namespace ringport::experimental
