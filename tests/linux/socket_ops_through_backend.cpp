// The socket half of the backend contract on Linux, exercised on real sockets: ops started
// through io_uring or epoll complete with the kernel's result, through run(), exactly once;
// cancellation and deregistration end pending ops with operation_aborted; a context
// destroyed with pending ops destroys them without calling them.
// Linux only: it drives the Linux backends' socket contract (io_uring/epoll) directly.

#include "backend_test.hpp"

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/error.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <string>

namespace socket_ops_through_backend_test {

using SocketOpsThroughBackend = ringport::test::backend_test;
using ringport::detail::socket_op;
using ringport::detail::socket_op_kind;

// An op that records how it ended. The test owns its memory.
struct recording_op : socket_op {
  recording_op(socket_op_kind kind, int fd) : socket_op(&complete, kind, fd) {}
  static void complete(void* owner, ringport::detail::scheduler_operation* base,
                       const std::error_code& ec, std::size_t bytes) {
    auto* self = static_cast<recording_op*>(base);
    if (owner == nullptr) {
      ++self->destroyed;
      return;
    }
    ++self->calls;
    self->result = ec;
    self->transferred = bytes;
  }
  void set_buffer(void* data, std::size_t size) {
    iov[0].iov_base = data;
    iov[0].iov_len = size;
    msg_.msg_iov = iov;
    msg_.msg_iovlen = 1;
  }
  iovec iov[4]{};
  int calls = 0;
  int destroyed = 0;
  std::error_code result;
  std::size_t transferred = 0;
};

class socket_pair {
 public:
  socket_pair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0); }
  ~socket_pair() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  int fds[2] = {-1, -1};
};

ringport::detail::socket_backend& backend_of(ringport::io_context& ctx) {
  return ctx.impl().get_backend();
}

// Starts `op` as the socket service will: counted as work, queued at once if it finished.
void start(ringport::io_context& ctx, ringport::detail::descriptor_state* d, socket_op& op) {
  ctx.impl().work_started();
  if (backend_of(ctx).start_op(d, op)) ctx.impl().post_deferred_completion(&op);
}

ringport::detail::descriptor_state* reg(ringport::io_context& ctx, int fd) {
  std::error_code ec;
  auto mode = ringport::detail::fd_mode::unknown;
  auto* d = backend_of(ctx).register_descriptor(fd, mode, ec);
  EXPECT_FALSE(ec) << ec.message();
  return d;
}

TEST_P(SocketOpsThroughBackend, PendingReceiveCompletesWhenPeerSends) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  auto* b = reg(ctx(), sp.fds[1]);
  char in[16] = {};
  char out[] = "hello";
  recording_op recv_op(socket_op_kind::receive, sp.fds[0]);
  recv_op.set_buffer(in, sizeof in);
  start(ctx(), a, recv_op);
  EXPECT_EQ(recv_op.calls, 0) << "never completes inside start";
  recording_op send_op(socket_op_kind::send, sp.fds[1]);
  send_op.set_buffer(out, 5);
  start(ctx(), b, send_op);
  EXPECT_EQ(send_op.calls, 0) << "never completes inside start";
  ctx().run();
  EXPECT_EQ(send_op.calls, 1);
  EXPECT_FALSE(send_op.result);
  EXPECT_EQ(send_op.transferred, 5u);
  EXPECT_EQ(recv_op.calls, 1);
  EXPECT_FALSE(recv_op.result);
  ASSERT_EQ(recv_op.transferred, 5u);
  EXPECT_EQ(std::string(in, 5), "hello");
  backend_of(ctx()).deregister_descriptor(a);
  backend_of(ctx()).deregister_descriptor(b);
}

TEST_P(SocketOpsThroughBackend, ScatterGatherReachesKernelAsOneArray) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  auto* b = reg(ctx(), sp.fds[1]);
  char p1[] = "abc", p2[] = "defgh", p3[] = "ij";
  recording_op send_op(socket_op_kind::send, sp.fds[1]);
  send_op.iov[0] = {p1, 3};
  send_op.iov[1] = {p2, 5};
  send_op.iov[2] = {p3, 2};
  send_op.msg_.msg_iov = send_op.iov;
  send_op.msg_.msg_iovlen = 3;
  start(ctx(), b, send_op);
  ctx().run();
  ASSERT_EQ(send_op.transferred, 10u);
  ctx().restart();
  char q1[4] = {}, q2[6] = {};
  recording_op recv_op(socket_op_kind::receive, sp.fds[0]);
  recv_op.iov[0] = {q1, 4};
  recv_op.iov[1] = {q2, 6};
  recv_op.msg_.msg_iov = recv_op.iov;
  recv_op.msg_.msg_iovlen = 2;
  start(ctx(), a, recv_op);
  ctx().run();
  ASSERT_EQ(recv_op.transferred, 10u);
  EXPECT_EQ(std::string(q1, 4) + std::string(q2, 6), "abcdefghij");
  backend_of(ctx()).deregister_descriptor(a);
  backend_of(ctx()).deregister_descriptor(b);
}

TEST_P(SocketOpsThroughBackend, CancelOpAbortsPendingReceiveOnce) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  char in[8];
  recording_op recv_op(socket_op_kind::receive, sp.fds[0]);
  recv_op.set_buffer(in, sizeof in);
  start(ctx(), a, recv_op);
  backend_of(ctx()).cancel_op(a, recv_op);
  ctx().run();
  EXPECT_EQ(recv_op.calls, 1);
  EXPECT_TRUE(recv_op.result == ringport::error::operation_aborted) << recv_op.result.message();
  backend_of(ctx()).deregister_descriptor(a);
}

TEST_P(SocketOpsThroughBackend, DeregisterAbortsEveryPendingOp) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  char in[8];
  recording_op recv_op(socket_op_kind::receive, sp.fds[0]);
  recv_op.set_buffer(in, sizeof in);
  recording_op wait_op(socket_op_kind::wait, sp.fds[0]);
  wait_op.flags_ = POLLPRI;
  start(ctx(), a, recv_op);
  start(ctx(), a, wait_op);
  backend_of(ctx()).deregister_descriptor(a);
  ::close(sp.fds[0]);
  sp.fds[0] = -1;
  ctx().run();
  EXPECT_EQ(recv_op.calls, 1);
  EXPECT_EQ(wait_op.calls, 1);
  EXPECT_TRUE(recv_op.result == ringport::error::operation_aborted) << recv_op.result.message();
  EXPECT_TRUE(wait_op.result == ringport::error::operation_aborted) << wait_op.result.message();
}

TEST_P(SocketOpsThroughBackend, ReceiveAfterPeerShutdownGivesZeroBytes) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  char in[8];
  recording_op recv_op(socket_op_kind::receive, sp.fds[0]);
  recv_op.set_buffer(in, sizeof in);
  start(ctx(), a, recv_op);
  ::shutdown(sp.fds[1], SHUT_WR);
  ctx().run();
  EXPECT_EQ(recv_op.calls, 1);
  EXPECT_FALSE(recv_op.result);
  EXPECT_EQ(recv_op.transferred, 0u) << "the socket service maps this to error::eof";
  backend_of(ctx()).deregister_descriptor(a);
}

TEST_P(SocketOpsThroughBackend, WaitReadCompletesWhenDataArrives) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  recording_op wait_op(socket_op_kind::wait, sp.fds[0]);
  wait_op.flags_ = POLLIN;
  start(ctx(), a, wait_op);
  ASSERT_EQ(::write(sp.fds[1], "x", 1), 1);
  ctx().run();
  EXPECT_EQ(wait_op.calls, 1);
  EXPECT_FALSE(wait_op.result);
  backend_of(ctx()).deregister_descriptor(a);
}

int tcp_socket() {
  return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

TEST_P(SocketOpsThroughBackend, AcceptAndConnectOverLoopback) {
  int listener = tcp_socket();
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  int client = tcp_socket();
  auto* l = reg(ctx(), listener);
  auto* c = reg(ctx(), client);

  sockaddr_in peer{};
  recording_op accept_op(socket_op_kind::accept, listener);
  accept_op.msg_.msg_name = &peer;
  accept_op.msg_.msg_namelen = sizeof peer;
  start(ctx(), l, accept_op);
  recording_op connect_op(socket_op_kind::connect, client);
  connect_op.msg_.msg_name = &addr;
  connect_op.msg_.msg_namelen = sizeof addr;
  start(ctx(), c, connect_op);
  ctx().run();
  EXPECT_EQ(connect_op.calls, 1);
  EXPECT_FALSE(connect_op.result) << connect_op.result.message();
  ASSERT_EQ(accept_op.calls, 1);
  ASSERT_FALSE(accept_op.result) << accept_op.result.message();
  int accepted = static_cast<int>(accept_op.transferred);
  EXPECT_GT(accepted, 2);
  EXPECT_EQ(peer.sin_family, AF_INET);
  EXPECT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
  ::close(accepted);
  backend_of(ctx()).deregister_descriptor(l);
  backend_of(ctx()).deregister_descriptor(c);
  ::close(listener);
  ::close(client);
}

TEST_P(SocketOpsThroughBackend, ConnectToClosedPortIsRefused) {
  // Bind a port, then close it without listening: nothing accepts there.
  int probe = tcp_socket();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(probe);
  int client = tcp_socket();
  auto* c = reg(ctx(), client);
  recording_op connect_op(socket_op_kind::connect, client);
  connect_op.msg_.msg_name = &addr;
  connect_op.msg_.msg_namelen = sizeof addr;
  start(ctx(), c, connect_op);
  ctx().run();
  EXPECT_EQ(connect_op.calls, 1);
  EXPECT_TRUE(connect_op.result == ringport::error::connection_refused)
      << connect_op.result.message();
  backend_of(ctx()).deregister_descriptor(c);
  ::close(client);
}

TEST_P(SocketOpsThroughBackend, ContextDestroyedWithPendingOpDestroysIt) {
  socket_pair sp;
  auto* a = reg(ctx(), sp.fds[0]);
  (void)a;
  auto recv_op = std::make_unique<recording_op>(socket_op_kind::receive, sp.fds[0]);
  char in[8];
  recv_op->set_buffer(in, sizeof in);
  start(ctx(), a, *recv_op);
  ctx().poll();
  ctx_.reset();  // shutdown hands the pending op back; it is destroyed, not called
  EXPECT_EQ(recv_op->calls, 0);
  EXPECT_EQ(recv_op->destroyed, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOpsThroughBackend);

}  // namespace socket_ops_through_backend_test
