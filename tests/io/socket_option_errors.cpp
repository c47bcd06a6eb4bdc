// Options on a socket that is not open fail with bad_descriptor: through the error_code&
// overloads as a value, through the others as system_error.

#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/ip/tcp.hpp"

#include <system_error>

namespace socket_option_errors_test {

using SocketOptionErrors = ringport::test::backend_test;
using ringport::ip::tcp;

TEST_P(SocketOptionErrors, SetOnClosedSocket) {
  tcp::socket s(ctx());
  ringport::error_code ec;
  s.set_option(tcp::no_delay(true), ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();

  try {
    s.set_option(tcp::socket::keep_alive(true));
    ADD_FAILURE() << "set_option on a closed socket did not throw";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::bad_descriptor) << e.what();
  }
}

TEST_P(SocketOptionErrors, GetOnClosedSocket) {
  tcp::socket s(ctx());
  tcp::socket::receive_buffer_size size;
  ringport::error_code ec;
  s.get_option(size, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  EXPECT_THROW(s.get_option(size), std::system_error);
}

TEST_P(SocketOptionErrors, AfterClose) {
  tcp::socket s(ctx());
  s.open(tcp::v4());
  s.close();
  ringport::error_code ec;
  s.set_option(tcp::socket::linger(true, 1), ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

TEST_P(SocketOptionErrors, ClosedAcceptor) {
  tcp::acceptor a(ctx());
  ringport::error_code ec;
  a.set_option(tcp::acceptor::reuse_address(true), ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  EXPECT_THROW(a.set_option(tcp::acceptor::reuse_address(true)), std::system_error);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketOptionErrors);

}  // namespace socket_option_errors_test
