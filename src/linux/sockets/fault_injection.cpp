#include "fault_injection.hpp"

#if RINGPORT_TESTING_HOOKS

#include <cerrno>
#include <sys/uio.h>
#include <unistd.h>

#include <cstddef>

namespace ringport::detail::fault {

std::atomic<int> accepts_to_abort{0};

int take_accept_fault(int fd) noexcept {
  int left = accepts_to_abort.load(std::memory_order_relaxed);
  while (left > 0) {
    if (accepts_to_abort.compare_exchange_weak(left, left - 1, std::memory_order_relaxed)) {
      ::close(fd);
      return -1;
    }
  }
  return fd;
}

namespace {

// Only a stream's transfers can be cut short or reset: a datagram is sent and received whole.
bool is_stream(int fd) noexcept {
  int type = 0;
  socklen_t len = sizeof type;
  return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM;
}

// The real call on the first `limit` bytes of `msg`'s buffers.
long short_transfer(int fd, msghdr& msg, int flags, bool is_send, std::size_t limit) noexcept {
  constexpr std::size_t max_iov = 64;
  iovec iov[max_iov];
  std::size_t n = 0;
  for (std::size_t i = 0; i < msg.msg_iovlen && n < max_iov && limit > 0; ++i) {
    iov[n] = msg.msg_iov[i];
    if (iov[n].iov_len > limit) iov[n].iov_len = limit;
    limit -= iov[n].iov_len;
    ++n;
  }
  msghdr cut = msg;
  cut.msg_iov = iov;
  cut.msg_iovlen = n;
  long r = is_send ? ::sendmsg(fd, &cut, flags | MSG_NOSIGNAL) : ::recvmsg(fd, &cut, flags);
  if (r < 0) return -errno;
  msg.msg_namelen = cut.msg_namelen;
  msg.msg_flags = cut.msg_flags;
  return r;
}

}  // namespace

bool transfer_fault(int fd, msghdr& msg, int flags, bool is_send, long& result) noexcept {
  if (!is_stream(fd)) return false;
  if (fires(kind::interrupted)) {
    result = -EINTR;
    return true;
  }
  if (fires(kind::reset)) {
    // A real reset: disconnecting a connected TCP socket (connect to AF_UNSPEC) aborts the
    // connection as the kernel does on a reset: RST to the peer, both queues discarded. The
    // real call then fails as after a reset (ECONNRESET first, then EPIPE or ENOTCONN).
    sockaddr unspec{};
    unspec.sa_family = AF_UNSPEC;
    ::connect(fd, &unspec, sizeof unspec);
    return false;
  }
  std::size_t total = 0;
  for (std::size_t i = 0; i < msg.msg_iovlen; ++i)
    total += msg.msg_iov[i].iov_len;
  if (total < 2 || !fires(kind::short_transfer)) return false;
  result = short_transfer(fd, msg, flags, is_send, 1 + draw(kind::short_transfer, total - 1));
  return true;
}

}  // namespace ringport::detail::fault

#endif  // RINGPORT_TESTING_HOOKS
