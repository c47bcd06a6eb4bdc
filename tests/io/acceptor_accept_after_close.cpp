// An accept on a closed acceptor ends once with bad_descriptor (async and sync); close()
// while an accept is pending ends it once with operation_aborted; the same acceptor object
// can then be opened, bound and listen again, and accepts.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace acceptor_accept_after_close_test {

using AcceptorAcceptAfterClose = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

tcp::endpoint loopback_any() {
  return tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

TEST_P(AcceptorAcceptAfterClose, AsyncAcceptOnClosedAcceptorIsBadDescriptor) {
  tcp::acceptor acceptor(ctx(), loopback_any());
  acceptor.close();
  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  EXPECT_EQ(calls, 0);
  // The move-accept form too.
  int move_calls = 0;
  error_code move_result;
  acceptor.async_accept([&](error_code ec, tcp::socket s) {
    ++move_calls;
    move_result = ec;
    EXPECT_FALSE(s.is_open());
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::bad_descriptor) << result.message();
  EXPECT_FALSE(peer.is_open());
  EXPECT_EQ(move_calls, 1);
  EXPECT_TRUE(move_result == ringport::error::bad_descriptor) << move_result.message();
}

TEST_P(AcceptorAcceptAfterClose, SyncAcceptOnClosedAcceptorIsBadDescriptor) {
  tcp::acceptor acceptor(ctx(), loopback_any());
  acceptor.close();
  tcp::socket peer(ctx());
  error_code ec;
  acceptor.accept(peer, ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
  EXPECT_FALSE(peer.is_open());
  EXPECT_THROW(acceptor.accept(peer), ringport::system_error);
}

TEST_P(AcceptorAcceptAfterClose, CloseWhilePendingAbortsOnce) {
  tcp::acceptor acceptor(ctx(), loopback_any());
  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  acceptor.close();
  EXPECT_FALSE(acceptor.is_open());
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_FALSE(peer.is_open());
}

TEST_P(AcceptorAcceptAfterClose, ReopenedAcceptorAccepts) {
  tcp::acceptor acceptor(ctx(), loopback_any());
  tcp::socket first(ctx());
  int aborted = 0;
  acceptor.async_accept(first, [&](error_code ec) {
    if (ec == ringport::error::operation_aborted) ++aborted;
  });
  acceptor.close();
  ctx().run();
  EXPECT_EQ(aborted, 1);

  acceptor.open(tcp::v4());
  acceptor.bind(loopback_any());
  acceptor.listen();
  tcp::endpoint ep = acceptor.local_endpoint();
  EXPECT_NE(ep.port(), 0);

  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  tcp::socket client(ctx());
  client.connect(ep);
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 1);
  ASSERT_FALSE(result) << result.message();
  ASSERT_TRUE(peer.is_open());
  client.write_some(ringport::buffer("ok", 2));
  char buf[2];
  EXPECT_EQ(peer.read_some(ringport::buffer(buf)), 2u);

  // And the synchronous accept works on the reopened acceptor too.
  tcp::socket client2(ctx());
  client2.connect(ep);
  tcp::socket peer2 = acceptor.accept();
  EXPECT_TRUE(peer2.is_open());
  EXPECT_EQ(peer2.remote_endpoint(), client2.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorAcceptAfterClose);

}  // namespace acceptor_accept_after_close_test
