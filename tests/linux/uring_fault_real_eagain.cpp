// io_uring answers -EAGAIN where it does not wait for readiness: for a request with
// MSG_DONTWAIT, and on older kernels for a descriptor in non-blocking mode. Asio's reactor
// waits for readiness and tries again, so an async op never reports would_block: the
// io_uring backend submits the op again, waiting this time. No fault plan: the kernel's own
// -EAGAIN.

#include "tcp_pair.hpp"
#include "uring_fault_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <sys/socket.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace uring_fault_real_eagain_test {

using UringFaultRealEagain = ringport::test::uring_fault_test;
using ringport::error_code;

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

// A receive asked with MSG_DONTWAIT, started before its data is sent: io_uring answers
// -EAGAIN instead of waiting; with Asio the reactor waits for readiness and receives, so the
// handler must get the data, not would_block.
TEST_F(UringFaultRealEagain, DontWaitReceiveWaitsForData) {
  ringport::test::tcp_pair pair(ctx());
  const std::string message = "sent after the receive";
  std::string got(message.size(), '\0');
  outcome received;
  pair.server.async_receive(ringport::buffer(got), MSG_DONTWAIT, [&](error_code ec, std::size_t n) {
    ++received.calls;
    received.ec = ec;
    received.bytes = n;
  });
  ringport::post(ctx(), [&] { ringport::write(pair.client, ringport::buffer(message)); });
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(received.calls, 1);
  EXPECT_FALSE(received.ec) << received.ec.message();
  EXPECT_EQ(received.bytes, message.size());
  EXPECT_EQ(got, message);
}

// Older kernels answer -EAGAIN for a descriptor in non-blocking mode (current ones wait):
// started from a handler, the receive's request waits in the submission queue for the next
// wait(); the user makes the descriptor non-blocking before that. The receive must still get the
// data sent after it (as with Asio, which waits for readiness), not would_block.
TEST_F(UringFaultRealEagain, ReceiveOnNonBlockingDescriptorWaitsForData) {
  ringport::test::tcp_pair pair(ctx());
  const std::string message = "after the switch";
  std::string got(message.size(), '\0');
  outcome received, sent;
  ringport::post(ctx(), [&] {
    ringport::async_read(pair.server, ringport::buffer(got), [&](error_code ec, std::size_t n) {
      ++received.calls;
      received.ec = ec;
      received.bytes = n;
    });
    pair.server.native_non_blocking(true);
    // Queued behind the receive: the data arrives only after the kernel answered it.
    ringport::async_write(pair.client, ringport::buffer(message),
                          [&](error_code ec, std::size_t n) {
                            ++sent.calls;
                            sent.ec = ec;
                            sent.bytes = n;
                          });
  });
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(sent.calls, 1);
  EXPECT_EQ(received.calls, 1);
  EXPECT_FALSE(received.ec) << received.ec.message();
  EXPECT_EQ(got, message);
}

}  // namespace uring_fault_real_eagain_test
