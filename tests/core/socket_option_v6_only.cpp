// ip::v6_only on a TCP IPv6 socket: set, read back, and seen by the kernel. Skips where the
// machine has no IPv6.
// Linux only: it reads the option back with the POSIX getsockopt on the descriptor.
#if defined(__linux__)

#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/v6_only.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

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
    socklen_t len = sizeof raw;
    ASSERT_EQ(::getsockopt(s.native_handle(), IPPROTO_IPV6, IPV6_V6ONLY, &raw, &len), 0);
    EXPECT_EQ(raw != 0, v);
  }
}

// IPV6_V6ONLY exists only at the IPv6 level; an IPv4 socket refuses it.
TEST_P(SocketOptionV6Only, RefusedOnIpv4Socket) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  ringport::error_code ec;
  s.set_option(ringport::ip::v6_only(true), ec);
  EXPECT_TRUE(ec);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionV6Only);

}  // namespace socket_option_v6_only_test

#endif  // __linux__
