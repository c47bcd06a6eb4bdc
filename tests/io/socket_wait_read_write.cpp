// wait(wait_read)/async_wait(wait_read) on a connected socket end when the peer writes and
// consume nothing; wait(wait_write) on a connected socket ends at once.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <chrono>
#include <string>

namespace socket_wait_read_write_test {

using SocketWaitReadWrite = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::tcp;

using connected_pair = ringport::test::tcp_pair;

TEST_P(SocketWaitReadWrite, AsyncWaitReadEndsWhenPeerWritesAndConsumesNothing) {
  connected_pair p(ctx());
  int calls = 0;
  error_code result;
  p.server.async_wait(socket_base::wait_read, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  // Still nothing to read: a bounded run does not end the wait.
  ctx().run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(calls, 0);

  p.client.write_some(ringport::buffer("hello", 5));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();

  // The wait took nothing: the five bytes are all there.
  EXPECT_EQ(p.server.available(), 5u);
  char buf[8];
  EXPECT_EQ(p.server.read_some(ringport::buffer(buf)), 5u);
  EXPECT_EQ(std::string(buf, 5), "hello");
}

TEST_P(SocketWaitReadWrite, AsyncWaitWriteEndsAtOnce) {
  connected_pair p(ctx());
  int calls = 0;
  error_code result;
  p.client.async_wait(socket_base::wait_write, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  EXPECT_EQ(calls, 0);  // never inside the initiating call
  ctx().run_for(std::chrono::seconds(5));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
}

TEST_P(SocketWaitReadWrite, SyncWaitReadReturnsAfterPeerWrote) {
  connected_pair p(ctx());
  p.client.write_some(ringport::buffer("abc", 3));
  error_code ec;
  p.server.wait(socket_base::wait_read, ec);
  EXPECT_FALSE(ec) << ec.message();
  char buf[4];
  EXPECT_EQ(p.server.read_some(ringport::buffer(buf)), 3u);
  // And wait_write on a connected socket returns at once.
  p.server.wait(socket_base::wait_write, ec);
  EXPECT_FALSE(ec) << ec.message();
}

TEST_P(SocketWaitReadWrite, AsyncWaitReadEndsAtPeerClose) {
  connected_pair p(ctx());
  int calls = 0;
  error_code result;
  p.server.async_wait(socket_base::wait_read, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  p.client.close();
  ctx().run_for(std::chrono::seconds(5));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  // Readable means end of file here.
  char buf[4];
  error_code ec;
  p.server.read_some(ringport::buffer(buf), ec);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
}

TEST_P(SocketWaitReadWrite, WaitOnClosedSocketIsBadDescriptor) {
  tcp::socket s(ctx());
  error_code ec;
  s.wait(socket_base::wait_read, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  int calls = 0;
  error_code result;
  s.async_wait(socket_base::wait_write, [&](error_code e) {
    ++calls;
    result = e;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::bad_descriptor) << result.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SocketWaitReadWrite);

}  // namespace socket_wait_read_write_test
