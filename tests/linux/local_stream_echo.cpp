// Local stream sockets: an acceptor on a file-system path and one on an abstract name accept
// an async_connect; data goes both ways; the endpoints report the paths; a read after the
// peer closed ends with eof.
// Linux only: Windows 10 has AF_UNIX stream sockets, but Wine 8, where the Windows build is
// tested, refuses AF_UNIX (WSAEAFNOSUPPORT), so the Windows service does not offer them.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/local/stream_protocol.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace local_stream_echo_test {

using LocalStreamEcho = ringport::test::backend_test;
using ringport::error_code;
using ringport::local::stream_protocol;

// A path in /tmp unique to this process and test, removed before and after use.
struct temp_path {
  explicit temp_path(const char* tag)
      : path("/tmp/ringport-" + std::to_string(::getpid()) + "-" + tag + ".sock") {
    ::unlink(path.c_str());
  }
  ~temp_path() { ::unlink(path.c_str()); }
  std::string path;
};

void exchange(ringport::io_context& ctx, const stream_protocol::endpoint& ep) {
  stream_protocol::acceptor acceptor(ctx, ep);
  EXPECT_EQ(acceptor.local_endpoint().path(), ep.path());

  stream_protocol::socket client(ctx), server(ctx);
  error_code accept_ec, connect_ec;
  bool accepted = false, connected = false;
  acceptor.async_accept(server, [&](error_code ec) {
    accept_ec = ec;
    accepted = true;
  });
  client.async_connect(ep, [&](error_code ec) {
    connect_ec = ec;
    connected = true;
  });
  ctx.run();
  ctx.restart();
  ASSERT_TRUE(accepted && connected);
  ASSERT_FALSE(accept_ec) << accept_ec.message();
  ASSERT_FALSE(connect_ec) << connect_ec.message();
  EXPECT_EQ(client.remote_endpoint().path(), ep.path());
  EXPECT_EQ(server.local_endpoint().path(), ep.path());

  // Client to server and back, through the composed operations.
  std::string message(50000, 'x');
  for (std::size_t i = 0; i < message.size(); ++i)
    message[i] = static_cast<char>('a' + i % 26);
  std::string at_server(message.size(), '\0');
  std::string at_client(message.size(), '\0');
  ringport::async_write(client, ringport::buffer(message),
                        [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  ringport::async_read(server, ringport::buffer(at_server), [&](error_code ec, std::size_t n) {
    ASSERT_FALSE(ec) << ec.message();
    ASSERT_EQ(n, message.size());
    ringport::async_write(server, ringport::buffer(at_server),
                          [](error_code e, std::size_t) { EXPECT_FALSE(e) << e.message(); });
  });
  ringport::async_read(client, ringport::buffer(at_client), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, message.size());
  });
  ctx.run();
  ctx.restart();
  EXPECT_EQ(at_server, message);
  EXPECT_EQ(at_client, message);

  // The peer goes away: the next read ends with eof.
  client.close();
  char byte;
  error_code eof_ec;
  server.async_read_some(ringport::buffer(&byte, 1),
                         [&](error_code ec, std::size_t) { eof_ec = ec; });
  ctx.run();
  ctx.restart();
  EXPECT_TRUE(eof_ec == ringport::error::eof) << eof_ec.message();
}

TEST_P(LocalStreamEcho, FileSystemPath) {
  temp_path p("stream-echo");
  exchange(ctx(), stream_protocol::endpoint(p.path));
}

TEST_P(LocalStreamEcho, AbstractName) {
  std::string name("\0ringport-stream-echo-", 22);
  name += std::to_string(::getpid());
  exchange(ctx(), stream_protocol::endpoint(name));
}

TEST_P(LocalStreamEcho, SynchronousConnectAndAccept) {
  temp_path p("stream-sync");
  stream_protocol::endpoint ep(p.path);
  stream_protocol::acceptor acceptor(ctx(), ep);
  stream_protocol::socket client(ctx()), server(ctx());
  client.connect(ep);
  stream_protocol::endpoint peer;
  acceptor.accept(server, peer);
  // An unbound client has no name: the peer endpoint is the empty path.
  EXPECT_EQ(peer.path(), "");
  EXPECT_EQ(client.write_some(ringport::buffer("ping", 4)), 4u);
  char buf[4];
  EXPECT_EQ(ringport::read(server, ringport::buffer(buf)), 4u);
  EXPECT_EQ(std::string(buf, 4), "ping");
}

RINGPORT_INSTANTIATE_BACKENDS(LocalStreamEcho);

}  // namespace local_stream_echo_test
