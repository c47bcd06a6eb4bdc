// Errors reach the caller as Asio's error values: writing to a peer that reset the
// connection gives connection_reset or broken_pipe (and no SIGPIPE: the library must not
// raise it even when the process does not ignore it), reading after the reset gives
// connection_reset, binding a second acceptor to a port in use gives address_in_use.
// (connection_refused is in tcp_connection_refused.cpp.)
// (Windows has no SIGPIPE: there the signal counter watches nothing.)

#include "backend_test.hpp"
#include "portable_socket.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#if defined(__linux__)
#include <signal.h>
#endif

#include <atomic>
#include <chrono>
#include <vector>

namespace socket_error_mapping_test {

using SocketErrorMapping = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::tcp;

#if defined(__linux__)
std::atomic<int> sigpipe_count{0};

void count_sigpipe(int) {
  sigpipe_count.fetch_add(1, std::memory_order_relaxed);
}

// test_main ignores SIGPIPE; this puts a counting handler in its place for the test's
// duration (a library that raised SIGPIPE would be seen), and restores the old action.
class sigpipe_counter {
 public:
  sigpipe_counter() {
    struct sigaction sa {};
    sa.sa_handler = &count_sigpipe;
    sigemptyset(&sa.sa_mask);
    installed_ = ::sigaction(SIGPIPE, &sa, &saved_) == 0;
    sigpipe_count.store(0);
  }
  ~sigpipe_counter() {
    if (installed_) ::sigaction(SIGPIPE, &saved_, nullptr);
  }
  sigpipe_counter(const sigpipe_counter&) = delete;
  sigpipe_counter& operator=(const sigpipe_counter&) = delete;
  bool installed() const { return installed_; }
  int count() const { return sigpipe_count.load(); }

 private:
  struct sigaction saved_ {};
  bool installed_ = false;
};
#else
// No SIGPIPE on Windows: nothing can be raised, nothing to count.
class sigpipe_counter {
 public:
  bool installed() const { return true; }
  int count() const { return 0; }
};
#endif

struct connected_pair : ringport::test::tcp_pair {
  using tcp_pair::tcp_pair;
  // The server closes with linger {true, 0}: the client gets an RST, and the client waits
  // until it has arrived (a reset socket reads as readable).
  void reset_by_server() {
    server.set_option(socket_base::linger(true, 0));
    server.close();
    client.wait(socket_base::wait_read);
  }
};

bool is_reset_or_pipe(const error_code& ec) {
  return ec == ringport::error::connection_reset || ec == ringport::error::broken_pipe;
}

TEST_P(SocketErrorMapping, SyncWriteAfterPeerResetNoSigpipe) {
  sigpipe_counter sig;
  ASSERT_TRUE(sig.installed());
  connected_pair p(ctx());
  p.reset_by_server();
  std::vector<char> data(1024, 'x');
  error_code ec;
  // The first write reports the reset, later ones the broken pipe; bounded.
  for (int i = 0; i < 10 && !ec; ++i)
    p.client.write_some(ringport::buffer(data), ec);
  EXPECT_TRUE(is_reset_or_pipe(ec)) << ec.message();
  // Again: now the pipe is broken for sure (the path that raises SIGPIPE without
  // MSG_NOSIGNAL).
  p.client.write_some(ringport::buffer(data), ec);
  EXPECT_TRUE(is_reset_or_pipe(ec)) << ec.message();
  EXPECT_EQ(sig.count(), 0);
}

TEST_P(SocketErrorMapping, AsyncWriteAfterPeerResetNoSigpipe) {
  sigpipe_counter sig;
  ASSERT_TRUE(sig.installed());
  connected_pair p(ctx());
  p.reset_by_server();
  std::vector<char> data(1024, 'x');
  int calls = 0;
  int errors = 0;
  error_code last;
  // Up to three writes, one after the other; the first failure is the result.
  for (int i = 0; i < 3; ++i) {
    p.client.async_write_some(ringport::buffer(data), [&](error_code ec, std::size_t) {
      ++calls;
      if (ec) {
        ++errors;
        last = ec;
      }
    });
    ctx().restart();
    ctx().run_for(std::chrono::seconds(5));
    EXPECT_EQ(calls, i + 1);
  }
  EXPECT_GE(errors, 1);
  EXPECT_TRUE(is_reset_or_pipe(last)) << last.message();
  EXPECT_EQ(sig.count(), 0);
}

TEST_P(SocketErrorMapping, SyncReadAfterPeerResetIsConnectionReset) {
  connected_pair p(ctx());
  p.reset_by_server();
  char buf[16];
  error_code ec;
  p.client.read_some(ringport::buffer(buf), ec);
  if (ringport::test::running_under_wine()) {
    // Wine 8's blocking recv() returns 0 on a connection reset by the peer (SO_ERROR is 0 as
    // well), which is end of stream; a read pending when the reset comes sees it (below).
    EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
    return;
  }
  EXPECT_TRUE(ec == ringport::error::connection_reset) << ec.message();
}

TEST_P(SocketErrorMapping, AsyncReadPendingWhenPeerResetsIsConnectionReset) {
  connected_pair p(ctx());
  char buf[16];
  int calls = 0;
  error_code result;
  p.client.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  p.server.set_option(socket_base::linger(true, 0));
  p.server.close();
  ctx().run_for(std::chrono::seconds(5));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_reset) << result.message();
}

TEST_P(SocketErrorMapping, SecondBindToSamePortIsAddressInUse) {
  tcp::acceptor first(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::acceptor second(ctx());
  second.open(tcp::v4());
  error_code ec;
  second.bind(first.local_endpoint(), ec);
  EXPECT_TRUE(ec == ringport::error::address_in_use) << ec.message();
  EXPECT_THROW(second.bind(first.local_endpoint()), ringport::system_error);
  // Through the constructor (reuse_address off) as well.
  EXPECT_THROW(tcp::acceptor(ctx(), first.local_endpoint(), false), ringport::system_error);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketErrorMapping);

}  // namespace socket_error_mapping_test
