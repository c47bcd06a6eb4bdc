// Integer and linger options: values reach the kernel and read back.

#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/ip/tcp.hpp"
#include "ringport/ip/unicast.hpp"
#include "ringport/socket_base.hpp"

namespace socket_option_int_and_linger_test {

using SocketOptionIntAndLinger = ringport::test::backend_test;
using ringport::ip::tcp;

// Linux doubles the requested buffer size for its own bookkeeping, so only a lower bound holds
// (Winsock keeps it as asked).
TEST_P(SocketOptionIntAndLinger, ReceiveBufferSize) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  constexpr int requested = 64 * 1024;
  s.set_option(tcp::socket::receive_buffer_size(requested));
  tcp::socket::receive_buffer_size got;
  s.get_option(got);
  EXPECT_EQ(got.value(), requested);

  // The kernel's own number: Linux doubles what it was given (get_option halves it back, as
  // Asio does); Winsock keeps it as given.
  int raw = 0;
  ASSERT_TRUE(ringport::test::raw_int_option(s.native_handle(), SOL_SOCKET, SO_RCVBUF, raw));
#if defined(__linux__)
  EXPECT_EQ(raw, 2 * got.value());
#else
  EXPECT_EQ(raw, got.value());
#endif
}

TEST_P(SocketOptionIntAndLinger, SendBufferSize) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  s.set_option(tcp::socket::send_buffer_size(32 * 1024));
  tcp::socket::send_buffer_size got;
  s.get_option(got);
  EXPECT_EQ(got.value(), 32 * 1024);
}

TEST_P(SocketOptionIntAndLinger, LingerRoundtrip) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  s.set_option(tcp::socket::linger(true, 7));
  tcp::socket::linger got;
  s.get_option(got);
  EXPECT_TRUE(got.enabled());
  EXPECT_EQ(got.timeout(), 7);

  bool raw_on = false;
  int raw_seconds = -1;
  ASSERT_TRUE(ringport::test::raw_linger_option(s.native_handle(), raw_on, raw_seconds));
  EXPECT_TRUE(raw_on);
  EXPECT_EQ(raw_seconds, 7);

  s.set_option(tcp::socket::linger(false, 0));
  s.get_option(got);
  EXPECT_FALSE(got.enabled());
}

TEST_P(SocketOptionIntAndLinger, LingerValueAccessors) {
  tcp::socket::linger l;
  EXPECT_FALSE(l.enabled());
  EXPECT_EQ(l.timeout(), 0);
  l.enabled(true);
  l.timeout(30);
  EXPECT_TRUE(l.enabled());
  EXPECT_EQ(l.timeout(), 30);
}

TEST_P(SocketOptionIntAndLinger, UnicastHops) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  s.set_option(ringport::ip::unicast::hops(17));
  ringport::ip::unicast::hops got;
  s.get_option(got);
  EXPECT_EQ(got.value(), 17);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionIntAndLinger);

}  // namespace socket_option_int_and_linger_test
