// A cancellation signal that outlives the context of the operation it was bound to: emitting it
// after the context (and the operation, destroyed unrun) is gone does nothing. The slot still
// holds the operation's link, whose owner service died with the context.

#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>

namespace slot_emit_after_context_destroyed_test {

using SlotEmitAfterContextDestroyed = ringport::test::backend_test;
using ringport::error_code;

TEST_P(SlotEmitAfterContextDestroyed, TimerWaitAndSocketRead) {
  ringport::cancellation_signal timer_signal, read_signal;
  int handlers_run = 0;
  {
    auto other = make_context();
    ringport::steady_timer timer(*other, std::chrono::hours(1));
    timer.async_wait(
        ringport::bind_cancellation_slot(timer_signal.slot(), [&](error_code) { ++handlers_run; }));
    ringport::ip::tcp::acceptor acceptor(*other, {ringport::ip::make_address("127.0.0.1"), 0});
    ringport::ip::tcp::socket client(*other), server(*other);
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
    char byte = 0;
    server.async_read_some(
        ringport::buffer(&byte, 1),
        ringport::bind_cancellation_slot(read_signal.slot(),
                                         [&](error_code, std::size_t) { ++handlers_run; }));
    other->poll();
    EXPECT_EQ(handlers_run, 0);
  }
  // The context, its services and both operations are gone; the signals are not.
  timer_signal.emit(ringport::cancellation_type::terminal);
  read_signal.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(handlers_run, 0);
}

RINGPORT_INSTANTIATE_BACKENDS(SlotEmitAfterContextDestroyed);

}  // namespace slot_emit_after_context_destroyed_test
