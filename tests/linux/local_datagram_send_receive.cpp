// Local datagram sockets bound to file-system paths: send_to/receive_from (sync and async)
// keep message boundaries and report the sender's path; a datagram larger than the buffer is
// cut to fit.
// Linux only: Windows has no AF_UNIX datagram or sequenced-packet sockets.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/local/datagram_protocol.hpp"

#include <unistd.h>

#include <functional>
#include <string>

namespace local_datagram_send_receive_test {

using LocalDatagramSendReceive = ringport::test::backend_test;
using ringport::error_code;
using ringport::local::datagram_protocol;

struct temp_path {
  explicit temp_path(const char* tag)
      : path("/tmp/ringport-" + std::to_string(::getpid()) + "-" + tag + ".sock") {
    ::unlink(path.c_str());
  }
  ~temp_path() { ::unlink(path.c_str()); }
  std::string path;
};

TEST_P(LocalDatagramSendReceive, AsyncReportsSenderPath) {
  temp_path pa("dgram-a"), pb("dgram-b");
  datagram_protocol::socket a(ctx(), datagram_protocol::endpoint(pa.path));
  datagram_protocol::socket b(ctx(), datagram_protocol::endpoint(pb.path));

  char buf[64];
  datagram_protocol::endpoint sender;
  std::string got[2];
  int received = 0;
  std::function<void()> receive_next = [&] {
    b.async_receive_from(ringport::buffer(buf), sender, [&](error_code ec, std::size_t n) {
      ASSERT_FALSE(ec) << ec.message();
      EXPECT_EQ(sender.path(), pa.path);
      got[received++] = std::string(buf, n);
      if (received < 2) receive_next();
    });
  };
  receive_next();
  a.async_send_to(ringport::buffer("first", 5), datagram_protocol::endpoint(pb.path),
                  [](error_code ec, std::size_t n) {
                    EXPECT_FALSE(ec) << ec.message();
                    EXPECT_EQ(n, 5u);
                  });
  a.async_send_to(ringport::buffer("second!", 7), datagram_protocol::endpoint(pb.path),
                  [](error_code ec, std::size_t n) {
                    EXPECT_FALSE(ec) << ec.message();
                    EXPECT_EQ(n, 7u);
                  });
  ctx().run();
  ASSERT_EQ(received, 2);
  // Two datagrams, two receives: boundaries kept.
  EXPECT_EQ(got[0], "first");
  EXPECT_EQ(got[1], "second!");
}

TEST_P(LocalDatagramSendReceive, SyncAndTruncation) {
  temp_path pa("dgram-sa"), pb("dgram-sb");
  datagram_protocol::socket a(ctx(), datagram_protocol::endpoint(pa.path));
  datagram_protocol::socket b(ctx(), datagram_protocol::endpoint(pb.path));
  EXPECT_EQ(a.send_to(ringport::buffer("0123456789", 10), datagram_protocol::endpoint(pb.path)),
            10u);
  char small[4];
  datagram_protocol::endpoint sender;
  EXPECT_EQ(b.receive_from(ringport::buffer(small), sender), 4u);
  EXPECT_EQ(std::string(small, 4), "0123");
  EXPECT_EQ(sender.path(), pa.path);

  // The rest of the cut datagram is gone: the next receive gets the next datagram.
  a.send_to(ringport::buffer("zz", 2), datagram_protocol::endpoint(pb.path));
  char buf[16];
  EXPECT_EQ(b.receive_from(ringport::buffer(buf), sender), 2u);
  EXPECT_EQ(std::string(buf, 2), "zz");
}

TEST_P(LocalDatagramSendReceive, ConnectedSendReceive) {
  temp_path pa("dgram-ca"), pb("dgram-cb");
  datagram_protocol::socket a(ctx(), datagram_protocol::endpoint(pa.path));
  datagram_protocol::socket b(ctx(), datagram_protocol::endpoint(pb.path));
  a.connect(datagram_protocol::endpoint(pb.path));
  EXPECT_EQ(a.remote_endpoint().path(), pb.path);
  char buf[16];
  std::size_t got = 0;
  b.async_receive(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    got = n;
  });
  a.async_send(ringport::buffer("hello", 5),
               [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  ctx().run();
  EXPECT_EQ(got, 5u);
  EXPECT_EQ(std::string(buf, got), "hello");
}

RINGPORT_INSTANTIATE_BACKENDS(LocalDatagramSendReceive);

}  // namespace local_datagram_send_receive_test
