// A pending read ends exactly once with operation_aborted when the socket's cancel() is
// called, and when its handler's cancellation slot is emitted (terminal); the socket stays
// open and usable afterwards.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace socket_cancel_pending_read_test {

using SocketCancelPendingRead = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

using connected_pair = ringport::test::tcp_pair;

TEST_P(SocketCancelPendingRead, CancelAbortsOnce) {
  connected_pair p(ctx());
  char buf[8];
  int calls = 0;
  error_code result;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  p.server.cancel();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_TRUE(p.server.is_open());

  // Still usable: a new read gets data.
  ctx().restart();
  std::size_t got = 0;
  p.server.async_read_some(ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    got = n;
  });
  p.client.write_some(ringport::buffer("xy", 2));
  ctx().run();
  EXPECT_EQ(got, 2u);
}

TEST_P(SocketCancelPendingRead, SlotEmitAbortsOnce) {
  connected_pair p(ctx());
  ringport::cancellation_signal signal;
  char buf[8];
  int calls = 0;
  error_code result;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec, std::size_t) {
        ++calls;
        result = ec;
      }));
  ctx().poll();
  EXPECT_EQ(calls, 0);
  signal.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  // A late emit, after the op has ended, touches nothing.
  signal.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(calls, 1);
}

TEST_P(SocketCancelPendingRead, SlotEmitAfterCloseIsHarmless) {
  connected_pair p(ctx());
  ringport::cancellation_signal signal;
  char buf[8];
  int calls = 0;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::bind_cancellation_slot(signal.slot(), [&](error_code, std::size_t) { ++calls; }));
  p.server.close();
  signal.emit(ringport::cancellation_type::terminal);  // the descriptor state is gone
  ctx().run();
  EXPECT_EQ(calls, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketCancelPendingRead);

}  // namespace socket_cancel_pending_read_test
