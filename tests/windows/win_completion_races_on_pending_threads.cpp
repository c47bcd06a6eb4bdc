// The ready-flag race: the port hands a read back (on the thread in run()) before the thread
// that started it has returned to on_pending. A test hook runs between WSARecv answering
// ERROR_IO_PENDING and on_pending: it makes the read complete and waits until the run()
// thread has taken the packet. The handler must still run exactly once, with the data.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <atomic>
#include <chrono>
#include <thread>

namespace win_completion_races_on_pending_threads_test {

using WinCompletionRacesOnPendingThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::detail::iocp_early_completions_for_testing;
using ringport::ip::tcp;

std::atomic<tcp::socket*> peer{nullptr};
std::atomic<bool> armed{false};
std::atomic<bool> raced{false};

void make_it_complete_first() {
  tcp::socket* p = peer.load();
  if (!armed.load() || p == nullptr) return;
  unsigned long before = iocp_early_completions_for_testing();
  p->write_some(ringport::buffer("q", 1));
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (iocp_early_completions_for_testing() == before &&
         std::chrono::steady_clock::now() < give_up)
    std::this_thread::yield();
  raced = iocp_early_completions_for_testing() != before;
}

TEST_P(WinCompletionRacesOnPendingThreads, PacketBeforeOnPendingRunsHandlerOnce) {
  ringport::test::tcp_pair p(ctx());

  auto guard = ringport::make_work_guard(ctx());
  // Bounded: a lost completion fails the test instead of hanging it.
  std::thread runner([&] { ctx().run_for(std::chrono::seconds(20)); });
  peer = &p.client;
  armed = true;
  ringport::detail::iocp_set_pending_hook_for_testing(&make_it_complete_first);

  char buf[4] = {};
  std::atomic<int> calls{0};
  std::size_t got = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    result = ec;
    got = n;
    ++calls;
    guard.reset();
  });
  ringport::detail::iocp_set_pending_hook_for_testing(nullptr);
  peer = nullptr;
  armed = false;
  runner.join();

  EXPECT_TRUE(raced.load());  // the packet really came before on_pending
  EXPECT_EQ(calls.load(), 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(got, 1u);
  EXPECT_EQ(buf[0], 'q');
}

RINGPORT_INSTANTIATE_BACKENDS(WinCompletionRacesOnPendingThreads);

}  // namespace win_completion_races_on_pending_threads_test
