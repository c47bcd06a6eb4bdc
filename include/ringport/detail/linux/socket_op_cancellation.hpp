// The owner of the slot-cancellation link of a POSIX socket op (detail/slot_cancellation_link.hpp):
// both ends are set and cleared under one process-wide mutex, which the socket service also
// takes to kill a socket's token before it deregisters the descriptor.
#pragma once

#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"

#include <memory>
#include <mutex>

namespace ringport::detail {

class descriptor_state;
class socket_backend;

struct socket_slot_owner;
using socket_op_cancellation = slot_cancellation_link<socket_slot_owner, socket_op>;

struct socket_slot_owner {
  socket_backend* backend;
  descriptor_state* state;
  // Dies when the socket closes or releases its descriptor: after that `state` is gone and
  // the op has already been aborted by the close.
  std::weak_ptr<void> token;

  void cancel_linked(socket_op_cancellation& l);
  void unlink(socket_op_cancellation& l);
  // Links a starting op to the handler in its slot.
  static void link(socket_op_cancellation& l, socket_op& op);
  // Called by the op when it completes (or is destroyed) while linked.
  static void unlink_op(socket_op& op) noexcept;
  // The one mutex that guards every link and the liveness of the descriptor states they
  // name.
  static std::mutex& link_mutex() noexcept;
};

}  // namespace ringport::detail
