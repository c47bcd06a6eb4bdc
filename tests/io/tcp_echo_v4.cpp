// A TCP echo over loopback (127.0.0.1): async_accept + async_connect, then a message echoed back
// with async_write_some/async_read_some loops; the bytes arrive intact, on every backend.

#include "backend_test.hpp"
#include "tcp_echo.hpp"

namespace tcp_echo_v4_test {

using TcpEchoV4 = ringport::test::backend_test;

TEST_P(TcpEchoV4, MessageComesBackIntact) {
  ringport::test::tcp_echo::check_tcp_echo(ctx(), "127.0.0.1");
}

RINGPORT_INSTANTIATE_BACKENDS(TcpEchoV4);

}  // namespace tcp_echo_v4_test
