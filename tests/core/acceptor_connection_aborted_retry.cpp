// socket_base::enable_connection_aborted is an acceptor flag (not a setsockopt): it reads
// back as set, starts false, and is dropped by close(). A connection the peer reset before
// it was accepted does not break the acceptor: the following connection is accepted, sync
// and async, with the flag off and on. (Linux hands out a reset connection as an accepted
// socket rather than failing accept with ECONNABORTED, so the retry path itself is not
// reached here; with the flag on, connection_aborted is the only error allowed.)
#if defined(__linux__)

#include "backend_test.hpp"

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

RINGPORT_INSTANTIATE_BACKENDS(AcceptorConnectionAbortedRetry);

}  // namespace acceptor_connection_aborted_retry_test

#endif  // __linux__
