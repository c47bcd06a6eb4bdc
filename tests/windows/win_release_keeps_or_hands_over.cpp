// release() on Windows: the pending read ends once with operation_aborted, then the socket
// is taken off the completion port with NtSetInformationFile(FileReplaceCompletionInformation).
// Where the system cannot (Wine 8 answers STATUS_NOT_IMPLEMENTED) release() reports
// operation_not_supported and the socket stays open, owned and usable; where it can, the
// caller owns a working socket and the object is closed.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <cstdio>

#ifndef NOMINMAX
#define NOMINMAX  // this file shares a unity batch with others
#endif
#include <winsock2.h>

namespace win_release_keeps_or_hands_over_test {

using WinReleaseKeepsOrHandsOver = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(WinReleaseKeepsOrHandsOver, ReleaseWithPendingRead) {
  ringport::test::tcp_pair p(ctx());

  char buf[4];
  int calls = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  error_code ec;
  tcp::socket::native_handle_type h = p.server.release(ec);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();

  if (ec) {
    // Not supported here: nothing was handed over, nothing leaked, the socket still works.
    EXPECT_TRUE(ec == ringport::error::operation_not_supported) << ec.message();
    EXPECT_EQ(h, static_cast<tcp::socket::native_handle_type>(INVALID_SOCKET));
    ASSERT_TRUE(p.server.is_open());
    ctx().restart();
    std::size_t got = 0;
    p.server.async_read_some(ringport::buffer(buf), [&](error_code rec, std::size_t n) {
      EXPECT_FALSE(rec) << rec.message();
      got = n;
    });
    p.client.write_some(ringport::buffer("ok", 2));
    ctx().run();
    EXPECT_EQ(got, 2u);
    std::printf("release(): %s (socket kept)\n", ec.message().c_str());
  } else {
    EXPECT_FALSE(p.server.is_open());
    ASSERT_NE(h, static_cast<tcp::socket::native_handle_type>(INVALID_SOCKET));
    // The caller's socket works without the port.
    p.client.write_some(ringport::buffer("ok", 2));
    EXPECT_EQ(::recv(static_cast<SOCKET>(h), buf, 2, 0), 2);
    EXPECT_EQ(::closesocket(static_cast<SOCKET>(h)), 0);
    std::printf("release(): handed over\n");
  }
}

TEST_P(WinReleaseKeepsOrHandsOver, ReleaseOfClosedSocketIsBadDescriptor) {
  tcp::socket s(ctx());
  error_code ec;
  s.release(ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(WinReleaseKeepsOrHandsOver);

}  // namespace win_release_keeps_or_hands_over_test
