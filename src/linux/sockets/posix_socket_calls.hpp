// The socket system calls as ringport makes them, in one place: the synchronous calls of
// posix_socket_service_base, the epoll backend's non-blocking attempts and the io_uring
// backend's request preparation all choose and issue them through here. Each call makes one
// attempt (EINTR retried) and returns what the kernel gave: a count or descriptor (>= 0), or
// -errno. The fault-injection layer (fault_injection.hpp) wraps the real calls here: it
// folds away unless the library is built with RINGPORT_TESTING_HOOKS.
#pragma once

#include "fault_injection.hpp"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

namespace ringport::detail::posix_calls {

inline bool would_block(int err) noexcept {
  return err == EAGAIN || err == EWOULDBLOCK;
}

// Blocks until `fd` reports one of `events` (or an error or hang-up, which the retried call
// then reports): 0, or -errno.
inline int wait_ready(int fd, short events) noexcept {
  pollfd p{fd, events, 0};
  for (;;) {
    if (::poll(&p, 1, -1) >= 0) return 0;
    if (errno != EINTR) return -errno;
  }
}

// A receive needs recvmsg (not recv) when it reports the sender, scatters into several
// buffers, or must report the message's flags.
inline bool receive_needs_msghdr(const msghdr& msg, bool wants_flags) noexcept {
  return msg.msg_name != nullptr || msg.msg_iovlen != 1 || wants_flags;
}

// A send needs sendmsg (not send) when it has a destination or gathers several buffers.
inline bool send_needs_msghdr(const msghdr& msg) noexcept {
  return msg.msg_name != nullptr || msg.msg_iovlen != 1;
}

// MSG_NOSIGNAL on every send: a peer that went away gives EPIPE, never SIGPIPE.
inline constexpr int send_flags = MSG_NOSIGNAL;

// recv or recvmsg; with recvmsg the kernel updates msg_namelen and msg_flags.
inline long receive(int fd, msghdr& msg, int flags, bool wants_flags) noexcept {
  for (;;) {
    long n = 0;
    if (fault::inject_transfer(fd, msg, flags, false, n)) {
      if (n == -EINTR) continue;
      return n;
    }
    n = receive_needs_msghdr(msg, wants_flags)
            ? ::recvmsg(fd, &msg, flags)
            : ::recv(fd, msg.msg_iov[0].iov_base, msg.msg_iov[0].iov_len, flags);
    if (n >= 0) return n;
    if (errno != EINTR) return -errno;
  }
}

inline long send(int fd, const msghdr& msg, int flags) noexcept {
  for (;;) {
    long n = 0;
    if (fault::inject_transfer(fd, const_cast<msghdr&>(msg), flags, true, n)) {
      if (n == -EINTR) continue;
      return n;
    }
    n = send_needs_msghdr(msg)
            ? ::sendmsg(fd, &msg, flags | send_flags)
            : ::send(fd, msg.msg_iov[0].iov_base, msg.msg_iov[0].iov_len, flags | send_flags);
    if (n >= 0) return n;
    if (errno != EINTR) return -errno;
  }
}

// readv/preadv on any descriptor (pipe, tty, eventfd, file): `offset` is a file offset, or
// negative for the descriptor's own position. The fault layer sees it as a receive.
inline long read(int fd, msghdr& msg, long long offset) noexcept {
  for (;;) {
    long n = 0;
    if (fault::inject_transfer(fd, msg, 0, false, n)) {
      if (n == -EINTR) continue;
      return n;
    }
    int count = static_cast<int>(msg.msg_iovlen);
    n = offset < 0 ? ::readv(fd, msg.msg_iov, count)
                   : ::preadv(fd, msg.msg_iov, count, static_cast<off_t>(offset));
    if (n >= 0) return n;
    if (errno != EINTR) return -errno;
  }
}

// writev/pwritev, as read(). A pipe whose reader has gone answers EPIPE (and raises
// SIGPIPE, which a program ignores as it would for Asio).
inline long write(int fd, const msghdr& msg, long long offset) noexcept {
  for (;;) {
    long n = 0;
    if (fault::inject_transfer(fd, const_cast<msghdr&>(msg), 0, true, n)) {
      if (n == -EINTR) continue;
      return n;
    }
    int count = static_cast<int>(msg.msg_iovlen);
    n = offset < 0 ? ::writev(fd, msg.msg_iov, count)
                   : ::pwritev(fd, msg.msg_iov, count, static_cast<off_t>(offset));
    if (n >= 0) return n;
    if (errno != EINTR) return -errno;
  }
}

// accept4 with close-on-exec (and `flags`, e.g. SOCK_NONBLOCK). A fault armed for tests
// turns a real accept into -ECONNABORTED (the descriptor is closed), or answers EMFILE or
// ENFILE before the call (the connection stays queued, as when the kernel refuses).
inline int accept(int fd, sockaddr* addr, socklen_t* addr_len, int flags) noexcept {
  if (int e = fault::no_descriptor_fault()) return e;
  for (;;) {
    int s = ::accept4(fd, addr, addr_len, SOCK_CLOEXEC | flags);
    if (s >= 0) return fault::filter_accept(s) < 0 ? -ECONNABORTED : s;
    if (errno != EINTR) return -errno;
  }
}

// A connection the peer reset before the listener took it (-ECONNABORTED, or -EPROTO on
// some kernels): the accept takes the next connection instead, unless the acceptor asked to
// see such connections (enable_connection_aborted).
inline bool accept_again(int result, bool report_connection_aborted) noexcept {
  return (result == -ECONNABORTED || result == -EPROTO) && !report_connection_aborted;
}

// connect: 0, or -errno (-EINPROGRESS on a non-blocking socket whose connect goes on).
inline int connect(int fd, const sockaddr* addr, socklen_t len) noexcept {
  // Not retried on EINTR: the connect goes on in the background, and a second call would
  // answer EALREADY; the caller waits for writability as for EINPROGRESS.
  int r = ::connect(fd, addr, len) == 0 ? 0 : -errno;
  // An injected interruption comes after the kernel started (or finished) the connect.
  if ((r == 0 || r == -EINPROGRESS) && fault::fires(fault::kind::interrupted)) r = -EINTR;
  return r == -EINTR ? -EINPROGRESS : r;
}

// socket() with close-on-exec (and `flags`, e.g. SOCK_NONBLOCK).
inline int open_socket(int family, int type, int protocol, int flags) noexcept {
  if (int e = fault::no_descriptor_fault()) return e;
  int fd = ::socket(family, type | SOCK_CLOEXEC | flags, protocol);
  return fd >= 0 ? fd : -errno;
}

// The outcome of a connect that went on in the background, once the socket is writable.
inline int connect_result(int fd) noexcept {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) return -errno;
  return -err;
}

}  // namespace ringport::detail::posix_calls
