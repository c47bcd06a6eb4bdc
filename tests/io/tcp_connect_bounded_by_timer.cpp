// A connect bounded by a timer, the usual Asio idiom: a steady_timer and an async_connect
// race; when the peer never answers (its accept queue is full) the timer fires first and
// cancels the socket, and the connect ends with operation_aborted; when the peer answers,
// the connect wins and cancels the timer. Each handler runs exactly once.

#include "backend_test.hpp"
#include "stalled_connect.hpp"

#include "ringport/steady_timer.hpp"

#include <chrono>

namespace tcp_connect_bounded_by_timer_test {

using TcpConnectBoundedByTimer = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct bounded_connect {
  bounded_connect(ringport::io_context& ctx, const tcp::endpoint& ep,
                  std::chrono::milliseconds limit)
      : socket(ctx), timer(ctx, limit) {
    timer.async_wait([this](error_code ec) {
      ++timer_calls;
      timer_ec = ec;
      if (!ec) socket.cancel();  // the deadline passed first
    });
    socket.async_connect(ep, [this](error_code ec) {
      ++connect_calls;
      connect_ec = ec;
      timer.cancel();
    });
  }
  tcp::socket socket;
  ringport::steady_timer timer;
  int timer_calls = 0, connect_calls = 0;
  error_code timer_ec, connect_ec;
};

TEST_P(TcpConnectBoundedByTimer, TimerWinsAgainstSilentPeer) {
  ringport::test::stalled_listener listener(ctx());
  bounded_connect c(ctx(), listener.endpoint(), std::chrono::milliseconds(50));
  ctx().run_for(std::chrono::seconds(20));
  EXPECT_EQ(c.timer_calls, 1);
  EXPECT_EQ(c.connect_calls, 1);
  EXPECT_FALSE(c.timer_ec) << c.timer_ec.message();  // it expired
  EXPECT_TRUE(c.connect_ec == ringport::error::operation_aborted) << c.connect_ec.message();
}

TEST_P(TcpConnectBoundedByTimer, ConnectWinsAgainstLongTimer) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  bounded_connect c(ctx(), acceptor.local_endpoint(), std::chrono::seconds(30));
  ctx().run_for(std::chrono::seconds(20));
  EXPECT_EQ(c.connect_calls, 1);
  EXPECT_EQ(c.timer_calls, 1);
  EXPECT_FALSE(c.connect_ec) << c.connect_ec.message();
  EXPECT_TRUE(c.timer_ec == ringport::error::operation_aborted) << c.timer_ec.message();
  EXPECT_TRUE(c.socket.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(TcpConnectBoundedByTimer);

}  // namespace tcp_connect_bounded_by_timer_test
