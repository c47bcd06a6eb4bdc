// local::connect_pair: two connected sockets without a name; stream pairs carry bytes both
// ways and end with eof; datagram pairs keep message boundaries; sockets already open are
// refused with already_open and left as they were.
// Linux only: Windows 10 has AF_UNIX stream sockets, but Wine 8, where the Windows build is
// tested, refuses AF_UNIX (WSAEAFNOSUPPORT), so the Windows service does not offer them.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/datagram_protocol.hpp"
#include "ringport/local/stream_protocol.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <string>

namespace local_connect_pair_test {

using LocalConnectPair = ringport::test::backend_test;
using ringport::error_code;
using ringport::local::datagram_protocol;
using ringport::local::stream_protocol;

TEST_P(LocalConnectPair, StreamBothWaysThenEof) {
  stream_protocol::socket s1(ctx()), s2(ctx());
  ringport::local::connect_pair(s1, s2);
  ASSERT_TRUE(s1.is_open());
  ASSERT_TRUE(s2.is_open());
  EXPECT_EQ(s1.local_endpoint().path(), "");
  EXPECT_EQ(s1.remote_endpoint().path(), "");

  char at2[3], at1[3];
  bool done2 = false, done1 = false;
  ringport::async_read(s2, ringport::buffer(at2), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 3u);
    done2 = true;
    ringport::async_write(s2, ringport::buffer("pong", 3),
                          [](error_code e, std::size_t) { EXPECT_FALSE(e) << e.message(); });
  });
  ringport::async_read(s1, ringport::buffer(at1), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 3u);
    done1 = true;
  });
  ringport::async_write(s1, ringport::buffer("ping", 3),
                        [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  ctx().run();
  ctx().restart();
  ASSERT_TRUE(done1 && done2);
  EXPECT_EQ(std::string(at2, 3), "pin");
  EXPECT_EQ(std::string(at1, 3), "pon");

  s1.close();
  char byte;
  error_code eof_ec;
  s2.async_read_some(ringport::buffer(&byte, 1), [&](error_code ec, std::size_t) { eof_ec = ec; });
  ctx().run();
  EXPECT_TRUE(eof_ec == ringport::error::eof) << eof_ec.message();
}

TEST_P(LocalConnectPair, DatagramKeepsBoundaries) {
  datagram_protocol::socket d1(ctx()), d2(ctx());
  error_code ec;
  ringport::local::connect_pair(d1, d2, ec);
  ASSERT_FALSE(ec) << ec.message();
  d1.send(ringport::buffer("abc", 3));
  d1.send(ringport::buffer("de", 2));
  char buf[16];
  std::size_t first = 0, second = 0;
  d2.async_receive(ringport::buffer(buf), [&](error_code e, std::size_t n) {
    EXPECT_FALSE(e) << e.message();
    first = n;
    EXPECT_EQ(std::string(buf, n), "abc");
    d2.async_receive(ringport::buffer(buf), [&](error_code e2, std::size_t n2) {
      EXPECT_FALSE(e2) << e2.message();
      second = n2;
    });
  });
  ctx().run();
  EXPECT_EQ(first, 3u);
  EXPECT_EQ(second, 2u);
  EXPECT_EQ(std::string(buf, 2), "de");
}

TEST_P(LocalConnectPair, RefusesOpenSockets) {
  stream_protocol::socket s1(ctx(), stream_protocol()), s2(ctx());
  int fd_before = s1.native_handle();
  error_code ec;
  ringport::local::connect_pair(s1, s2, ec);
  EXPECT_TRUE(ec == ringport::error::already_open) << ec.message();
  EXPECT_EQ(s1.native_handle(), fd_before);
  EXPECT_FALSE(s2.is_open());
  EXPECT_THROW(ringport::local::connect_pair(s2, s1), ringport::system_error);
  EXPECT_FALSE(s2.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(LocalConnectPair);

}  // namespace local_connect_pair_test
