// null_buffers (Asio's readiness-through-a-transfer idiom): an async receive with
// null_buffers completes with 0 bytes only once data has arrived and consumes nothing; an
// async send with null_buffers completes with 0 bytes when the socket is writable; the
// datagram forms leave the sender endpoint alone; the sync forms wait and return 0; cancel()
// aborts a pending one like any other op.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

#include <string>

namespace socket_null_buffers_test {

using SocketNullBuffers = ringport::test::backend_test;
using ringport::error_code;
using ringport::null_buffers;
using ringport::ip::tcp;
using ringport::ip::udp;

using connected_pair = ringport::test::tcp_pair;

TEST_P(SocketNullBuffers, ReceiveWaitsForDataAndConsumesNothing) {
  connected_pair p(ctx());
  int calls = 0;
  error_code result;
  std::size_t bytes = 99;
  p.server.async_receive(null_buffers(), [&](error_code ec, std::size_t n) {
    ++calls;
    result = ec;
    bytes = n;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);  // nothing to read yet
  p.client.write_some(ringport::buffer("data", 4));
  ctx().run();
  ASSERT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(bytes, 0u);
  EXPECT_EQ(p.server.available(), 4u);  // still there
  char buf[4];
  EXPECT_EQ(p.server.read_some(ringport::buffer(buf)), 4u);
  EXPECT_EQ(std::string(buf, 4), "data");
}

TEST_P(SocketNullBuffers, SendWaitsForWritable) {
  connected_pair p(ctx());
  error_code result = ringport::error::would_block;
  std::size_t bytes = 99;
  p.client.async_write_some(null_buffers(), [&](error_code ec, std::size_t n) {
    result = ec;
    bytes = n;
  });
  ctx().run();
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(bytes, 0u);
  EXPECT_EQ(p.server.available(), 0u);  // nothing was sent
}

TEST_P(SocketNullBuffers, DatagramReceiveFromLeavesSenderAlone) {
  udp::socket a(ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  udp::socket b(ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  udp::endpoint sender(ringport::ip::make_address("10.1.2.3"), 7);
  const udp::endpoint before = sender;
  int calls = 0;
  b.async_receive_from(null_buffers(), sender, [&](error_code ec, std::size_t n) {
    ++calls;
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 0u);
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  a.send_to(ringport::buffer("x", 1), b.local_endpoint());
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(sender, before);
  char c;
  udp::endpoint real;
  EXPECT_EQ(b.receive_from(ringport::buffer(&c, 1), real), 1u);
  EXPECT_EQ(real, a.local_endpoint());
}

TEST_P(SocketNullBuffers, SyncFormsWaitAndReturnZero) {
  connected_pair p(ctx());
  p.client.write_some(ringport::buffer("z", 1));
  EXPECT_EQ(p.server.read_some(null_buffers()), 0u);  // returns once readable
  EXPECT_EQ(p.server.available(), 1u);
  EXPECT_EQ(p.client.write_some(null_buffers()), 0u);
}

TEST_P(SocketNullBuffers, CancelAbortsPendingWait) {
  connected_pair p(ctx());
  int calls = 0;
  error_code result;
  p.server.async_read_some(null_buffers(), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  p.server.cancel();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SocketNullBuffers);

}  // namespace socket_null_buffers_test
