// The slot-cancellation link of a POSIX socket op: the shared socket owner
// (detail/socket_slot_owner.hpp) with a canceller that asks the backend to end the op.
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/socket_slot_owner.hpp"

namespace ringport::detail {

struct posix_op_canceller {
  socket_backend* backend;
  // Valid while the socket's token lives (the owner checks it first).
  descriptor_state* state;

  void cancel(socket_op& op) const { backend->cancel_op(state, op); }
};

using posix_slot_owner = socket_slot_owner<socket_op, posix_op_canceller, void>;
using posix_op_cancellation = posix_slot_owner::link_type;

}  // namespace ringport::detail
