#include "ringport/detail/linux/socket_op_cancellation.hpp"

#include "ringport/detail/linux/socket_backend.hpp"

namespace ringport::detail {

std::mutex& socket_op_cancellation::link_mutex() noexcept {
  static std::mutex m;
  return m;
}

socket_op_cancellation::~socket_op_cancellation() {
  std::lock_guard lock(link_mutex());
  if (op_ != nullptr) {
    *back_ = nullptr;
    op_ = nullptr;
  }
}

void socket_op_cancellation::link(socket_op* op, socket_op_cancellation** back) {
  std::lock_guard lock(link_mutex());
  op_ = op;
  back_ = back;
  *back = this;
}

void socket_op_cancellation::unlink_op(socket_op_cancellation** back) noexcept {
  std::lock_guard lock(link_mutex());
  if (socket_op_cancellation* c = *back) {
    c->op_ = nullptr;
    *back = nullptr;
  }
}

void socket_op_cancellation::operator()(cancellation_type type) {
  if (!(type &
        (cancellation_type::terminal | cancellation_type::partial | cancellation_type::total)))
    return;
  // TRICKY: the link is read and the backend called under the mutex that the op's completion
  // takes before its memory goes, and that close() takes before the descriptor state goes:
  // a linked op is still alive and a live token means its state is too. The backend decides
  // between cancellation and a racing completion (exactly one outcome).
  std::lock_guard lock(link_mutex());
  if (op_ != nullptr && !token_.expired()) backend_->cancel_op(state_, *op_);
}

}  // namespace ringport::detail
