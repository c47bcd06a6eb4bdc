// Seeded faults on the stream transfers of the Windows socket service: sends and receives
// (overlapped and sync) cut short, reset connections, and WSAEWOULDBLOCK before the sync
// calls that wait in select(). Real loopback traffic; the user sees whole data in order, or
// the error Windows gives for a reset connection.

#include "backend_test.hpp"
#include "tcp_echo.hpp"
#include "tcp_pair.hpp"

#include "common/fault_plan.hpp"
#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace win_fault_transfers_test {

using WinFaultTransfers = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

// Bytes that tell their position apart (a byte out of place shows).
std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return s;
}

TEST_P(WinFaultTransfers, ShortOverlappedTransfersDeliverEverythingInOrder) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::short_transfer, 600, 11));
  const std::string sent = pattern(48 * 1024);
  for (int round = 0; round < 6; ++round) {
    std::string received(sent.size(), '\0');
    // Three buffers each way: a cut may end inside any of them.
    std::array<ringport::const_buffer, 3> out = {
        ringport::buffer(sent.data(), 1000), ringport::buffer(sent.data() + 1000, 20000),
        ringport::buffer(sent.data() + 21000, sent.size() - 21000)};
    std::array<ringport::mutable_buffer, 3> in = {
        ringport::buffer(received.data(), 3000), ringport::buffer(received.data() + 3000, 1),
        ringport::buffer(received.data() + 3001, received.size() - 3001)};
    int write_calls = 0, read_calls = 0;
    error_code write_ec, read_ec;
    std::size_t written = 0, read = 0;
    ringport::async_write(p.client, out, [&](error_code ec, std::size_t n) {
      ++write_calls;
      write_ec = ec;
      written = n;
    });
    ringport::async_read(p.server, in, [&](error_code ec, std::size_t n) {
      ++read_calls;
      read_ec = ec;
      read = n;
    });
    ctx().restart();
    ctx().run();
    EXPECT_EQ(write_calls, 1);
    EXPECT_EQ(read_calls, 1);
    EXPECT_FALSE(write_ec) << write_ec.message();
    EXPECT_FALSE(read_ec) << read_ec.message();
    EXPECT_EQ(written, sent.size());
    EXPECT_EQ(read, sent.size());
    EXPECT_TRUE(received == sent) << "round " << round;
  }
  EXPECT_GT(fault::injected(fault::kind::short_transfer), 0u);
}

TEST_P(WinFaultTransfers, ShortSyncTransfersDeliverEverythingInOrder) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::short_transfer, 600, 12));
  const std::string sent = pattern(6000);  // fits the loopback buffers: no reader needed
  int short_sends = 0;
  for (int round = 0; round < 10; ++round) {
    // A blocking send otherwise takes all 6000 bytes at once.
    std::size_t done = 0;
    while (done < sent.size()) {
      std::size_t n = p.client.write_some(ringport::buffer(sent.data() + done, sent.size() - done));
      if (done == 0 && n < sent.size()) ++short_sends;
      done += n;
    }
    std::string received(sent.size(), '\0');
    std::size_t n = ringport::read(p.server, ringport::buffer(received));
    EXPECT_EQ(n, sent.size());
    EXPECT_TRUE(received == sent) << "round " << round;
  }
  EXPECT_GT(fault::injected(fault::kind::short_transfer), 0u);
  EXPECT_GT(short_sends, 0);
}

TEST_P(WinFaultTransfers, ResetEndsOverlappedTransfersWithConnectionReset) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::reset, 1000, 13));
  char in[16];
  const char out[16] = "reset me";
  int receive_calls = 0, send_calls = 0;
  error_code receive_ec, send_ec;
  p.server.async_receive(ringport::buffer(in), [&](error_code ec, std::size_t) {
    ++receive_calls;
    receive_ec = ec;
  });
  p.client.async_send(ringport::buffer(out), [&](error_code ec, std::size_t) {
    ++send_calls;
    send_ec = ec;
  });
  ctx().run();
  EXPECT_EQ(fault::injected(fault::kind::reset), 2u);
  EXPECT_EQ(receive_calls, 1);
  EXPECT_EQ(send_calls, 1);
  EXPECT_TRUE(receive_ec == ringport::error::connection_reset) << receive_ec.message();
  EXPECT_TRUE(send_ec == ringport::error::connection_reset) << send_ec.message();
}

TEST_P(WinFaultTransfers, ResetEndsSyncTransfersWithConnectionReset) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::reset, 1000, 14));
  const char out[8] = "reset";
  error_code send_ec;
  p.client.send(ringport::buffer(out), 0, send_ec);
  EXPECT_TRUE(send_ec == ringport::error::connection_reset) << send_ec.message();
  char in[8];
  error_code receive_ec;
  p.server.receive(ringport::buffer(in), 0, receive_ec);
  EXPECT_TRUE(receive_ec == ringport::error::connection_reset) << receive_ec.message();
  EXPECT_EQ(fault::injected(fault::kind::reset), 2u);
}

TEST_P(WinFaultTransfers, WouldBlockBeforeSyncCallsWaitsAndGoesOn) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::would_block, 500, 15));
  const std::string sent = pattern(200);
  std::string received;
  for (int round = 0; round < 20; ++round) {
    ringport::write(p.client, ringport::buffer(sent));
    std::string chunk(sent.size(), '\0');
    ringport::read(p.server, ringport::buffer(chunk));
    received += chunk;
  }
  // An accept that is told "nothing yet" waits for the connection already queued.
  tcp::socket late_client(ctx()), late_server(ctx());
  late_client.connect(p.acceptor.local_endpoint());
  for (int round = 0; round < 4; ++round) {
    p.acceptor.accept(late_server);
    EXPECT_TRUE(late_server.is_open());
    late_server.close();
    late_client.close();
    late_client.connect(p.acceptor.local_endpoint());
  }
  EXPECT_GT(fault::injected(fault::kind::would_block), 0u);
  std::string expected;
  for (int round = 0; round < 20; ++round)
    expected += sent;
  EXPECT_TRUE(received == expected);
}

// The echo of tcp_echo.hpp with transfers cut short and packets held back at once; with
// `all_packets` even the ops that succeed at once come through the port (and can be held).
void echo_under_faults(ringport::io_context& ctx, bool all_packets, std::uint64_t seed) {
  ringport::detail::iocp_disable_skip_completion_port_for_testing(all_packets);
  fault::plan p = fault::only(fault::kind::short_transfer, 300, seed);
  p.per_mille[static_cast<unsigned>(fault::kind::late_completion)] = 300;
  {
    fault::scoped_plan armed(p);
    ringport::test::tcp_echo::check_tcp_echo(ctx, "127.0.0.1");
    EXPECT_GT(fault::injected(fault::kind::short_transfer), 0u);
    EXPECT_GT(fault::injected(fault::kind::late_completion), 0u);
  }
  ringport::detail::iocp_disable_skip_completion_port_for_testing(false);
}

TEST_P(WinFaultTransfers, EchoUnderShortTransfersAndLateCompletions) {
  echo_under_faults(ctx(), false, 16);
}

TEST_P(WinFaultTransfers, EchoUnderShortTransfersAndLateCompletionsAllPackets) {
  echo_under_faults(ctx(), true, 17);
}

RINGPORT_INSTANTIATE_BACKENDS(WinFaultTransfers);

}  // namespace win_fault_transfers_test
