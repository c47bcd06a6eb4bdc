// ip::v6_only on a TCP IPv6 socket: set, read back, and seen by the kernel. Skips where the
// machine has no IPv6.

#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/error.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/v6_only.hpp"

namespace socket_option_v6_only_test {

using SocketOptionV6Only = ringport::test::backend_test;
using ringport::ip::tcp;

TEST_P(SocketOptionV6Only, Roundtrip) {
  tcp::socket s(ctx());
  ringport::error_code ec;
  s.open(tcp::v6(), ec);
  if (ec) GTEST_SKIP() << "no IPv6 here: " << ec.message();

  for (bool v : {true, false}) {
    s.set_option(ringport::ip::v6_only(v));
    ringport::ip::v6_only got(!v);
    s.get_option(got);
    EXPECT_EQ(got.value(), v);
    int raw = -1;
    ASSERT_TRUE(ringport::test::raw_int_option(s.native_handle(), IPPROTO_IPV6, IPV6_V6ONLY, raw));
    EXPECT_EQ(raw != 0, v);
  }
}

// IPV6_V6ONLY exists only at the IPv6 level; an IPv4 socket refuses it.
TEST_P(SocketOptionV6Only, RefusedOnIpv4Socket) {
  if (ringport::test::running_under_wine())
    GTEST_SKIP() << "Wine 8 accepts IPV6_V6ONLY on an IPv4 socket";
  tcp::socket s(ctx());
  s.open(tcp::v4());
  ringport::error_code ec;
  s.set_option(ringport::ip::v6_only(true), ec);
  EXPECT_TRUE(ec);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionV6Only);

}  // namespace socket_option_v6_only_test
