// More completions become ready at once than the io_uring completion queue holds: on a
// context whose ring has 512 completion entries (set for the test; the default is 4,096),
// 2,000 async_receive_from ops are started on 200 UDP sockets without running the context
// (more ops than the 256 submission entries, too), then one datagram is sent to each pending
// receive, then the context runs. Every receive completes exactly once with one of the
// datagrams sent to its socket, none is lost or delivered twice, nothing hangs, and the
// context works as well for a second round afterwards. On io_uring each round must really
// have overflowed the completion queue (the backend counts the waits that found the kernel's
// overflow flag set), or the test would prove nothing. On epoll it is a large fan-in.
// The same with 1,000 receives on a context with the default queue: they fit, and no wait
// finds an overflow (a server with a thousand connections does not go through the kernel's
// overflow list).

#include "backend_test.hpp"

#if defined(__linux__)
#include "linux/io_uring/uring_backend.hpp"
#include "uring_cq_entries.hpp"
#endif

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace uring_completion_queue_overflow_test {

using UringCompletionQueueOverflow = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::udp;

// How many receives a round starts, and what the io_uring completion queue must show.
struct round_shape {
  int sockets;
  int receives_per_socket;
  bool overflows;
  int total() const { return sockets * receives_per_socket; }
};
// ~4x a 512-entry completion queue, ~8x the 256 submission entries.
constexpr round_shape beyond_small_queue{200, 10, true};
// A quarter of the default 4,096 entries, ~4x the submission entries.
constexpr round_shape within_default_queue{250, 4, false};

struct pending_receive {
  char buf[64];
  udp::endpoint from;
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

std::string payload(int round, int socket, int k) {
  char text[64];
  std::snprintf(text, sizeof text, "round %d socket %03d datagram %02d", round, socket, k);
  return text;
}

// Whatever a round leaves pending (after a failure) is aborted and run before the buffers
// and counters its handlers refer to go away.
struct round_state {
  round_state(ringport::io_context& context, int total) : ctx(context), slots(total) {}
  ~round_state() {
    for (auto& r : receivers)
      r->close();
    ctx.restart();
    ctx.run_for(std::chrono::seconds(5));
  }
  ringport::io_context& ctx;
  std::vector<pending_receive> slots;
  int completed = 0;
  std::vector<std::unique_ptr<udp::socket>> receivers;
};

void run_round(ringport::io_context& ctx, int round, const round_shape& shape) {
  const int sockets = shape.sockets;
  const int receives_per_socket = shape.receives_per_socket;
  const int total = shape.total();
  const udp::endpoint loopback(ringport::ip::make_address("127.0.0.1"), 0);
  udp::socket sender(ctx, loopback);
  const udp::endpoint sender_ep = sender.local_endpoint();
  round_state state(ctx, total);
  auto& receivers = state.receivers;
  auto& slots = state.slots;
  int& completed = state.completed;

  for (int s = 0; s < sockets; ++s) {
    receivers.push_back(std::make_unique<udp::socket>(ctx, loopback));
    for (int k = 0; k < receives_per_socket; ++k) {
      pending_receive& r = slots[s * receives_per_socket + k];
      receivers.back()->async_receive_from(ringport::buffer(r.buf), r.from,
                                           [&r, &completed](error_code ec, std::size_t n) {
                                             ++r.calls;
                                             r.ec = ec;
                                             r.bytes = n;
                                             ++completed;
                                           });
    }
  }
  ASSERT_EQ(completed, 0) << "no handler runs inside its initiating call";

  // Every datagram is sent before the context runs: their completions arrive together.
  for (int s = 0; s < sockets; ++s) {
    const udp::endpoint to = receivers[s]->local_endpoint();
    for (int k = 0; k < receives_per_socket; ++k) {
      const std::string p = payload(round, s, k);
      ASSERT_EQ(sender.send_to(ringport::buffer(p), to), p.size());
    }
  }

#if defined(__linux__)
  const unsigned long overflows_before = ringport::detail::uring_cq_overflows_for_testing();
#endif
  ctx.restart();
  ctx.run_for(std::chrono::seconds(30));
#if defined(__linux__)
  if (ctx.backend() == ringport::backend_kind::io_uring) {
    if (shape.overflows)
      EXPECT_GT(ringport::detail::uring_cq_overflows_for_testing(), overflows_before)
          << "the completion queue never overflowed: the test did not reach what it is for";
    else
      EXPECT_EQ(ringport::detail::uring_cq_overflows_for_testing(), overflows_before)
          << total << " completions at once overflowed the default completion queue";
  }
#endif
  EXPECT_TRUE(ctx.stopped()) << "run_for(30 s) ended with receives still pending: "
                             << total - completed << " of " << total << " never completed";
  EXPECT_EQ(completed, total);

  for (int s = 0; s < sockets; ++s) {
    std::vector<std::string> expected, got;
    for (int k = 0; k < receives_per_socket; ++k) {
      expected.push_back(payload(round, s, k));
      const pending_receive& r = slots[s * receives_per_socket + k];
      EXPECT_EQ(r.calls, 1) << "socket " << s << " receive " << k;
      if (r.calls != 1) continue;
      EXPECT_FALSE(r.ec) << "socket " << s << " receive " << k << ": " << r.ec.message();
      if (r.ec) continue;
      EXPECT_EQ(r.from, sender_ep);
      got.emplace_back(r.buf, r.bytes);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << "socket " << s << ": datagrams lost or duplicated";
  }
}

TEST_P(UringCompletionQueueOverflow, EveryReceiveCompletesOnceWithItsDatagram) {
#if defined(__linux__)
  ringport::test::uring_cq_entries small_queue(512);
#endif
  std::unique_ptr<ringport::io_context> context = make_context();
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    run_round(*context, round, beyond_small_queue);
    if (HasFatalFailure() || HasNonfatalFailure()) break;
  }
}

TEST_P(UringCompletionQueueOverflow, AThousandCompletionsAtOnceFitTheDefaultQueue) {
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    run_round(ctx(), round, within_default_queue);
    if (HasFatalFailure() || HasNonfatalFailure()) break;
  }
}

RINGPORT_INSTANTIATE_BACKENDS(UringCompletionQueueOverflow);

}  // namespace uring_completion_queue_overflow_test
