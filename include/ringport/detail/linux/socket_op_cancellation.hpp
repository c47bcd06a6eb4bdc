// What a socket operation installs in its handler's cancellation slot. It reaches the pending
// op through a link that both sides clear under one mutex, so emitting, replacing or
// destroying the slot stays safe after the op has completed, after the socket object moved
// or closed, and after the context is gone.
#pragma once

#include "ringport/cancellation_type.hpp"
#include "ringport/detail/linux/socket_op.hpp"

#include <memory>
#include <mutex>

namespace ringport::detail {

class descriptor_state;
class socket_backend;

class socket_op_cancellation {
 public:
  // `token` dies when the socket closes or releases its descriptor: after that `state` is
  // gone and the op has already been aborted by the close.
  socket_op_cancellation(socket_backend* backend, descriptor_state* state,
                         std::weak_ptr<void> token) noexcept
      : backend_(backend), state_(state), token_(std::move(token)) {}
  socket_op_cancellation(const socket_op_cancellation&) = delete;
  socket_op_cancellation& operator=(const socket_op_cancellation&) = delete;

  ~socket_op_cancellation();

  void operator()(cancellation_type type);

  // Links the pending op to this handler; `back` is the op's own pointer to this handler,
  // cleared if the slot drops the handler first.
  void link(socket_op* op, socket_op_cancellation** back);

  // Called by the op when it completes (or is destroyed) while still linked.
  static void unlink_op(socket_op_cancellation** back) noexcept;

  // The one mutex that guards every link and the liveness of the descriptor states they
  // name; the socket service takes it to kill a token before it deregisters.
  static std::mutex& link_mutex() noexcept;

 private:
  socket_backend* backend_;
  descriptor_state* state_;
  std::weak_ptr<void> token_;
  socket_op* op_ = nullptr;
  socket_op_cancellation** back_ = nullptr;
};

}  // namespace ringport::detail
