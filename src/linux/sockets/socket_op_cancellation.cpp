#include "ringport/detail/linux/socket_op_cancellation.hpp"

#include "ringport/detail/linux/socket_backend.hpp"

namespace ringport::detail {

std::mutex& socket_slot_owner::link_mutex() noexcept {
  static std::mutex m;
  return m;
}

void socket_slot_owner::link(socket_op_cancellation& l, socket_op& op) {
  std::lock_guard lock(link_mutex());
  l.link(op);
}

void socket_slot_owner::unlink_op(socket_op& op) noexcept {
  std::lock_guard lock(link_mutex());
  op.detach_canceller();
}

void socket_slot_owner::unlink(socket_op_cancellation& l) {
  std::lock_guard lock(link_mutex());
  if (socket_op* op = l.op_.load(std::memory_order_relaxed)) op->detach_canceller();
}

void socket_slot_owner::cancel_linked(socket_op_cancellation& l) {
  // TRICKY: the link is read and the backend called under the mutex that the op's completion
  // takes before its memory goes, and that close() takes before the descriptor state goes:
  // a linked op is still alive and a live token means its state is too. The backend decides
  // between cancellation and a racing completion (exactly one outcome).
  std::lock_guard lock(link_mutex());
  socket_op* op = l.op_.load(std::memory_order_relaxed);
  if (op != nullptr && !token.expired()) backend->cancel_op(state, *op);
}

}  // namespace ringport::detail
