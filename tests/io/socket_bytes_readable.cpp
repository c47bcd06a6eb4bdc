// io_control(socket_base::bytes_readable) and available() both report the bytes the peer
// wrote and nobody has read yet, on a socket and (io_control) on an acceptor.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <vector>

namespace socket_bytes_readable_test {

using SocketBytesReadable = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::tcp;

using connected_pair = ringport::test::tcp_pair;

TEST_P(SocketBytesReadable, ReportsWhatThePeerWrote) {
  connected_pair p(ctx());
  socket_base::bytes_readable none;
  p.server.io_control(none);
  EXPECT_EQ(none.get(), 0u);

  std::vector<char> data(123, 'x');
  ASSERT_EQ(ringport::write(p.client, ringport::buffer(data)), 123u);
  p.server.wait(socket_base::wait_read);
  // Loopback delivers the whole write at once; bounded in case segments trail.
  socket_base::bytes_readable command(7);
  for (int i = 0; i < 100; ++i) {
    p.server.io_control(command);
    if (command.get() == 123u) break;
    p.server.wait(socket_base::wait_read);
  }
  EXPECT_EQ(command.get(), 123u);
  EXPECT_EQ(p.server.available(), 123u);

  // Reading consumes: both drop.
  char buf[23];
  ASSERT_EQ(ringport::read(p.server, ringport::buffer(buf)), 23u);
  error_code ec;
  p.server.io_control(command, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(command.get(), 100u);
  EXPECT_EQ(p.server.available(ec), 100u);
}

TEST_P(SocketBytesReadable, ClosedSocketIsBadDescriptor) {
  tcp::socket s(ctx());
  socket_base::bytes_readable command;
  error_code ec;
  s.io_control(command, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  EXPECT_THROW(s.io_control(command), ringport::system_error);
  s.available(ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

// The acceptor hands the command to the kernel too: Linux answers FIONREAD on a listening
// TCP socket with EINVAL (Winsock with success and 0 bytes), and a closed acceptor is a bad
// descriptor.
TEST_P(SocketBytesReadable, AcceptorIoControlReachesTheKernel) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  socket_base::bytes_readable command(7);
  error_code ec;
  acceptor.io_control(command, ec);
#if defined(_WIN32)
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(command.get(), 0u);
#else
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
#endif
  acceptor.close();
  acceptor.io_control(command, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SocketBytesReadable);

}  // namespace socket_bytes_readable_test
