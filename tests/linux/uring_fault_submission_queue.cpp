// The io_uring backend's injected full submission queue (full_submission_queue): getting a
// submission entry fails as if the queue were full, so the backend submits what is queued
// and tries again, for ops, cancels and its wake-up read alike. Eight loopback TCP
// connections carry 64 KiB each way at once while receives on idle sockets are cancelled
// through their slot and through socket.cancel(): every byte arrives in order, every handler
// runs once with the right result, the context ends with no op left.

#include "tcp_pair.hpp"
#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

namespace uring_fault_submission_queue_test {

using UringFaultSubmissionQueue = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
namespace fault = ringport::detail::fault;

constexpr int connections = 8;
constexpr std::size_t size = 64 * 1024;

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

auto record(outcome& o) {
  return [&o](error_code ec, std::size_t n) {
    ++o.calls;
    o.ec = ec;
    o.bytes = n;
  };
}

struct connection {
  explicit connection(ringport::io_context& ctx, int i)
      : pair(ctx), up(size), down(size), got_up(size), got_down(size) {
    for (std::size_t k = 0; k < size; ++k) {
      up[k] = static_cast<char>((k * 7 + static_cast<std::size_t>(i)) % 253);
      down[k] = static_cast<char>((k * 11 + static_cast<std::size_t>(i)) % 241);
    }
  }
  ringport::test::tcp_pair pair;
  std::vector<char> up, down, got_up, got_down;
  outcome w_up, w_down, r_up, r_down;
  // Receives that never get data: one cancelled through its slot, one by socket.cancel().
  ringport::cancellation_signal signal;
  char idle_buf[8];
  outcome idle_by_slot, idle_by_socket;
};

TEST_F(UringFaultSubmissionQueue, OpsAndCancelsGoThroughAfterFlushing) {
  fault::scoped_plan plan(fault::only(kind::full_submission_queue, 500));
  std::vector<std::unique_ptr<connection>> cs;
  for (int i = 0; i < connections; ++i)
    cs.push_back(std::make_unique<connection>(ctx(), i));
  // Started from a handler too, where requests wait in the queue for the next wait().
  ringport::post(ctx(), [&] {
    for (auto& c : cs) {
      ringport::async_write(c->pair.client, ringport::buffer(c->up), record(c->w_up));
      ringport::async_write(c->pair.server, ringport::buffer(c->down), record(c->w_down));
      ringport::async_read(c->pair.server, ringport::buffer(c->got_up), record(c->r_up));
      ringport::async_read(c->pair.client, ringport::buffer(c->got_down), record(c->r_down));
    }
  });
  for (auto& c : cs) {
    c->pair.acceptor.async_accept(ringport::bind_cancellation_slot(
        c->signal.slot(), [o = &c->idle_by_slot](error_code ec, ringport::ip::tcp::socket) {
          ++o->calls;
          o->ec = ec;
        }));
    c->pair.acceptor.async_wait(ringport::ip::tcp::acceptor::wait_error,
                                [o = &c->idle_by_socket](error_code ec) {
                                  ++o->calls;
                                  o->ec = ec;
                                });
  }
  ringport::post(ctx(), [&] {
    for (auto& c : cs) {
      c->signal.emit(ringport::cancellation_type::terminal);
      c->pair.acceptor.cancel();
    }
  });
  ctx().run_for(std::chrono::seconds(30));
  EXPECT_TRUE(ctx().stopped()) << "ops still pending after 30 s";
  EXPECT_GT(fault::injected(kind::full_submission_queue), 0u);
  for (auto& c : cs) {
    for (const outcome* o : {&c->w_up, &c->w_down, &c->r_up, &c->r_down}) {
      EXPECT_EQ(o->calls, 1);
      EXPECT_FALSE(o->ec) << o->ec.message();
      EXPECT_EQ(o->bytes, size);
    }
    EXPECT_TRUE(c->got_up == c->up);
    EXPECT_TRUE(c->got_down == c->down);
    EXPECT_EQ(c->idle_by_slot.calls, 1);
    EXPECT_EQ(c->idle_by_slot.ec, ringport::error::operation_aborted)
        << c->idle_by_slot.ec.message();
    EXPECT_EQ(c->idle_by_socket.calls, 1);
    EXPECT_EQ(c->idle_by_socket.ec, ringport::error::operation_aborted)
        << c->idle_by_socket.ec.message();
  }
}

}  // namespace uring_fault_submission_queue_test
