// non_blocking(true) makes synchronous calls report would_block instead of waiting;
// non_blocking(false) makes them wait again. native_non_blocking() is the descriptor's
// O_NONBLOCK flag (as in Asio), set and cleared by native_non_blocking(mode); async ops
// work whatever the user set.
// (Windows cannot read FIONBIO back: a timed peek probes the socket's mode there, see
// portable_socket.hpp.)

#include "backend_test.hpp"
#include "portable_socket.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <chrono>
#include <string>
#include <thread>

namespace socket_non_blocking_test {

using SocketNonBlocking = ringport::test::backend_test;
using SocketNonBlockingThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

using connected_pair = ringport::test::tcp_pair;

bool descriptor_non_blocking(tcp::socket& s) {
  bool ok = false;
  bool non_blocking = ringport::test::raw_non_blocking(s.native_handle(), ok);
  EXPECT_TRUE(ok) << "the socket's mode could not be read";
  return ok && non_blocking;
}

TEST_P(SocketNonBlocking, UserNonBlockingReadWouldBlockWriteWorks) {
  connected_pair p(ctx());
  EXPECT_FALSE(p.server.non_blocking());
  p.server.non_blocking(true);
  EXPECT_TRUE(p.server.non_blocking());
  char buf[8];
  error_code ec;
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(p.server.read_some(ringport::buffer(buf), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
  // Generous: "immediately" means it did not wait for data that never comes.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_EQ(p.server.write_some(ringport::buffer("hi", 2), ec), 2u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(p.client.read_some(ringport::buffer(buf)), 2u);
  // Data present: the non-blocking read gets it.
  p.client.write_some(ringport::buffer("abc", 3));
  p.server.wait(ringport::socket_base::wait_read);
  EXPECT_EQ(p.server.read_some(ringport::buffer(buf), ec), 3u);
  EXPECT_FALSE(ec) << ec.message();
}

TEST_P(SocketNonBlocking, NativeNonBlockingIsTheDescriptorMode) {
  connected_pair p(ctx());
  EXPECT_EQ(p.server.native_non_blocking(), descriptor_non_blocking(p.server));
  p.server.native_non_blocking(true);
  EXPECT_TRUE(p.server.native_non_blocking());
  EXPECT_TRUE(descriptor_non_blocking(p.server));
  p.server.native_non_blocking(false);
  EXPECT_FALSE(p.server.native_non_blocking());
  EXPECT_FALSE(descriptor_non_blocking(p.server));
  p.server.native_non_blocking(true);
  EXPECT_TRUE(p.server.native_non_blocking());
  EXPECT_TRUE(descriptor_non_blocking(p.server));

  // As in Asio: user non-blocking mode forbids a blocking native mode.
  p.server.non_blocking(true);
  error_code ec;
  p.server.native_non_blocking(false, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  EXPECT_TRUE(p.server.native_non_blocking());

  tcp::socket closed(ctx());
  closed.native_non_blocking(true, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  closed.non_blocking(true, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

// Whatever the user set, an async read and write complete, and afterwards
// native_non_blocking() still tells the descriptor's real mode.
TEST_P(SocketNonBlocking, AsyncOpsWorkInEveryMode) {
  connected_pair p(ctx());
  const bool modes[][2] = {{false, false}, {false, true}, {true, true}};  // {user, native}
  for (const auto& m : modes) {
    p.server.non_blocking(false);
    p.server.native_non_blocking(m[1]);
    p.server.non_blocking(m[0]);
    char buf[8];
    std::size_t got = 0;
    std::size_t sent = 0;
    p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
      EXPECT_FALSE(ec) << ec.message();
      got = n;
    });
    p.server.async_write_some(ringport::buffer("xyz", 3), [&](error_code ec, std::size_t n) {
      EXPECT_FALSE(ec) << ec.message();
      sent = n;
    });
    ctx().restart();
    ctx().poll();
    EXPECT_EQ(got, 0u);
    p.client.write_some(ringport::buffer("ping", 4));
    ctx().run_for(std::chrono::seconds(5));
    EXPECT_EQ(got, 4u) << "user " << m[0] << " native " << m[1];
    EXPECT_EQ(sent, 3u);
    char cbuf[3];
    EXPECT_EQ(p.client.read_some(ringport::buffer(cbuf)), 3u);
    EXPECT_EQ(p.server.native_non_blocking(), descriptor_non_blocking(p.server));
    EXPECT_EQ(p.server.non_blocking(), m[0]);
  }
}

// non_blocking(false) after non_blocking(true): a synchronous read waits for the data a
// peer thread writes, instead of reporting would_block.
TEST_P(SocketNonBlockingThreads, BlockingAgainAfterNonBlockingFalse) {
  connected_pair p(ctx());
  p.server.non_blocking(true);
  char buf[8];
  error_code ec;
  p.server.read_some(ringport::buffer(buf), ec);
  EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
  p.server.non_blocking(false);
  EXPECT_FALSE(p.server.non_blocking());

  std::thread writer([&] {
    // Gives the reader time to block first; correctness does not depend on it.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    p.client.write_some(ringport::buffer("late", 4));
  });
  std::size_t n = p.server.read_some(ringport::buffer(buf), ec);
  writer.join();
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(n, 4u);
  EXPECT_EQ(std::string(buf, n), "late");
}

RINGPORT_INSTANTIATE_BACKENDS(SocketNonBlocking);
RINGPORT_INSTANTIATE_BACKENDS(SocketNonBlockingThreads);

}  // namespace socket_non_blocking_test
