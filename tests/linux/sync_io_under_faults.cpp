// The synchronous socket calls under injected faults (the fault plan wraps the real calls):
// connect interrupted after the kernel began it, accept and socket() out of descriptors,
// reads and writes cut short, interrupted, or told EAGAIN before a blocking wait. A blocking
// caller sees none of it except the out-of-descriptor errors: every byte arrives in order,
// write() and read() move everything, and connect() connects. An injected reset is a real
// one (the connection is aborted): connection_reset, then broken_pipe, at this end, and
// connection_reset at the peer once it has read what came before. Linux: the
// Windows socket service injects its own.

#include "backend_test.hpp"

#include "common/fault_plan.hpp"
#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <cerrno>
#include <string>
#include <thread>

namespace sync_io_under_faults_test {

using SyncIoUnderFaults = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

TEST_P(SyncIoUnderFaults, BlockingCallsMoveEveryByteThroughShortInterruptedAndBlockedCalls) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  fault::plan p;
  p.seed = 7;
  p.with(fault::kind::short_transfer, 500);
  p.with(fault::kind::interrupted, 300);
  p.with(fault::kind::would_block, 300);
  std::string sent(200000, '\0');
  for (std::size_t i = 0; i < sent.size(); ++i)
    sent[i] = static_cast<char>('a' + i * 7 % 26);
  std::string got(sent.size(), '\0');
  error_code read_ec, write_ec, connect_ec;
  std::size_t read_n = 0, write_n = 0;
  {
    fault::scoped_plan armed(p);
    tcp::socket client(ctx());
    tcp::socket server(ctx());
    std::thread connector([&] {
      client.connect(acceptor.local_endpoint(), connect_ec);
      if (!connect_ec) write_n = ringport::write(client, ringport::buffer(sent), write_ec);
    });
    acceptor.accept(server);
    read_n = ringport::read(server, ringport::buffer(got), read_ec);
    connector.join();
    EXPECT_GT(fault::injected(fault::kind::short_transfer), 0u);
    EXPECT_GT(fault::injected(fault::kind::interrupted), 0u);
    EXPECT_GT(fault::injected(fault::kind::would_block), 0u);
  }
  EXPECT_FALSE(connect_ec) << connect_ec.message();
  EXPECT_FALSE(write_ec) << write_ec.message();
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_EQ(write_n, sent.size());
  EXPECT_EQ(read_n, sent.size());
  EXPECT_TRUE(got == sent) << "the bytes read differ from those written";
}

TEST_P(SyncIoUnderFaults, OutOfDescriptorsOnAcceptAndOpenIsReportedAndTheConnectionWaits) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  client.connect(acceptor.local_endpoint());
  fault::plan p;
  p.seed = 3;
  p.with(fault::kind::no_descriptors, 1000);
  error_code accept_ec, open_ec;
  tcp::socket server(ctx());
  tcp::socket other(ctx());
  {
    fault::scoped_plan armed(p);
    acceptor.accept(server, accept_ec);
    other.open(tcp::v4(), open_ec);
  }
  for (const error_code& ec : {accept_ec, open_ec})
    EXPECT_TRUE(ec == ringport::error::no_descriptors ||
                ec == error_code(ENFILE, ringport::system_category()))
        << ec.message();
  EXPECT_FALSE(server.is_open());
  EXPECT_FALSE(other.is_open());
  // The connection stayed queued: the next accept takes it.
  acceptor.accept(server);
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
}

TEST_P(SyncIoUnderFaults, ResetMidStreamIsAResetForBothEnds) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx()), server(ctx());
  client.connect(acceptor.local_endpoint());
  acceptor.accept(server);
  ringport::write(client, ringport::buffer(std::string("before")));
  fault::plan p;
  p.seed = 5;
  p.with(fault::kind::reset, 1000);
  error_code ec;
  {
    fault::scoped_plan armed(p);
    client.write_some(ringport::buffer(std::string("lost")), ec);
    EXPECT_EQ(fault::injected(fault::kind::reset), 1u);
  }
  // The kernel reports the reset to the first call after it, whatever its direction.
  EXPECT_EQ(ec, ringport::error::connection_reset) << ec.message();
  // The peer gets what was sent before the reset, then the reset itself.
  std::string got(6, '\0');
  EXPECT_EQ(ringport::read(server, ringport::buffer(got), ec), 6u);
  EXPECT_EQ(got, "before");
  char buf[16];
  EXPECT_EQ(server.read_some(ringport::buffer(buf), ec), 0u);
  EXPECT_EQ(ec, ringport::error::connection_reset) << ec.message();
  // The aborted end cannot send any more.
  EXPECT_EQ(client.write_some(ringport::buffer(std::string("x")), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::broken_pipe || ec == ringport::error::connection_reset)
      << ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(SyncIoUnderFaults);

}  // namespace sync_io_under_faults_test
