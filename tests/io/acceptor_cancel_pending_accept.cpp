// A pending accept (into a peer socket, and a move-accept) ends once with
// operation_aborted on the acceptor's cancel() and on its handler's cancellation slot; the
// acceptor then still accepts.

#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace acceptor_cancel_pending_accept_test {

using AcceptorCancelPendingAccept = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(AcceptorCancelPendingAccept, CancelAbortsBothFormsOnce) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket peer(ctx());
  int into_calls = 0, move_calls = 0;
  error_code into_ec, move_ec;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++into_calls;
    into_ec = ec;
  });
  acceptor.async_accept([&](error_code ec, tcp::socket s) {
    ++move_calls;
    move_ec = ec;
    EXPECT_FALSE(s.is_open());
  });
  ctx().poll();
  acceptor.cancel();
  ctx().run();
  EXPECT_EQ(into_calls, 1);
  EXPECT_EQ(move_calls, 1);
  EXPECT_TRUE(into_ec == ringport::error::operation_aborted) << into_ec.message();
  EXPECT_TRUE(move_ec == ringport::error::operation_aborted) << move_ec.message();
  EXPECT_FALSE(peer.is_open());

  // Still accepting: a move-accept gets an open, connected socket.
  ctx().restart();
  tcp::socket client(ctx());
  tcp::socket accepted(ctx());
  tcp::endpoint from;
  acceptor.async_accept(from, [&](error_code ec, tcp::socket s) {
    EXPECT_FALSE(ec) << ec.message();
    accepted = std::move(s);
  });
  client.async_connect(acceptor.local_endpoint(), [](error_code ec) { EXPECT_FALSE(ec); });
  ctx().run();
  ASSERT_TRUE(accepted.is_open());
  EXPECT_EQ(accepted.remote_endpoint(), client.local_endpoint());
  EXPECT_EQ(from, client.local_endpoint());
}

TEST_P(AcceptorCancelPendingAccept, SlotEmitAbortsOnlyThatAccept) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  ringport::cancellation_signal into_signal, move_signal;
  tcp::socket peer(ctx());
  int into_calls = 0, move_calls = 0;
  error_code into_ec, move_ec;
  acceptor.async_accept(peer,
                        ringport::bind_cancellation_slot(into_signal.slot(), [&](error_code ec) {
                          ++into_calls;
                          into_ec = ec;
                        }));
  acceptor.async_accept(
      ringport::bind_cancellation_slot(move_signal.slot(), [&](error_code ec, tcp::socket s) {
        ++move_calls;
        move_ec = ec;
        EXPECT_TRUE(s.is_open());
      }));
  ctx().poll();
  into_signal.emit(ringport::cancellation_type::terminal);
  ctx().poll();
  EXPECT_EQ(into_calls, 1);
  EXPECT_TRUE(into_ec == ringport::error::operation_aborted) << into_ec.message();
  EXPECT_FALSE(peer.is_open());
  EXPECT_EQ(move_calls, 0);  // the other accept is still pending: a client reaches it

  tcp::socket client(ctx());
  client.connect(acceptor.local_endpoint());
  ctx().run();
  EXPECT_EQ(move_calls, 1);
  EXPECT_FALSE(move_ec) << move_ec.message();
  move_signal.emit(ringport::cancellation_type::terminal);  // after completion: nothing
  EXPECT_EQ(move_calls, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorCancelPendingAccept);

}  // namespace acceptor_cancel_pending_accept_test
