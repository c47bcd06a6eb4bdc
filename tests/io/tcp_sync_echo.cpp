// Blocking connect/accept/write_some/read_some on both backends (io_uring keeps descriptors
// blocking, epoll makes them non-blocking: the sync calls must block correctly either way),
// with a std::thread as the peer.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <string>
#include <thread>

namespace tcp_sync_echo_test {

using TcpSyncEcho = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(TcpSyncEcho, BlockingCallsEchoAMessage) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::endpoint target = acceptor.local_endpoint();
  std::string message(30000, 'x');
  for (std::size_t i = 0; i < message.size(); ++i)
    message[i] = static_cast<char>('A' + i % 23);

  // The peer: accepts (blocking), echoes until end of file.
  std::thread peer([&] {
    tcp::socket s = acceptor.accept();
    char buf[3000];
    for (;;) {
      error_code ec;
      std::size_t n = s.read_some(ringport::buffer(buf), ec);
      if (ec) {
        EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
        break;
      }
      std::size_t off = 0;
      while (off < n)
        off += s.write_some(ringport::buffer(buf + off, n - off));
    }
  });

  tcp::socket client(ctx());
  client.connect(target);
  std::string received;
  // One thread writes and reads, so each chunk is small enough for the socket buffers and
  // its echo is read back before the next is sent (no deadlock on full buffers).
  std::size_t sent = 0;
  char buf[4096];
  while (sent < message.size()) {
    std::size_t chunk = std::min<std::size_t>(8192, message.size() - sent);
    std::size_t off = 0;
    while (off < chunk)
      off += client.write_some(ringport::buffer(message.data() + sent + off, chunk - off));
    sent += chunk;
    while (received.size() < sent)
      received.append(buf, client.read_some(ringport::buffer(buf)));
  }
  client.shutdown(tcp::socket::shutdown_send);
  error_code ec;
  EXPECT_EQ(client.read_some(ringport::buffer(buf), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
  peer.join();
  EXPECT_TRUE(received == message);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpSyncEcho);

}  // namespace tcp_sync_echo_test
