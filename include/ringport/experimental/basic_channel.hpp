// basic_channel<Executor, Traits, Signatures...>: a channel for messages between parts of
// one program, for use from one thread or one strand at a time (basic_concurrent_channel is
// the thread-safe one). A message is the arguments of a completion handler, of one of the
// channel's Signatures. Capacity 0 (the default): a send waits for a receive (rendezvous);
// capacity N: up to N messages are buffered. Messages are received in the order they were
// sent.
//
//   channel<void(error_code, std::string)> ch(ctx, 8);
//   ch.async_send(error_code(), "hello", [](error_code ec) { ... });
//   ch.async_receive([](error_code ec, std::string s) { ... });
//
// Handlers run through their associated executor (by default the channel's), never inside the
// call that started or ended their operation (only try_send_via_dispatch and
// try_send_n_via_dispatch may run a receive handler inside). A waiting operation keeps the
// channel's and the handler's executors busy, and ends when matched, on close() (channel_closed),
// on cancel(), reset() or destruction (channel_cancelled), or through its handler's cancellation
// slot (terminal, partial or total: channel_cancelled). A receive that ends without a message
// gets the notification its traits define (channel_traits: the error, then default values).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/channel_traits.hpp"
#include "ringport/experimental/detail/channel_base.hpp"
#include "ringport/experimental/detail/channel_service.hpp"

#include <cstddef>
#include <utility>

namespace ringport::experimental {

/// A channel for messages between parts of one program, for use from one thread or one strand at
/// a time (basic_concurrent_channel is the thread-safe one; Asio's experimental::basic_channel).
///
/// A message is the arguments of a completion handler, of one of the channel's Signatures.
/// Capacity 0 (the default): a send waits for a receive (rendezvous); capacity N: up to N
/// messages are buffered. Messages are received in the order they were sent.
///
/// Handlers run through their associated executor (by default the channel's), never inside the
/// call that started or ended their operation (only try_send_via_dispatch and
/// try_send_n_via_dispatch may run a receive handler inside). A waiting operation ends when
/// matched, on close() (channel_closed), on cancel(), reset() or destruction
/// (channel_cancelled), or through its handler's cancellation slot (channel_cancelled). Unlike
/// Asio's, close() also completes waiting senders, and moving a channel takes its waiting
/// operations along.
template <typename Executor, typename Traits, typename... Signatures>
class basic_channel
    : public detail::channel_base<detail::channel_null_mutex, Executor, Traits, Signatures...> {
  using base_type =
      detail::channel_base<detail::channel_null_mutex, Executor, Traits, Signatures...>;

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
    using other = basic_channel<Executor1, Traits, Signatures...>;
  };

  // TRICKY: a template rather than `const executor_type&`, so that overload resolution for a
  // channel argument (the move constructors) never asks whether a channel converts to the
  // executor.
  template <detail::channel_executor_arg<Executor> ExecutorArg>
  /// @name Construction
  //@{
  /// A channel on the executor `ex` (or one convertible to executor_type), or on `ctx`'s
  /// executor, that buffers up to `max_buffer_size` messages (0, the default: a send waits for
  /// a receive).
  basic_channel(const ExecutorArg& ex, std::size_t max_buffer_size = 0)
      : base_type(executor_type(ex), max_buffer_size) {}

  template <ringport::detail::execution_context_type ExecutionContext>
  basic_channel(ExecutionContext& ctx, std::size_t max_buffer_size = 0)
      : base_type(ctx, max_buffer_size) {}
  //@}

  /// @name Moves
  //@{
  /// Moving a channel takes its buffered messages and waiting operations along. A channel on
  /// another executor type converts when its executor does.
  basic_channel(basic_channel&& other) = default;
  basic_channel& operator=(basic_channel&& other) = default;

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  basic_channel(basic_channel<Executor1, Traits, Signatures...>&& other)
      : base_type(std::move(other)) {}

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  basic_channel& operator=(basic_channel<Executor1, Traits, Signatures...>&& other) {
    base_type::operator=(std::move(other));
    return *this;
  }
  //@}

  ~basic_channel() = default;
};

}  // namespace ringport::experimental
