// A non-blocking accept returns at once even when another taker shares the listener: two
// acceptors on one listening socket (the second holds a duplicate of its descriptor, as a
// forked worker would), each polled by its own thread with non-blocking accepts, while clients
// arrive one at a time. Whichever thread loses a connection to the other must get would_block,
// not wait in the kernel for the next client. Linux only: the second acceptor is made with
// dup().

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace acceptor_non_blocking_shared_test {

using AcceptorNonBlockingShared = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

// Waits (bounded) until `pred()` holds.
template <typename Pred>
bool eventually(Pred pred) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST_P(AcceptorNonBlockingShared, ALostRaceEndsWithWouldBlock) {
  tcp::acceptor first(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::acceptor second(ctx());
  second.assign(tcp::v4(), ::dup(first.native_handle()));
  first.non_blocking(true);
  second.non_blocking(true);

  constexpr int rounds = 200;
  std::atomic<int> accepted{0};
  std::atomic<int> other_errors{0};
  std::atomic<bool> done{false};
  // Calls that returned, per thread: a thread stuck in an accept stops counting.
  std::atomic<long> returned[2] = {0, 0};
  auto take = [&](tcp::acceptor& acceptor, std::atomic<long>& calls) {
    while (!done.load()) {
      tcp::socket peer(ctx());
      error_code ec;
      acceptor.accept(peer, ec);
      if (!ec)
        ++accepted;
      else if (ec != ringport::error::would_block)
        ++other_errors;
      ++calls;
      std::this_thread::yield();
    }
  };
  std::thread a(take, std::ref(first), std::ref(returned[0]));
  std::thread b(take, std::ref(second), std::ref(returned[1]));

  int stuck_round = -1;
  for (int i = 0; i < rounds && stuck_round < 0; ++i) {
    tcp::socket client(ctx());
    client.connect(first.local_endpoint());
    ASSERT_TRUE(eventually([&] { return accepted.load() == i + 1; })) << "round " << i;
    // Both threads come back from a call made after the connection was taken.
    long after[2] = {returned[0].load() + 1, returned[1].load() + 1};
    if (!eventually([&] { return returned[0].load() > after[0] && returned[1].load() > after[1]; }))
      stuck_round = i;
  }
  EXPECT_EQ(stuck_round, -1) << "a non-blocking accept waited in the kernel";
  done = true;
  // Frees a thread stuck in the kernel (there is one only if the check above failed).
  for (int i = 0; i < 2; ++i) {
    tcp::socket client(ctx());
    error_code ignored;
    client.connect(first.local_endpoint(), ignored);
  }
  a.join();
  b.join();
  EXPECT_EQ(other_errors.load(), 0);
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorNonBlockingShared);

}  // namespace acceptor_non_blocking_shared_test
