// The non-template base of every socket operation on Linux: which system call, on which
// descriptor, with which buffers and address. The socket service fills it in; the backend
// (io_uring or epoll) carries it out and records the result in ec_/bytes_.
#pragma once

#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cstdint>

namespace ringport::detail {

enum class socket_op_kind : unsigned char {
  receive,  // recv/recvmsg into msg_.msg_iov; msg_.msg_name (if set) gets the sender
  send,     // send/sendmsg from msg_.msg_iov; msg_.msg_name (if set) is the destination
  accept,   // accept4: bytes_ becomes the new descriptor; msg_.msg_name gets the peer
  connect,  // connect to msg_.msg_name
  wait,     // readiness: flags_ holds POLLIN, POLLOUT or POLLPRI (also null_buffers transfers)
  read,     // readv/preadv into msg_.msg_iov at offset_ (pipes, descriptors, files)
  write,    // writev/pwritev from msg_.msg_iov at offset_
};

// socket_op::offset_ of a read or write that uses (and advances) the descriptor's own
// position: pipes, ttys, stream descriptors, stream files.
inline constexpr long long at_descriptor_position = -1;

// socket_op::flags_ of an accept: the acceptor's enable_connection_aborted was set when the
// op started, so the backend reports ECONNABORTED/EPROTO instead of accepting again.
inline constexpr int accept_report_connection_aborted = 1;

// What the io_uring backend keeps in each op, for it alone.
struct uring_op_state {
  // cancel_op() was called: an op between two submissions must not go back to the kernel.
  bool cancel_requested = false;
  // The op was submitted again after the kernel dropped it (a connect submitted again finds
  // the socket connected and answers EISCONN).
  bool reissued = false;
  // uring_thread_exits when the op was last handed to the kernel.
  std::uint32_t thread_exits = 0;
  // The descriptor registration the op belongs to and that registration's cancel count when
  // it started; checked before an op is submitted again (an accept after a reset connection,
  // any op the kernel dropped with the thread that submitted it).
  std::uint64_t registration = 0;
  std::uint64_t cancel_epoch = 0;
};

// What the epoll backend keeps in each op, for it alone.
struct epoll_op_state {
  // A connect was issued to the kernel; writability now means it has finished.
  bool connect_issued = false;
  // A receive on a stream socket: fewer bytes than asked means the socket had no more, so
  // the next receive waits for readiness without trying first.
  bool stream_receive = false;
};

class socket_op : public scheduler_operation, public slot_link_end<socket_op> {
 public:
  socket_op(func_type func, socket_op_kind kind, int fd) noexcept
      : scheduler_operation(func), kind_(kind), fd_(fd) {}

  socket_op_kind kind_;
  // Started by a thread that runs this op's io_context, which comes back to the backend's
  // wait(): io_uring may leave the SQE for that wait() to submit with everything else.
  bool may_defer_ = false;
  // A cancellation handler in the handler's slot is linked to the op (canceller_).
  bool linked_ = false;
  epoll_op_state epoll_;
  int fd_;
  int flags_ = 0;  // MSG_* for send/receive; poll events for wait; accept: accept_report_*
  // read/write: the file offset, or at_descriptor_position.
  long long offset_ = at_descriptor_position;
  // SAFETY: the kernel reads and writes through msg_ (the iovec array, the buffers it points
  // to, the address) and addr_len_ until the op completes; the op and the user's buffers stay
  // alive and untouched until then.
  msghdr msg_{};
  socklen_t addr_len_ = 0;  // accept: in/out length of msg_.msg_name
  // receive with flags out: the backend must use recvmsg; msg_.msg_flags (MSG_EOR,
  // MSG_TRUNC, ...) is copied here at completion.
  int* out_flags_ = nullptr;
  uring_op_state uring_;
};

}  // namespace ringport::detail
