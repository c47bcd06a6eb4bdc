// A TCP echo over loopback (::1): async_accept + async_connect, then a message echoed back
// with async_write_some/async_read_some loops; the bytes arrive intact, on every backend.

#include "backend_test.hpp"
#include "tcp_echo.hpp"

namespace tcp_echo_v6_test {

using TcpEchoV6 = ringport::test::backend_test;

TEST_P(TcpEchoV6, MessageComesBackIntact) {
  ringport::test::tcp_echo::check_tcp_echo(ctx(), "::1");
}

RINGPORT_INSTANTIATE_BACKENDS(TcpEchoV6);

}  // namespace tcp_echo_v6_test
