// A listening socket's multishot accept on io_uring: one request that the kernel keeps armed
// and that takes each connection as it arrives, instead of one request (an accept attempt,
// a poll armed, a wake-up, the accept again) per connection. Accept ops wait here in the
// order they started; a connection that arrives while none waits is kept for the next accept,
// up to keep_limit, after which the request is cancelled and the kernel's listen queue holds
// the rest, as it does without a multishot accept.
#pragma once

#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <deque>

namespace ringport::detail {

struct uring_accept_state {
  uring_accept_state() = default;
  uring_accept_state(const uring_accept_state&) = delete;
  uring_accept_state& operator=(const uring_accept_state&) = delete;
  // Connections never handed out are closed with the listener: their clients see the
  // connection end, as they would for connections left in the kernel's queue.
  ~uring_accept_state() { close_kept(); }

  void close_kept() noexcept {
    for (int fd : kept)
      ::close(fd);
    kept.clear();
  }

  // Connections taken by a request in flight and arriving with no op waiting, beyond which the
  // request is cancelled. A server re-issues its accept from the handler, so one or two are
  // usually kept for the time that takes.
  static constexpr std::size_t keep_limit = 16;

  // Accept ops waiting for a connection, oldest first. Never non-empty while `kept` is.
  op_queue<scheduler_operation> waiting;
  // Readiness waits (POLLIN) started while the request was armed: the connections it takes
  // leave the kernel's queue, so the listener's own readiness would not show them. They finish
  // when a connection is kept, or become poll requests when the multishot accept ends.
  op_queue<scheduler_operation> readers;
  // Descriptors of connections accepted with no op waiting, oldest first.
  std::deque<int> kept;
  // The kernel holds the request: its final completion (without IORING_CQE_F_MORE) has not
  // been reaped.
  bool armed = false;
  // A cancel was sent for the request (`kept` reached keep_limit, or a synchronous accept).
  bool cancelling = false;
  // A synchronous accept came: no multishot accept is armed again, each accept op is a request
  // of its own.
  bool one_at_a_time = false;
  // uring_thread_exits when the request was armed: a request that ends with the thread that
  // submitted it is armed again, not reported.
  std::uint32_t thread_exits = 0;
};

}  // namespace ringport::detail
