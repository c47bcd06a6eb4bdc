#include "ringport/detail/linux/posix_socket_service_base.hpp"

#include "posix_socket_calls.hpp"

#include "ringport/detail/scheduler.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include "../../common/trace.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace ringport::detail {

namespace {

error_code last_error() {
  return error_code(errno, ringport::system_category());
}

using posix_calls::would_block;

const char* kind_name(socket_op_kind kind) noexcept {
  switch (kind) {
    case socket_op_kind::receive:
      return "receive";
    case socket_op_kind::send:
      return "send";
    case socket_op_kind::accept:
      return "accept";
    case socket_op_kind::connect:
      return "connect";
    case socket_op_kind::wait:
      return "wait";
    case socket_op_kind::read:
      return "read";
    case socket_op_kind::write:
      return "write";
  }
  return "op";
}

// Sets or clears O_NONBLOCK on `fd`.
bool set_descriptor_non_blocking(int fd, bool mode, error_code& ec) {
  int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0) {
    ec = last_error();
    return false;
  }
  int want = mode ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
  if (want != fl && ::fcntl(fd, F_SETFL, want) < 0) {
    ec = last_error();
    return false;
  }
  ec.clear();
  return true;
}

// Blocks until `fd` reports one of `events` (or an error/hang-up, which the retried call
// then reports).
bool poll_for(int fd, short events, error_code& ec) {
  if (int r = posix_calls::wait_ready(fd, events)) {
    ec = error_code(-r, ringport::system_category());
    return false;
  }
  return true;
}

}  // namespace

posix_socket_service_base::posix_socket_service_base(execution_context& ctx)
    : context_(ctx), scheduler_(use_service<scheduler>(ctx)), backend_(&scheduler_.get_backend()) {}

void posix_socket_service_base::close_native(native_handle_type fd) noexcept {
  ::close(fd);
}

void posix_socket_service_base::base_shutdown() {
  impls_.for_each<base_implementation_type>([this](base_implementation_type& impl) {
    if (impl.socket_ < 0) return;
    deregister(impl);
    ::close(impl.socket_);
    impl.socket_ = -1;
    impl.state_ = 0;
  });
}

void posix_socket_service_base::construct(base_implementation_type& impl) {
  impl.socket_ = -1;
  impl.state_ = 0;
  impl.reactor_data_ = nullptr;
  impls_.link(impl);
}

void posix_socket_service_base::take_state(base_implementation_type& impl,
                                           base_implementation_type& other) {
  impl.socket_ = other.socket_;
  impl.state_ = other.state_;
  impl.reactor_data_ = other.reactor_data_;
  // No lock: only the socket's owner touches these two pointers; cancellation handlers hold
  // weak copies, and a move leaves the shared count they check unchanged.
  impl.cancel_token_ = std::move(other.cancel_token_);
  other.socket_ = -1;
  other.state_ = 0;
  other.reactor_data_ = nullptr;
}

void posix_socket_service_base::deregister(base_implementation_type& impl) {
  if (impl.reactor_data_ == nullptr) return;
  {
    // TRICKY: the token dies before the state does; a cancellation handler checks it under
    // the same mutex, so it never hands a deregistered state to the backend.
    std::lock_guard lock(socket_link_mutex());
    impl.cancel_token_.reset();
  }
  backend_->deregister_descriptor(impl.reactor_data_);
  impl.reactor_data_ = nullptr;
}

error_code posix_socket_service_base::do_open(base_implementation_type& impl, int family, int type,
                                              int protocol, error_code& ec) {
  if (impl.socket_ >= 0) {
    ec = error::already_open;
    return ec;
  }
  bool nb = backend_non_blocking();
  int fd = posix_calls::open_socket(family, type, protocol, nb ? SOCK_NONBLOCK : 0);
  if (fd < 0) {
    ec = error_code(-fd, ringport::system_category());
    return ec;
  }
  if (do_assign(impl, type, fd, ec, nb ? fd_mode::non_blocking : fd_mode::blocking)) ::close(fd);
  return ec;
}

bool posix_socket_service_base::backend_non_blocking() const noexcept {
  return backend_->kind() == backend_kind::epoll;
}

error_code posix_socket_service_base::do_assign(base_implementation_type& impl, int type, int fd,
                                                error_code& ec, fd_mode mode) {
  if (impl.socket_ >= 0) {
    ec = error::already_open;
    return ec;
  }
  std::error_code reg_ec;
  descriptor_state* state = backend_->register_descriptor(fd, mode, reg_ec);
  if (reg_ec) {
    ec = reg_ec;
    return ec;
  }
  impl.socket_ = fd;
  impl.reactor_data_ = state;
  impl.state_ = 0;
  if (type == SOCK_STREAM) impl.state_ |= stream_oriented;
  if (type == SOCK_DGRAM) impl.state_ |= datagram_oriented;
  if (mode == fd_mode::unknown) {
    int fl = ::fcntl(fd, F_GETFL);
    if (fl >= 0 && (fl & O_NONBLOCK)) mode = fd_mode::non_blocking;
  }
  if (mode == fd_mode::non_blocking) impl.state_ |= internal_non_blocking;
  impls_.link(impl);  // a moved-from implementation that opens again
  ec.clear();
  return ec;
}

error_code posix_socket_service_base::close(base_implementation_type& impl, error_code& ec) {
  ec.clear();
  if (impl.socket_ < 0) return ec;
  // TRICKY: deregister first: closing a descriptor does not cancel io_uring requests on it.
  deregister(impl);
  if (::close(impl.socket_) != 0 && errno != EINTR) ec = last_error();
  impl.socket_ = -1;
  impl.state_ = 0;
  return ec;
}

int posix_socket_service_base::release(base_implementation_type& impl, error_code& ec) {
  ec.clear();
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return -1;
  }
  deregister(impl);
  int fd = impl.socket_;
  // A backend may have switched the descriptor's mode for itself (epoll: non-blocking);
  // give it back blocking unless the user asked for native non-blocking mode.
  bool user_native_nb = impl.state_ & user_set_native_non_blocking;
  if (static_cast<bool>(impl.state_ & internal_non_blocking) != user_native_nb) {
    error_code ignored;
    set_descriptor_non_blocking(fd, user_native_nb, ignored);
  }
  impl.socket_ = -1;
  impl.state_ = 0;
  return fd;
}

error_code posix_socket_service_base::cancel(base_implementation_type& impl, error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return ec;
  }
  backend_->cancel_descriptor(impl.reactor_data_);
  ec.clear();
  return ec;
}

error_code posix_socket_service_base::native_non_blocking(base_implementation_type& impl, bool mode,
                                                          error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return ec;
  }
  // As in Asio: a socket in user non-blocking mode cannot have a blocking native mode.
  if (!mode && (impl.state_ & user_set_non_blocking)) {
    ec = error::invalid_argument;
    return ec;
  }
  // The descriptor's real flag, as in Asio. The next async op switches it back to what the
  // backend needs (prepare_for_backend), so the backend is never handed the wrong mode.
  if (!set_descriptor_non_blocking(impl.socket_, mode, ec)) return ec;
  if (mode)
    impl.state_ |= user_set_native_non_blocking | internal_non_blocking;
  else
    impl.state_ &= ~(user_set_native_non_blocking | internal_non_blocking);
  return ec;
}

void posix_socket_service_base::prepare_for_backend(base_implementation_type& impl) {
  bool want_nb = backend_non_blocking();
  if (static_cast<bool>(impl.state_ & internal_non_blocking) == want_nb) return;
  error_code ignored;
  if (!set_descriptor_non_blocking(impl.socket_, want_nb, ignored)) return;
  if (want_nb)
    impl.state_ |= internal_non_blocking;
  else
    impl.state_ &= ~internal_non_blocking;
}

error_code posix_socket_service_base::do_io_control(base_implementation_type& impl,
                                                    unsigned long request, void* arg,
                                                    error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::ioctl(impl.socket_, request, arg) < 0)
    ec = last_error();
  else
    ec.clear();
  return ec;
}

std::size_t posix_socket_service_base::available(const base_implementation_type& impl,
                                                 error_code& ec) const {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return 0;
  }
  int n = 0;
  if (::ioctl(impl.socket_, FIONREAD, &n) < 0) {
    ec = last_error();
    return 0;
  }
  ec.clear();
  return static_cast<std::size_t>(n);
}

error_code posix_socket_service_base::shutdown(base_implementation_type& impl,
                                               socket_base::shutdown_type what, error_code& ec) {
  if (::shutdown(impl.socket_, what) < 0)
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
  else
    ec.clear();
  return ec;
}

error_code posix_socket_service_base::listen(base_implementation_type& impl, int backlog,
                                             error_code& ec) {
  if (::listen(impl.socket_, backlog) < 0)
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
  else
    ec.clear();
  return ec;
}

error_code posix_socket_service_base::set_option(base_implementation_type& impl, int level,
                                                 int name, const void* data, std::size_t size,
                                                 error_code& ec) {
  if (::setsockopt(impl.socket_, level, name, data, static_cast<socklen_t>(size)) < 0)
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
  else
    ec.clear();
  return ec;
}

error_code posix_socket_service_base::get_option(const base_implementation_type& impl, int level,
                                                 int name, void* data, std::size_t& size,
                                                 error_code& ec) const {
  socklen_t len = static_cast<socklen_t>(size);
  if (::getsockopt(impl.socket_, level, name, data, &len) < 0) {
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
    return ec;
  }
  // Linux doubles the buffer size it is given (room for its bookkeeping) and reports the
  // doubled value; halved here, as Asio does, so that get_option reads back what
  // set_option wrote.
  if (level == SOL_SOCKET && (name == SO_SNDBUF || name == SO_RCVBUF) && len == sizeof(int))
    *static_cast<int*>(data) /= 2;
  size = len;
  ec.clear();
  return ec;
}

std::size_t posix_socket_service_base::send(base_implementation_type& impl,
                                            const native_buffer* bufs, std::size_t count,
                                            std::size_t total, socket_base::message_flags flags,
                                            error_code& ec, const void* addr,
                                            std::size_t addr_len) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return 0;
  }
  // A stream send of nothing succeeds at once, as in Asio.
  if (total == 0 && (impl.state_ & stream_oriented)) {
    ec.clear();
    return 0;
  }
  msghdr msg{};
  msg.msg_iov = const_cast<native_buffer*>(bufs);
  msg.msg_iovlen = count;
  msg.msg_name = const_cast<void*>(addr);  // sendmsg only reads it
  msg.msg_namelen = static_cast<socklen_t>(addr_len);
  bool user_nb = impl.state_ & user_set_non_blocking;
  int f = flags | (user_nb ? MSG_DONTWAIT : 0);
  for (;;) {
    // A blocking call may find the descriptor not ready where a level-triggered wait follows.
    long n = !user_nb && fault::fires(fault::kind::would_block)
                 ? -EAGAIN
                 : posix_calls::send(impl.socket_, msg, f);
    if (n >= 0) {
      ec.clear();
      return static_cast<std::size_t>(n);
    }
    if (!would_block(static_cast<int>(-n)) || user_nb) {
      ec = error_code(static_cast<int>(-n), ringport::system_category());
      return 0;
    }
    if (!poll_for(impl.socket_, POLLOUT, ec)) return 0;
  }
}

std::size_t posix_socket_service_base::receive(base_implementation_type& impl, native_buffer* bufs,
                                               std::size_t count, std::size_t total,
                                               socket_base::message_flags flags, error_code& ec,
                                               void* addr, std::size_t* addr_len, int* out_flags) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return 0;
  }
  bool stream = impl.state_ & stream_oriented;
  if (total == 0 && stream) {
    ec.clear();
    return 0;
  }
  msghdr msg{};
  msg.msg_iov = bufs;
  msg.msg_iovlen = count;
  bool user_nb = impl.state_ & user_set_non_blocking;
  int f = flags | (user_nb ? MSG_DONTWAIT : 0);
  for (;;) {
    // Reset on every try: the kernel overwrites msg_namelen with the sender's length.
    msg.msg_name = addr;
    msg.msg_namelen = addr_len ? static_cast<socklen_t>(*addr_len) : 0;
    long n = !user_nb && fault::fires(fault::kind::would_block)
                 ? -EAGAIN
                 : posix_calls::receive(impl.socket_, msg, f, out_flags != nullptr);
    // A datagram of 0 bytes is a datagram, not end of file. A datagram longer than the
    // buffers is cut to fit and still succeeds with the buffers' size, as Asio reports on
    // Linux (the kernel sets MSG_TRUNC in msg.msg_flags; Asio does not surface it).
    if (n > 0 || (n == 0 && !stream)) {
      if (addr_len) *addr_len = msg.msg_namelen;
      if (out_flags) *out_flags = msg.msg_flags;
      ec.clear();
      return static_cast<std::size_t>(n);
    }
    if (n == 0) {
      ec = error::eof;
      return 0;
    }
    if (!would_block(static_cast<int>(-n)) || user_nb) {
      ec = error_code(static_cast<int>(-n), ringport::system_category());
      return 0;
    }
    if (!poll_for(impl.socket_, (flags & MSG_OOB) ? POLLPRI : POLLIN, ec)) return 0;
  }
}

error_code posix_socket_service_base::wait(base_implementation_type& impl, socket_base::wait_type w,
                                           error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return ec;
  }
  short events = w == socket_base::wait_read    ? POLLIN
                 : w == socket_base::wait_write ? POLLOUT
                                                : POLLPRI;
  ec.clear();
  poll_for(impl.socket_, events, ec);
  return ec;
}

error_code posix_socket_service_base::do_bind(base_implementation_type& impl, const void* addr,
                                              std::size_t len, error_code& ec) {
  if (::bind(impl.socket_, static_cast<const sockaddr*>(addr), static_cast<socklen_t>(len)) < 0)
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
  else
    ec.clear();
  return ec;
}

error_code posix_socket_service_base::do_connect(base_implementation_type& impl, const void* addr,
                                                 std::size_t len, error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return ec;
  }
  ec.clear();
  int r = posix_calls::connect(impl.socket_, static_cast<const sockaddr*>(addr),
                               static_cast<socklen_t>(len));
  if (r == 0) return ec;
  // A non-blocking descriptor (epoll) answers EINPROGRESS, as does an interrupted blocking
  // connect, which goes on in the background. Either way, writability says it has finished.
  if (r != -EINPROGRESS && !would_block(-r)) {
    ec = error_code(-r, ringport::system_category());
    return ec;
  }
  if (!poll_for(impl.socket_, POLLOUT, ec)) return ec;
  r = posix_calls::connect_result(impl.socket_);
  if (r != 0) ec = error_code(-r, ringport::system_category());
  return ec;
}

int posix_socket_service_base::do_accept(base_implementation_type& impl, void* addr,
                                         std::size_t* len, error_code& ec) {
  if (impl.socket_ < 0) {
    ec = error::bad_descriptor;
    return -1;
  }
  bool user_nb = impl.state_ & user_set_non_blocking;
  for (;;) {
    // A connection the backend accepted ahead of the program comes first.
    if (impl.reactor_data_ != nullptr) {
      int fd = backend_->take_accepted(impl.reactor_data_);
      if (fd >= 0) {
        socklen_t l = len ? static_cast<socklen_t>(*len) : 0;
        if (addr && ::getpeername(fd, static_cast<sockaddr*>(addr), &l) != 0) {
          // Reset before it was taken: as an accept that met a reset connection.
          ::close(fd);
          if (posix_calls::accept_again(-ECONNABORTED, impl.state_ & enable_connection_aborted))
            continue;
          ec = error_code(ECONNABORTED, ringport::system_category());
          return -1;
        }
        if (len) *len = l;
        ec.clear();
        return fd;
      }
    }
    if (user_nb && !backend_non_blocking()) {
      // TRICKY: accept4 has no per-call "don't wait" flag, and a poll() that saw a connection
      // does not keep another taker (a thread or process sharing the listener) from taking it
      // first: the accept would then wait. So the descriptor itself is made non-blocking,
      // checked at every call since the io_uring backend puts it back in blocking mode when
      // an async op meets EAGAIN; prepare_for_backend() restores the backend's mode before
      // the next async op.
      error_code mode_ec;
      if (set_descriptor_non_blocking(impl.socket_, true, mode_ec)) {
        impl.state_ |= internal_non_blocking;
      } else {
        pollfd p{impl.socket_, POLLIN, 0};
        if (::poll(&p, 1, 0) == 0) {
          ec = error::would_block;
          return -1;
        }
      }
    }
    socklen_t l = len ? static_cast<socklen_t>(*len) : 0;
    int fd = posix_calls::accept(impl.socket_, static_cast<sockaddr*>(addr), addr ? &l : nullptr,
                                 backend_non_blocking() ? SOCK_NONBLOCK : 0);
    if (fd >= 0) {
      if (len) *len = l;
      ec.clear();
      return fd;
    }
    if (posix_calls::accept_again(fd, impl.state_ & enable_connection_aborted)) continue;
    if (!would_block(-fd) || user_nb) {
      ec = error_code(-fd, ringport::system_category());
      return -1;
    }
    if (!poll_for(impl.socket_, POLLIN, ec)) return -1;
  }
}

error_code posix_socket_service_base::do_local_endpoint(const base_implementation_type& impl,
                                                        void* addr, std::size_t& len,
                                                        error_code& ec) const {
  socklen_t l = static_cast<socklen_t>(len);
  if (::getsockname(impl.socket_, static_cast<sockaddr*>(addr), &l) < 0) {
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
    return ec;
  }
  len = l;
  ec.clear();
  return ec;
}

error_code posix_socket_service_base::do_remote_endpoint(const base_implementation_type& impl,
                                                         void* addr, std::size_t& len,
                                                         error_code& ec) const {
  socklen_t l = static_cast<socklen_t>(len);
  if (::getpeername(impl.socket_, static_cast<sockaddr*>(addr), &l) < 0) {
    ec = impl.socket_ < 0 ? error_code(error::bad_descriptor) : last_error();
    return ec;
  }
  len = l;
  ec.clear();
  return ec;
}

std::weak_ptr<void> posix_socket_service_base::cancel_token_of(base_implementation_type& impl) {
  std::lock_guard lock(socket_link_mutex());
  if (!impl.cancel_token_) impl.cancel_token_ = std::make_shared<int>(0);
  return impl.cancel_token_;
}

void posix_socket_service_base::start_registered_op(base_implementation_type& impl, socket_op& op) {
  prepare_for_backend(impl);
  // The accept op carries the acceptor's enable_connection_aborted flag as it was when the
  // op started; the backend retries a reset connection unless it is set.
  if (op.kind_ == socket_op_kind::accept)
    op.flags_ = (impl.state_ & enable_connection_aborted) ? accept_report_connection_aborted : 0;
  op.may_defer_ = scheduler_.can_dispatch();
  // The pending op keeps run() going until it has completed or been destroyed.
  scheduler_.work_started();
  if (trace_point::on()) [[unlikely]]
    trace_point::started(&op, kind_name(op.kind_), static_cast<std::uintptr_t>(op.fd_));
  if (backend_->start_op(impl.reactor_data_, op)) {
    if (trace_point::on()) [[unlikely]]
      trace_point::finished_at_once(&op);
    scheduler_.post_deferred_completion(&op);
  } else if (trace_point::on()) [[unlikely]] {
    // TRICKY: the op may have completed on another thread already; handed_over() finds it
    // gone then (its handler ran) and records nothing.
    trace_point::handed_over(&op, to_string(backend_->kind()));
  }
}

void posix_socket_service_base::complete_now(socket_op& op, const error_code& ec) {
  if (trace_point::on()) [[unlikely]] {
    trace_point::started(&op, kind_name(op.kind_), static_cast<std::uintptr_t>(op.fd_));
    trace_point::finished_at_once(&op);
  }
  op.ec_ = ec;
  op.bytes_ = 0;
  scheduler_.work_started();
  scheduler_.post_deferred_completion(&op);
}

}  // namespace ringport::detail
