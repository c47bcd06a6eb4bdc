// socket_base::enable_connection_aborted is an acceptor flag (not a setsockopt): it reads
// back as set, starts false, and is dropped by close(). A connection the peer reset before
// it was accepted does not break the acceptor: the following connection is accepted, sync
// and async, with the flag off and on. (Linux hands out a reset connection as an accepted
// socket rather than failing accept with ECONNABORTED; with the flag on, connection_aborted is
// the only error allowed.) The retry path itself is reached through the fault-injection
// layer (src/linux/sockets/fault_injection.hpp): a real accept whose descriptor is closed and
// reported as ECONNABORTED. With the flag off the accept takes the next connection, with it
// on the accept fails once with connection_aborted; sync, and async on both backends. On
// Windows the socket service's test switch does the same (iocp_abort_next_accepted_for_testing:
// a connection taken by accept or AcceptEx is closed and reported as reset).

#include "backend_test.hpp"

#if defined(_WIN32)
#include "windows/sockets/iocp_socket_testing.hpp"
#else
#include "linux/sockets/fault_injection.hpp"
#endif

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <chrono>
#include <string>

namespace acceptor_connection_aborted_retry_test {

using AcceptorConnectionAbortedRetry = ringport::test::backend_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::tcp;

tcp::endpoint loopback_any() {
  return tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

TEST_P(AcceptorConnectionAbortedRetry, OptionRoundTrip) {
  tcp::acceptor acceptor(ctx(), loopback_any());
  socket_base::enable_connection_aborted option(true);
  acceptor.get_option(option);
  EXPECT_FALSE(option.value());  // the default

  acceptor.set_option(socket_base::enable_connection_aborted(true));
  acceptor.get_option(option);
  EXPECT_TRUE(option.value());
  acceptor.set_option(socket_base::enable_connection_aborted(false));
  acceptor.get_option(option);
  EXPECT_FALSE(option.value());
  acceptor.set_option(socket_base::enable_connection_aborted(true));

  // Not a kernel option: a real option next to it is untouched and still works.
  socket_base::reuse_address reuse;
  acceptor.get_option(reuse);
  EXPECT_TRUE(reuse.value());

  // close() drops it; a closed acceptor has no options.
  acceptor.close();
  error_code ec;
  acceptor.get_option(option, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  acceptor.set_option(socket_base::enable_connection_aborted(true), ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  acceptor.open(tcp::v4());
  option = true;
  acceptor.get_option(option);
  EXPECT_FALSE(option.value());
}

// Connects a client and resets it at once (linger {true, 0}), before anyone accepts it.
void connect_and_reset(ringport::io_context& ctx, const tcp::endpoint& ep) {
  tcp::socket doomed(ctx);
  doomed.connect(ep);
  doomed.set_option(socket_base::linger(true, 0));
  doomed.close();
}

// Accepts until the connection from `good` turns up (at most three tries: the reset one may
// come first, as a socket or, with the flag on, as connection_aborted). Returns the socket.
template <typename AcceptOnce>
tcp::socket accept_good(tcp::socket& good, bool flag_on, AcceptOnce accept_once) {
  for (int i = 0; i < 3; ++i) {
    error_code ec;
    tcp::socket peer = accept_once(ec);
    if (ec) {
      EXPECT_TRUE(flag_on && ec == ringport::error::connection_aborted) << ec.message();
      continue;
    }
    error_code ep_ec;
    if (peer.remote_endpoint(ep_ec) == good.local_endpoint() && !ep_ec) return peer;
  }
  ADD_FAILURE() << "the connection after the reset one was never accepted";
  return tcp::socket(good.get_executor());
}

void exchange(tcp::socket& a, tcp::socket& b) {
  char buf[2];
  a.write_some(ringport::buffer("ok", 2));
  ASSERT_EQ(b.read_some(ringport::buffer(buf)), 2u);
  EXPECT_EQ(std::string(buf, 2), "ok");
}

TEST_P(AcceptorConnectionAbortedRetry, ResetBeforeAcceptThenSyncAccept) {
  for (bool flag : {false, true}) {
    tcp::acceptor acceptor(ctx(), loopback_any());
    acceptor.set_option(socket_base::enable_connection_aborted(flag));
    connect_and_reset(ctx(), acceptor.local_endpoint());
    tcp::socket good(ctx());
    good.connect(acceptor.local_endpoint());
    tcp::socket peer = accept_good(good, flag, [&](error_code& ec) {
      tcp::socket s(ctx());
      acceptor.accept(s, ec);
      return s;
    });
    ASSERT_TRUE(peer.is_open());
    exchange(good, peer);
  }
}

TEST_P(AcceptorConnectionAbortedRetry, ResetBeforeAcceptThenAsyncAccept) {
  for (bool flag : {false, true}) {
    tcp::acceptor acceptor(ctx(), loopback_any());
    acceptor.set_option(socket_base::enable_connection_aborted(flag));
    connect_and_reset(ctx(), acceptor.local_endpoint());
    tcp::socket good(ctx());
    good.connect(acceptor.local_endpoint());
    tcp::socket peer = accept_good(good, flag, [&](error_code& ec) {
      tcp::socket s(ctx());
      int calls = 0;
      acceptor.async_accept(s, [&](error_code e) {
        ++calls;
        ec = e;
      });
      ctx().restart();
      ctx().run_for(std::chrono::seconds(5));
      EXPECT_EQ(calls, 1);
      return s;
    });
    ASSERT_TRUE(peer.is_open());
    exchange(peer, good);
  }
}

// The next `n` real accepts are turned into reset connections.
void abort_next_accepts(int n) {
#if defined(_WIN32)
  ringport::detail::iocp_abort_next_accepted_for_testing(n);
#else
  ringport::detail::fault::abort_next_accepts(n);
#endif
}

// How many of those are left (0: they fired).
int accepts_to_abort() {
#if defined(_WIN32)
  return ringport::detail::iocp_accepted_aborts_left_for_testing();
#else
  return ringport::detail::fault::accepts_to_abort.load();
#endif
}

// Disarms the accept fault whatever happens in the test.
struct accept_fault {
  explicit accept_fault(int n) { abort_next_accepts(n); }
  ~accept_fault() { abort_next_accepts(0); }
};

// Two clients in the listen queue; the first one's accept is turned into ECONNABORTED.
struct two_queued {
  explicit two_queued(ringport::io_context& ctx, bool flag)
      : acceptor(ctx, loopback_any()), first(ctx), second(ctx) {
    acceptor.set_option(socket_base::enable_connection_aborted(flag));
    first.connect(acceptor.local_endpoint());
    second.connect(acceptor.local_endpoint());
  }
  tcp::acceptor acceptor;
  tcp::socket first, second;
};

TEST_P(AcceptorConnectionAbortedRetry, InjectedAbortIsRetriedAsync) {
  two_queued q(ctx(), false);
  accept_fault fault(1);
  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  q.acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().run_for(std::chrono::seconds(5));
  ASSERT_EQ(calls, 1);
  ASSERT_FALSE(result) << result.message();
  EXPECT_EQ(accepts_to_abort(), 0);  // the fault fired
  EXPECT_EQ(peer.remote_endpoint(), q.second.local_endpoint());
  exchange(q.second, peer);
}

TEST_P(AcceptorConnectionAbortedRetry, InjectedAbortIsRetriedSync) {
  two_queued q(ctx(), false);
  accept_fault fault(1);
  tcp::socket peer(ctx());
  q.acceptor.accept(peer);
  EXPECT_EQ(accepts_to_abort(), 0);
  EXPECT_EQ(peer.remote_endpoint(), q.second.local_endpoint());
  exchange(peer, q.second);
}

TEST_P(AcceptorConnectionAbortedRetry, InjectedAbortIsReportedWhenEnabled) {
  two_queued q(ctx(), true);
  accept_fault fault(1);
  // Async: the first accept reports the aborted connection, the next takes the second one.
  tcp::socket peer(ctx());
  error_code first_ec, second_ec;
  int calls = 0;
  q.acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    first_ec = ec;
    q.acceptor.async_accept(peer, [&](error_code ec2) {
      ++calls;
      second_ec = ec2;
    });
  });
  ctx().run_for(std::chrono::seconds(5));
  ASSERT_EQ(calls, 2);
  EXPECT_TRUE(first_ec == ringport::error::connection_aborted) << first_ec.message();
  ASSERT_FALSE(second_ec) << second_ec.message();
  EXPECT_EQ(peer.remote_endpoint(), q.second.local_endpoint());

  // Sync, on a fresh pair of connections.
  two_queued r(ctx(), true);
  abort_next_accepts(1);
  tcp::socket sync_peer(ctx());
  error_code ec;
  r.acceptor.accept(sync_peer, ec);
  EXPECT_TRUE(ec == ringport::error::connection_aborted) << ec.message();
  EXPECT_FALSE(sync_peer.is_open());
  r.acceptor.accept(sync_peer);
  EXPECT_EQ(sync_peer.remote_endpoint(), r.second.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorConnectionAbortedRetry);

}  // namespace acceptor_connection_aborted_retry_test
