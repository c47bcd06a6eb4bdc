// The select reactor: with ConnectEx switched off (the service's test switch), async_connect
// runs as a non-blocking connect finished on the reactor's thread and returned through the
// completion port: it connects to a listener (and the socket then carries data both ways)
// and reports connection_refused from a closed port. Write waits always go through the
// reactor, and so do read waits on datagram sockets.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"
#include "windows/sockets/iocp_socket_testing.hpp"

#include <cstring>
#include <memory>

namespace win_select_reactor_connect_test {

using WinSelectReactorConnect = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
using ringport::ip::udp;

struct force_reactor_connect {
  force_reactor_connect() { ringport::detail::iocp_force_reactor_connect_for_testing(true); }
  ~force_reactor_connect() { ringport::detail::iocp_force_reactor_connect_for_testing(false); }
};

TEST_P(WinSelectReactorConnect, ConnectsAndCarriesData) {
  force_reactor_connect forced;
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx()), server(ctx());
  int connects = 0, accepts = 0;
  error_code connect_ec, accept_ec;
  acceptor.async_accept(server, [&](error_code ec) {
    ++accepts;
    accept_ec = ec;
  });
  client.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
    ++connects;
    connect_ec = ec;
  });
  ctx().run();
  EXPECT_EQ(connects, 1);
  EXPECT_EQ(accepts, 1);
  ASSERT_FALSE(connect_ec) << connect_ec.message();
  ASSERT_FALSE(accept_ec) << accept_ec.message();
  EXPECT_EQ(client.remote_endpoint(), acceptor.local_endpoint());

  ctx().restart();
  char got[5] = {};
  std::size_t n = 0;
  ringport::async_write(client, ringport::buffer("hello", 5),
                        [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  ringport::async_read(server, ringport::buffer(got), [&](error_code ec, std::size_t bytes) {
    EXPECT_FALSE(ec) << ec.message();
    n = bytes;
  });
  ctx().run();
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(std::memcmp(got, "hello", 5), 0);
}

TEST_P(WinSelectReactorConnect, ClosedPortIsRefused) {
  force_reactor_connect forced;
  // A port that was just listening and is closed now.
  tcp::endpoint target;
  {
    tcp::acceptor probe(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
    target = probe.local_endpoint();
  }
  tcp::socket client(ctx());
  int calls = 0;
  error_code result;
  client.async_connect(target, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::connection_refused) << result.message();
}

TEST_P(WinSelectReactorConnect, WriteWaitAndDatagramReadWait) {
  ringport::test::tcp_pair p(ctx());
  int write_waits = 0;
  p.client.async_wait(tcp::socket::wait_write, [&](error_code ec) {
    EXPECT_FALSE(ec) << ec.message();
    ++write_waits;
  });

  udp::socket receiver(ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  udp::socket sender(ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  int read_waits = 0;
  receiver.async_wait(udp::socket::wait_read, [&](error_code ec) {
    EXPECT_FALSE(ec) << ec.message();
    ++read_waits;
  });
  ctx().poll();
  EXPECT_EQ(read_waits, 0);  // nothing to read yet
  sender.send_to(ringport::buffer("d", 1), receiver.local_endpoint());
  ctx().run();
  EXPECT_EQ(write_waits, 1);
  EXPECT_EQ(read_waits, 1);
  // The wait consumed nothing.
  char c = 0;
  udp::endpoint from;
  EXPECT_EQ(receiver.receive_from(ringport::buffer(&c, 1), from), 1u);
  EXPECT_EQ(c, 'd');
}

TEST_P(WinSelectReactorConnect, ReactorWaitCancelledByClose) {
  udp::socket receiver(ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  int calls = 0;
  error_code result;
  receiver.async_wait(udp::socket::wait_read, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  receiver.close();
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
}

// The socket lives in its handler (as sessions do): the context's destruction must hand the
// reactor's pending wait back and destroy it, with the socket, without calling it.
TEST_P(WinSelectReactorConnect, ContextDestroyedWithReactorWaitPending) {
  auto receiver = std::make_shared<udp::socket>(
      ctx(), udp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  bool called = false;
  receiver->async_wait(udp::socket::wait_read, [receiver, &called](error_code) { called = true; });
  receiver.reset();
  ctx().poll();
  ctx_.reset();  // the fixture's teardown then checks that no op was left behind
  EXPECT_FALSE(called);
}

RINGPORT_INSTANTIATE_BACKENDS(WinSelectReactorConnect);

}  // namespace win_select_reactor_connect_test
