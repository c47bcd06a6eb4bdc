// The CancelIo path of cancel(), forced with the service's switch (as on a system without
// CancelIoEx): from the thread that started the socket's ops it cancels them (the read ends
// once with operation_aborted); from any other thread it is refused with
// operation_not_supported and the op stays pending; with nothing started it succeeds.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <thread>

namespace win_cancel_io_fallback_threads_test {

using WinCancelIoFallbackThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct force_cancel_io {
  force_cancel_io() { ringport::detail::iocp_force_cancel_io_for_testing(true); }
  ~force_cancel_io() { ringport::detail::iocp_force_cancel_io_for_testing(false); }
};

using connected_pair = ringport::test::tcp_pair;

TEST_P(WinCancelIoFallbackThreads, SameThreadCancelAbortsOnce) {
  force_cancel_io forced;
  connected_pair p(ctx());
  char buf[8];
  int calls = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  error_code ec;
  p.server.cancel(ec);
  EXPECT_FALSE(ec) << ec.message();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_TRUE(p.server.is_open());
}

TEST_P(WinCancelIoFallbackThreads, OtherThreadCancelIsRefused) {
  force_cancel_io forced;
  connected_pair p(ctx());
  char buf[8];
  int calls = 0;
  error_code result;
  std::size_t got = 0;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    ++calls;
    result = ec;
    got = n;
  });
  ctx().poll();
  error_code ec;
  std::thread other([&] { p.server.cancel(ec); });
  other.join();
  EXPECT_TRUE(ec == ringport::error::operation_not_supported) << ec.message();
  // Not cancelled: still pending, and it completes normally once data comes.
  ctx().poll();
  EXPECT_EQ(calls, 0);
  p.client.write_some(ringport::buffer("z", 1));
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(got, 1u);
}

TEST_P(WinCancelIoFallbackThreads, NothingStartedCancelSucceedsAnywhere) {
  force_cancel_io forced;
  connected_pair p(ctx());
  error_code ec = ringport::error::operation_not_supported;
  std::thread other([&] { p.server.cancel(ec); });
  other.join();
  EXPECT_FALSE(ec) << ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(WinCancelIoFallbackThreads);

}  // namespace win_cancel_io_fallback_threads_test
