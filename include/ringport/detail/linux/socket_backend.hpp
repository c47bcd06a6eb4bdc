// The socket half of the backend contract on Linux, implemented by both Linux backends
// (io_uring and epoll). The Windows half (IOCP, the seed's design) arrives with the Windows
// sockets issue.
//
// Every started op ends exactly once: start_op() returning true (the caller queues it), or
// through wait() with its result, or through wait() with operation_aborted after
// cancel_op()/cancel_descriptor()/deregister_descriptor(), or handed back by shutdown().
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"

#include <system_error>

namespace ringport::detail {

// Backend-owned state of one registered descriptor; each backend derives its own.
class descriptor_state {
 protected:
  descriptor_state() = default;
  ~descriptor_state() = default;
};

// What the caller knows of a descriptor's O_NONBLOCK flag. A descriptor the library made
// itself (socket(), accept4()) is known; one the user assigned is not, and costs an fcntl.
enum class fd_mode : unsigned char { unknown, blocking, non_blocking };

class socket_backend : public backend {
 public:
  // Starts watching `fd` (epoll: switches it to non-blocking and adds it to the epoll set).
  // `mode` says what is known of its O_NONBLOCK flag; on return, what is known after
  // registering.
  virtual descriptor_state* register_descriptor(int fd, fd_mode& mode, std::error_code& ec) = 0;

  // Ends every pending op of the descriptor with operation_aborted (through wait()) and
  // forgets it. Called before the descriptor is closed: io_uring requests are not cancelled
  // by close(). `state` is invalid afterwards.
  virtual void deregister_descriptor(descriptor_state* state) = 0;

  // Starts `op` on the descriptor. Returns true when it finished at once (ec_/bytes_ set):
  // the caller queues it for completion; a handler never runs inside its initiating call.
  // The caller counts the op as outstanding work before calling.
  virtual bool start_op(descriptor_state* state, socket_op& op) = 0;

  // Ends one pending op with operation_aborted, unless it has already finished (then its
  // result stands): exactly one of the two outcomes, delivered through wait().
  virtual void cancel_op(descriptor_state* state, socket_op& op) = 0;

  // Ends every pending op of the descriptor with operation_aborted, through wait().
  virtual void cancel_descriptor(descriptor_state* state) = 0;
};

}  // namespace ringport::detail
