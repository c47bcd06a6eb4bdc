// Local sequenced-packet sockets keep record boundaries and report each record's flags:
// receive (sync and async) gives one record per call and overwrites the caller's flags with
// the kernel's (Linux sets no MSG_EOR for AF_UNIX records, so a whole record reads back as
// 0); a record longer than the buffers is cut to fit with MSG_TRUNC in the flags; the
// acceptor's move-accept hands out a sequenced-packet socket; connect_pair works too.
// Linux only: Windows has no AF_UNIX datagram or sequenced-packet sockets.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/seq_packet_protocol.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace local_seq_packet_records_test {

using LocalSeqPacketRecords = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::local::seq_packet_protocol;

TEST_P(LocalSeqPacketRecords, AsyncReceiveKeepsRecords) {
  seq_packet_protocol::socket a(ctx()), b(ctx());
  ringport::local::connect_pair(a, b);
  a.send(ringport::buffer("first", 5), 0);
  a.send(ringport::buffer("second", 6), 0);

  char buf[32];
  socket_base::message_flags flags1 = -1, flags2 = -1;
  std::string got1, got2;
  b.async_receive(ringport::buffer(buf), flags1, [&](error_code ec, std::size_t n) {
    ASSERT_FALSE(ec) << ec.message();
    got1.assign(buf, n);
    b.async_receive(ringport::buffer(buf), 0, flags2, [&](error_code ec2, std::size_t n2) {
      ASSERT_FALSE(ec2) << ec2.message();
      got2.assign(buf, n2);
    });
  });
  ctx().run();
  EXPECT_EQ(got1, "first");
  EXPECT_EQ(got2, "second");
  // Overwritten with what the kernel said: a whole record, nothing cut.
  EXPECT_EQ(flags1 & ~socket_base::message_end_of_record, 0) << flags1;
  EXPECT_EQ(flags2 & ~socket_base::message_end_of_record, 0) << flags2;
}

TEST_P(LocalSeqPacketRecords, TruncatedRecordIsFlagged) {
  seq_packet_protocol::socket a(ctx()), b(ctx());
  ringport::local::connect_pair(a, b);
  a.send(ringport::buffer("0123456789", 10), 0);
  a.send(ringport::buffer("next", 4), 0);

  // Sync: the record is cut to the buffer, the rest is dropped, and MSG_TRUNC says so.
  char small[4];
  socket_base::message_flags flags = 0;
  EXPECT_EQ(b.receive(ringport::buffer(small), flags), 4u);
  EXPECT_EQ(std::string(small, 4), "0123");
  EXPECT_TRUE(flags & MSG_TRUNC) << flags;

  // Async: the next record comes whole, with no truncation flag.
  char buf[16];
  std::size_t got = 0;
  socket_base::message_flags async_flags = MSG_TRUNC;
  b.async_receive(ringport::buffer(buf), async_flags, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    got = n;
  });
  ctx().run();
  EXPECT_EQ(std::string(buf, got), "next");
  EXPECT_FALSE(async_flags & MSG_TRUNC) << async_flags;

  // Async truncation too.
  ctx().restart();
  a.async_send(ringport::buffer("abcdefgh", 8), 0, [](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 8u);
  });
  b.async_receive(ringport::buffer(small), async_flags, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    got = n;
  });
  ctx().run();
  EXPECT_EQ(got, 4u);
  EXPECT_TRUE(async_flags & MSG_TRUNC) << async_flags;
}

TEST_P(LocalSeqPacketRecords, AcceptorAcceptsSeqPacketConnections) {
  std::string name("\0ringport-seqpacket-", 20);
  name += std::to_string(::getpid());
  seq_packet_protocol::endpoint ep(name);
  seq_packet_protocol::acceptor acceptor(ctx(), ep);
  seq_packet_protocol::socket client(ctx());
  bool accepted = false;
  acceptor.async_accept([&](error_code ec, seq_packet_protocol::socket peer) {
    ASSERT_FALSE(ec) << ec.message();
    accepted = true;
    socket_base::message_flags flags = MSG_TRUNC;
    char buf[8];
    std::size_t n = peer.receive(ringport::buffer(buf), flags);
    EXPECT_EQ(std::string(buf, n), "hey");
    EXPECT_FALSE(flags & MSG_TRUNC);
  });
  client.async_connect(ep, [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    client.send(ringport::buffer("hey", 3), 0);
  });
  ctx().run();
  EXPECT_TRUE(accepted);
}

RINGPORT_INSTANTIATE_BACKENDS(LocalSeqPacketRecords);

}  // namespace local_seq_packet_records_test
