// close() while a send or receive is in flight, and the handle value it frees.
//
// Wine carries out an overlapped receive whose data has arrived later, in the thread that
// issued it, and finds the socket again by its handle value. A socket closed in between whose
// value went to a new socket had the receive read the new socket's data: the old op
// reported another connection's bytes as its own and the new socket lost them (seen as a
// client reading another client's echo, and as a receive that never completed, in the
// churn test). The library now keeps the handle open until the socket's sends and receives
// are done. To make the window certain, the test holds the issuing thread's Wine system
// calls back (SIGUSR1, with which wineserver tells a thread that it has work of this kind,
// blocked with a raw Linux system call) until the socket was closed and new sockets made.
// On Windows the hold is skipped and the same steps must give the same results.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <windows.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace win_close_with_transfer_in_flight_test {

using WinCloseWithTransferInFlight = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

bool under_wine() {
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  return ntdll != nullptr && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

// Blocks (true) or unblocks (false) SIGUSR1 for the calling thread: rt_sigprocmask on Linux
// x86-64, under Wine only.
void hold_wine_signals(bool hold) {
#if defined(__x86_64__)
  if (!under_wine()) return;
  constexpr long rt_sigprocmask = 14, sig_block = 0, sig_unblock = 1;
  unsigned long set = 1ul << (10 - 1);  // SIGUSR1 is 10 on Linux
  unsigned long old = 0;
  long ret;
  register long size asm("r10") = 8;
  asm volatile("syscall"
               : "=a"(ret)
               : "0"(rt_sigprocmask), "D"(hold ? sig_block : sig_unblock), "S"(&set), "d"(&old),
                 "r"(size)
               : "rcx", "r11", "memory");
  ASSERT_EQ(ret, 0);
#else
  (void)hold;
#endif
}

// A listener and a connected pair made in two steps, so that the listener exists before the
// socket under test is closed and the client is the first socket made after it.
struct second_pair {
  explicit second_pair(ringport::io_context& ctx)
      : acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)),
        client(ctx),
        server(ctx) {}
  void connect() {
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
  }
  tcp::acceptor acceptor;
  tcp::socket client, server;
};

// A receive started on another thread, whose data arrives while that thread cannot run
// Wine's transfer yet; the socket is closed and a new connection made before it can.
TEST_P(WinCloseWithTransferInFlight, ReceiveReadsOnlyItsOwnSocket) {
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE(round);
    ringport::test::tcp_pair first(ctx());
    second_pair second(ctx());
    char buf[8] = {};
    int calls = 0;
    error_code result;
    std::size_t got = 0;
    std::atomic<int> stage{0};
    std::thread issuer([&] {
      hold_wine_signals(true);
      first.client.async_read_some(ringport::buffer(buf, 4), [&](error_code ec, std::size_t n) {
        ++calls;
        result = ec;
        got = n;
      });
      stage.store(1);
      while (stage.load() != 2)
        std::this_thread::yield();
      hold_wine_signals(false);
      // Stays alive a little, so that Wine's transfer runs here and not at the thread's end.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    });
    while (stage.load() != 1)
      std::this_thread::yield();
    const auto old_handle = first.client.native_handle();
    first.server.send(ringport::buffer("AAAA", 4));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the data arrives
    first.client.close();
    second.connect();
    second.server.send(ringport::buffer("BBBB", 4));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // While the receive was in flight, its handle value went to no new socket.
    if (under_wine()) EXPECT_NE(second.client.native_handle(), old_handle);
    stage.store(2);
    issuer.join();
    ctx().restart();
    ctx().run_for(std::chrono::seconds(5));

    ASSERT_EQ(calls, 1);
    // Its own data (it had arrived before the close) or aborted: never the new socket's.
    if (!result) {
      EXPECT_EQ(got, 4u);
      EXPECT_EQ(std::memcmp(buf, "AAAA", 4), 0) << buf;
    } else {
      EXPECT_EQ(result, ringport::error::operation_aborted) << result.message();
      EXPECT_EQ(got, 0u);
    }
    // The new connection still has its bytes.
    char other[8] = {};
    EXPECT_EQ(second.client.read_some(ringport::buffer(other, 4)), 4u);
    EXPECT_EQ(std::memcmp(other, "BBBB", 4), 0) << other;
  }
}

// Lets the op just started reach Winsock, closes its socket, and runs until it has ended.
void start_then_close(ringport::io_context& ctx, tcp::socket& s) {
  ctx.restart();
  ctx.poll();
  s.close();
  ctx.restart();
  ctx.run_for(std::chrono::seconds(5));
}

// A receive waiting for data when its socket is closed ends aborted at once, and the socket is
// really closed after it: the peer reads the end of the stream.
TEST_P(WinCloseWithTransferInFlight, PendingReceiveAbortsAndTheSocketCloses) {
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE(round);
    ringport::test::tcp_pair p(ctx());
    char buf[8];
    int calls = 0;
    error_code result;
    p.client.async_read_some(ringport::buffer(buf),
                             [&](error_code ec, std::size_t) { ++calls, result = ec; });
    start_then_close(ctx(), p.client);
    ASSERT_EQ(calls, 1);
    EXPECT_EQ(result, ringport::error::operation_aborted) << result.message();
    error_code ec;
    p.server.read_some(ringport::buffer(buf), ec);
    EXPECT_EQ(ec, ringport::error::eof) << ec.message();
  }
}

// A send that the peer's full window holds in flight: close() ends it (aborted, or done if it
// got through first), and the peer then reads some prefix of the stream and its end.
TEST_P(WinCloseWithTransferInFlight, PendingSendEndsAndThePeerSeesTheEnd) {
  ringport::test::tcp_pair p(ctx());
  std::vector<char> big(16 << 20, 'x');
  int calls = 0;
  error_code result;
  p.client.async_send(ringport::buffer(big), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  start_then_close(ctx(), p.client);
  ASSERT_EQ(calls, 1);
  EXPECT_TRUE(!result || result == ringport::error::operation_aborted) << result.message();
  // Drain: bytes of the stream, then its end (or a reset, if the close left bytes unsent).
  std::vector<char> sink(1 << 20);
  std::size_t total = 0;
  error_code ec;
  for (int i = 0; i < 1000 && !ec; ++i)
    total += p.server.read_some(ringport::buffer(sink), ec);
  EXPECT_TRUE(ec == ringport::error::eof || ec == ringport::error::connection_reset)
      << ec.message();
  EXPECT_LE(total, big.size());
}

RINGPORT_INSTANTIATE_BACKENDS(WinCloseWithTransferInFlight);

}  // namespace win_close_with_transfer_in_flight_test
