// Boolean options set through ringport reach the kernel and read back: each is checked both
// with get_option and with a raw getsockopt on the descriptor, so a wrong level or name (one
// that happens to round-trip through some other option) cannot pass.

#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/ip/tcp.hpp"
#include "ringport/socket_base.hpp"

namespace socket_option_bool_roundtrip_test {

using SocketOptionBoolRoundtrip = ringport::test::backend_test;
using ringport::ip::tcp;

int raw_int_option(tcp::socket& s, int level, int name) {
  int v = -1;
  EXPECT_TRUE(ringport::test::raw_int_option(s.native_handle(), level, name, v));
  return v;
}

template <typename Option>
void check_roundtrip(tcp::socket& s, int level, int name) {
  s.set_option(Option(true));
  Option got(false);
  s.get_option(got);
  EXPECT_TRUE(got.value());
  EXPECT_TRUE(static_cast<bool>(got));
  EXPECT_NE(raw_int_option(s, level, name), 0);

  s.set_option(Option(false));
  got = true;
  s.get_option(got);
  EXPECT_FALSE(got.value());
  EXPECT_TRUE(!got);
  EXPECT_EQ(raw_int_option(s, level, name), 0);
}

TEST_P(SocketOptionBoolRoundtrip, ReuseAddress) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  check_roundtrip<tcp::socket::reuse_address>(s, SOL_SOCKET, SO_REUSEADDR);
}

TEST_P(SocketOptionBoolRoundtrip, KeepAlive) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  check_roundtrip<ringport::socket_base::keep_alive>(s, SOL_SOCKET, SO_KEEPALIVE);
}

TEST_P(SocketOptionBoolRoundtrip, NoDelay) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  check_roundtrip<tcp::no_delay>(s, IPPROTO_TCP, TCP_NODELAY);
}

// Linux keeps SO_BROADCAST as a plain socket flag, so a TCP socket accepts it too (and so
// does Winsock).
TEST_P(SocketOptionBoolRoundtrip, Broadcast) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  check_roundtrip<tcp::socket::broadcast>(s, SOL_SOCKET, SO_BROADCAST);
}

TEST_P(SocketOptionBoolRoundtrip, OutOfBandInline) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  check_roundtrip<tcp::socket::out_of_band_inline>(s, SOL_SOCKET, SO_OOBINLINE);
}

TEST_P(SocketOptionBoolRoundtrip, AcceptorReuseAddress) {
  tcp::acceptor a(ctx());
  a.open(tcp::v4());
  a.set_option(tcp::acceptor::reuse_address(true));
  tcp::acceptor::reuse_address got;
  a.get_option(got);
  EXPECT_TRUE(got.value());
  a.set_option(tcp::acceptor::reuse_address(false));
  a.get_option(got);
  EXPECT_FALSE(got.value());
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionBoolRoundtrip);

}  // namespace socket_option_bool_roundtrip_test
