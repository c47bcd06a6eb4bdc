// A pending connect (to a listener whose accept queue is full) ends once with
// operation_aborted on the socket's cancel(), on its handler's cancellation slot, and on
// close(); a late slot emit does nothing.

#include "backend_test.hpp"
#include "stalled_connect.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"

namespace tcp_connect_cancel_test {

using TcpConnectCancel = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(TcpConnectCancel, CancelAbortsPendingConnect) {
  ringport::test::stalled_listener listener(ctx());
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  client.async_connect(listener.endpoint(), [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  ASSERT_EQ(calls, 0) << "the connect was expected to stay pending: " << result.message();
  client.cancel();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

TEST_P(TcpConnectCancel, SlotEmitAbortsPendingConnect) {
  ringport::test::stalled_listener listener(ctx());
  tcp::socket client(ctx());
  ringport::cancellation_signal signal;
  int calls = 0;
  error_code result;
  client.async_connect(listener.endpoint(),
                       ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec) {
                         ++calls;
                         result = ec;
                       }));
  ctx().poll();
  ASSERT_EQ(calls, 0) << "the connect was expected to stay pending: " << result.message();
  signal.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  signal.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(calls, 1);
}

TEST_P(TcpConnectCancel, CloseAbortsPendingConnect) {
  ringport::test::stalled_listener listener(ctx());
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  client.async_connect(listener.endpoint(), [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  ASSERT_EQ(calls, 0);
  client.close();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

RINGPORT_INSTANTIATE_BACKENDS(TcpConnectCancel);

}  // namespace tcp_connect_cancel_test
