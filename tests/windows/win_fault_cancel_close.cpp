// Seeded faults on the end of an op in the Windows socket service: cancel()'s CancelIoEx
// answering ERROR_NOT_FOUND (as when the ops had completed already), and completion packets
// the port hands on only after a socket was closed (and its socket object destroyed). Each
// op still ends exactly once, with operation_aborted or its real result, and run() returns.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "common/fault_plan.hpp"
#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <chrono>
#include <memory>
#include <thread>

namespace win_fault_cancel_close_test {

using WinFaultCancelClose = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

// Waits (bounded) until `n` bytes are readable on `s` without a wait of the service.
bool wait_readable(tcp::socket& s, std::size_t n) {
  for (int i = 0; i < 5000; ++i) {
    if (s.available() >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Every socket packet goes through the port, also for ops that succeed at once.
struct packets_for_all {
  packets_for_all() { ringport::detail::iocp_disable_skip_completion_port_for_testing(true); }
  ~packets_for_all() { ringport::detail::iocp_disable_skip_completion_port_for_testing(false); }
};

TEST_P(WinFaultCancelClose, CancelNotFoundStillEndsEachOpOnce) {
  ringport::test::tcp_pair p(ctx());
  fault::scoped_plan armed(fault::only(fault::kind::cancel_not_found, 1000, 31));
  for (int round = 0; round < 8; ++round) {
    // Odd rounds: the data is there before the receive starts, so the op has its result
    // when cancel() comes.
    bool data_first = round % 2 == 1;
    if (data_first) {
      p.client.send(ringport::buffer("x", 1));
      ASSERT_TRUE(wait_readable(p.server, 1));
    }
    char in[4] = {};
    int calls = 0;
    error_code result;
    std::size_t bytes = 0;
    p.server.async_receive(ringport::buffer(in), [&](error_code ec, std::size_t n) {
      ++calls;
      result = ec;
      bytes = n;
    });
    error_code cancel_ec;
    p.server.cancel(cancel_ec);
    EXPECT_FALSE(cancel_ec) << cancel_ec.message();
    ctx().restart();
    ctx().run();
    EXPECT_EQ(calls, 1);
    if (data_first) {
      // Either outcome is real: the receive had its byte, or the cancel caught it first.
      EXPECT_TRUE((!result && bytes == 1 && in[0] == 'x') ||
                  result == ringport::error::operation_aborted)
          << result.message();
      if (result) {
        // The byte is still there for the next receive.
        EXPECT_EQ(p.server.receive(ringport::buffer(in, 1)), 1u);
      }
    } else {
      EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
    }
  }
  EXPECT_EQ(fault::injected(fault::kind::cancel_not_found), 8u);
}

TEST_P(WinFaultCancelClose, LateCompletionsAfterCloseEndOnce) {
  packets_for_all all_packets;
  unsigned long after_close_before =
      ringport::detail::iocp_late_completions_after_close_for_testing();
  fault::scoped_plan armed(fault::only(fault::kind::late_completion, 1000, 32));
  for (int round = 0; round < 10; ++round) {
    ringport::test::tcp_pair p(ctx());
    // Even rounds: the receive finds its byte at once, and its packet waits in the port
    // while a handler closes the socket and destroys it. Odd rounds: the receive is pending
    // when the socket is closed; its aborted packet is held too.
    bool data_first = round % 2 == 0;
    if (data_first) {
      p.client.send(ringport::buffer("y", 1));
      ASSERT_TRUE(wait_readable(p.server, 1));
    }
    auto server = std::make_unique<tcp::socket>(std::move(p.server));
    char in[4] = {};
    int calls = 0;
    error_code result;
    std::size_t bytes = 0;
    server->async_receive(ringport::buffer(in), [&](error_code ec, std::size_t n) {
      ++calls;
      result = ec;
      bytes = n;
    });
    ringport::post(ctx(), [&] { server.reset(); });
    ctx().restart();
    ctx().run();
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(server);
    if (data_first)
      EXPECT_TRUE((!result && bytes == 1 && in[0] == 'y') ||
                  result == ringport::error::operation_aborted)
          << result.message();
    else
      EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  }
  EXPECT_GT(fault::injected(fault::kind::late_completion), 0u);
  EXPECT_GT(ringport::detail::iocp_late_completions_after_close_for_testing(), after_close_before);
}

// Polls (never blocking, so a held packet stays held) until the port holds a packet back.
bool poll_until_held(ringport::io_context& ctx) {
  for (int i = 0; i < 5000; ++i) {
    ctx.restart();
    ctx.poll();
    if (fault::injected(fault::kind::late_completion) > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

TEST_P(WinFaultCancelClose, LateAcceptCompletionAfterListenerCloseEndsOnce) {
  packets_for_all all_packets;
  auto acceptor = std::make_unique<tcp::acceptor>(
      ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  client.connect(acceptor->local_endpoint());
  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  fault::scoped_plan armed(fault::only(fault::kind::late_completion, 1000, 33));
  acceptor->async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  // The accept's packet (it took the queued connection) is held; the listener is closed
  // and destroyed before the op sees its result.
  ASSERT_TRUE(poll_until_held(ctx()));
  EXPECT_EQ(calls, 0);
  acceptor.reset();
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 1);
  // The listener is gone: the accept cannot be finished on it.
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_FALSE(peer.is_open());
}

TEST_P(WinFaultCancelClose, LateConnectCompletionAfterCloseEndsOnce) {
  packets_for_all all_packets;
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  fault::scoped_plan armed(fault::only(fault::kind::late_completion, 1000, 34));
  client.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
    ++calls;
    result = ec;
  });
  // The connect's packet is held; the socket is closed before the op sees its result.
  ASSERT_TRUE(poll_until_held(ctx()));
  EXPECT_EQ(calls, 0);
  client.close();
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_FALSE(client.is_open());
}

TEST_P(WinFaultCancelClose, HeldPacketsAtContextDestructionAreFreed) {
  packets_for_all all_packets;
  auto p = std::make_unique<ringport::test::tcp_pair>(ctx());
  p->client.send(ringport::buffer("z", 1));
  ASSERT_TRUE(wait_readable(p->server, 1));
  char in[4] = {};
  int calls = 0;
  fault::scoped_plan armed(fault::only(fault::kind::late_completion, 1000, 35));
  p->server.async_receive(ringport::buffer(in), [&](error_code, std::size_t) { ++calls; });
  ASSERT_TRUE(poll_until_held(ctx()));
  // The sockets, then the context go while the port holds the packet: the op is destroyed,
  // not run (the fixture's TearDown checks that no op outlived the context).
  p.reset();
  ctx_.reset();
  EXPECT_EQ(calls, 0);
}

RINGPORT_INSTANTIATE_BACKENDS(WinFaultCancelClose);

}  // namespace win_fault_cancel_close_test
