// async_read with a cancellation slot bound to its handler, as in Asio: terminal and partial
// cancellation abort the pending step and the read ends with operation_aborted and the bytes
// read so far; total cancellation is filtered out and the read goes on. The first step of
// each read is left to complete (4 of 10 bytes), so the cancellation meets the second step.
// The dynamic-buffer async_read and async_read_until let partial cancellation through too.
#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>

namespace async_read_slot_cancellation_test {

using AsyncReadSlotCancellation = ringport::test::backend_test;
using ringport::cancellation_type;
using ringport::error_code;

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

// Runs until the handler ran, bounded.
void run_until_called(ringport::io_context& ctx, const outcome& o) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (o.calls == 0 && std::chrono::steady_clock::now() < until)
    ctx.run_one_for(std::chrono::milliseconds(10));
}

auto recording(ringport::cancellation_signal& signal, outcome& o) {
  return ringport::bind_cancellation_slot(signal.slot(), [&o](const error_code& ec, std::size_t n) {
    ++o.calls;
    o.ec = ec;
    o.bytes = n;
  });
}

class pending_read {
 public:
  pending_read(ringport::io_context& ctx, ringport::test::tcp_pair& p) : ctx_(ctx), p_(p) {
    // The condition sees the total before every step: it tells when the first 4 bytes are in.
    ringport::async_read(
        p_.server, ringport::buffer(buf_),
        [this](const error_code& ec, std::size_t n) -> std::size_t {
          seen_ = n;
          return ec ? 0 : sizeof buf_;
        },
        recording(signal, result));
    ringport::write(p_.client, ringport::buffer("abcd", 4));
    // Bounded: loopback data is there at once; the loop only waits for its completion.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (seen_ != 4 && result.calls == 0 && std::chrono::steady_clock::now() < until)
      ctx_.run_one_for(std::chrono::milliseconds(10));
  }

  bool second_step_pending() const { return seen_ == 4 && result.calls == 0; }

  void finish() { run_until_called(ctx_, result); }

  ringport::cancellation_signal signal;
  outcome result;

 private:
  ringport::io_context& ctx_;
  ringport::test::tcp_pair& p_;
  char buf_[10] = {};
  std::size_t seen_ = 0;
};

// A read that took 4 of its 10 bytes, cancelled with `type`, ends aborted with those 4.
void expect_cancel_ends_read(ringport::io_context& ctx, cancellation_type type) {
  ringport::test::tcp_pair p(ctx);
  pending_read r(ctx, p);
  ASSERT_TRUE(r.second_step_pending());
  r.signal.emit(type);
  r.finish();
  EXPECT_EQ(r.result.calls, 1);
  EXPECT_EQ(r.result.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.result.bytes, 4u);
}

TEST_P(AsyncReadSlotCancellation, TerminalEndsReadWithBytesSoFar) {
  expect_cancel_ends_read(ctx(), cancellation_type::terminal);
}

TEST_P(AsyncReadSlotCancellation, PartialEndsReadToo) {
  expect_cancel_ends_read(ctx(), cancellation_type::partial);
}

TEST_P(AsyncReadSlotCancellation, TotalIsFilteredOutAndReadCompletes) {
  ringport::test::tcp_pair p(ctx());
  pending_read r(ctx(), p);
  ASSERT_TRUE(r.second_step_pending());
  r.signal.emit(cancellation_type::total);
  ctx().poll();
  EXPECT_EQ(r.result.calls, 0) << "total cancellation must not reach the read";
  ringport::write(p.client, ringport::buffer("efghij", 6));
  r.finish();
  EXPECT_EQ(r.result.calls, 1);
  EXPECT_FALSE(r.result.ec) << r.result.ec.message();
  EXPECT_EQ(r.result.bytes, 10u);
}

// Starts a read into `data` with `start`, lets it take 4 bytes that do not finish it, emits
// partial cancellation and expects the read to end aborted.
template <typename Start>
void expect_partial_ends_read(ringport::io_context& ctx, Start start) {
  ringport::test::tcp_pair p(ctx);
  std::string data;
  ringport::cancellation_signal signal;
  outcome o;
  start(p.server, data, recording(signal, o));
  ringport::write(p.client, ringport::buffer("abcd", 4));
  ctx.run_for(std::chrono::milliseconds(50));  // usually takes the first 4 bytes
  ASSERT_EQ(o.calls, 0);
  signal.emit(cancellation_type::partial);
  run_until_called(ctx, o);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, ringport::error::operation_aborted);
}

TEST_P(AsyncReadSlotCancellation, PartialEndsDynamicBufferRead) {
  expect_partial_ends_read(ctx(), [](auto& socket, std::string& data, auto token) {
    ringport::async_read(socket, ringport::dynamic_buffer(data), ringport::transfer_exactly(10),
                         std::move(token));
  });
}

TEST_P(AsyncReadSlotCancellation, PartialEndsReadUntil) {
  expect_partial_ends_read(ctx(), [](auto& socket, std::string& data, auto token) {
    ringport::async_read_until(socket, ringport::dynamic_buffer(data), '\n', std::move(token));
  });
}

RINGPORT_INSTANTIATE_BACKENDS(AsyncReadSlotCancellation);

}  // namespace async_read_slot_cancellation_test
