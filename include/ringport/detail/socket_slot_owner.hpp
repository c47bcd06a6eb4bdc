// The owner of the slot-cancellation link of a socket op (detail/slot_cancellation_link.hpp),
// shared by both OS halves of the socket service. Both ends of every socket link are set and
// cleared under one process-wide mutex, which the socket services also take to kill a
// socket's token before its descriptor is deregistered or closed. So, under that mutex, a
// linked op is still alive (its completion unlinks before its memory goes) and a live token
// means its socket is still open.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/slot_cancellation_link.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace ringport::detail {

// The one mutex of every socket link and of the tokens they check (src/common).
RINGPORT_DECL std::mutex& socket_link_mutex() noexcept;

// Canceller: what the OS half needs to end one pending op, `void cancel(Op&)`, called under
// socket_link_mutex() while the op is linked and its socket open. Token: the type of the
// socket's token, which dies when the socket closes or releases its descriptor.
template <typename Op, typename Canceller, typename Token>
struct socket_slot_owner {
  using link_type = slot_cancellation_link<socket_slot_owner, Op>;

  Canceller canceller;
  std::weak_ptr<Token> token;

  void cancel_linked(link_type& l) {
    // TRICKY: see the header comment; the canceller then decides between cancellation and a
    // racing completion (exactly one outcome).
    std::lock_guard lock(socket_link_mutex());
    Op* op = l.op_.load(std::memory_order_relaxed);
    if (op != nullptr && !token.expired()) canceller.cancel(*op);
  }

  void unlink(link_type& l) {
    std::lock_guard lock(socket_link_mutex());
    if (Op* op = l.op_.load(std::memory_order_relaxed)) op->detach_canceller();
  }

  // Links a starting op to the handler in its slot.
  static void link(link_type& l, Op& op) {
    std::lock_guard lock(socket_link_mutex());
    l.link(op);
  }

  // Called by the op when it completes (or is destroyed) while linked.
  static void unlink_op(Op& op) noexcept {
    std::lock_guard lock(socket_link_mutex());
    op.detach_canceller();
  }
};

}  // namespace ringport::detail
