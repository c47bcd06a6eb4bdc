// Move-accept onto another executor or context, Asio's acceptor.accept(ctx) and
// async_accept(ex, [endpoint,] token): the new socket belongs to that context and has its
// executor type; sockets and acceptors convert (by move) to any_io_executor ones.

#include "backend_test.hpp"

#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <optional>
#include <system_error>
#include <type_traits>
#include <utility>

namespace acceptor_move_accept_other_executor_test {

using AcceptorMoveAcceptOtherExecutor = ringport::test::backend_test;
using ringport::ip::tcp;
using ctx_socket = tcp::socket::rebind_executor<ringport::io_context::executor_type>::other;

tcp::endpoint loopback() {
  return tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

TEST_P(AcceptorMoveAcceptOtherExecutor, SyncFormsGiveASocketOnTheOtherContext) {
  auto other = make_context();
  tcp::acceptor acceptor(ctx(), loopback());

  tcp::socket c1(ctx());
  c1.connect(acceptor.local_endpoint());
  auto s1 = acceptor.accept(*other);
  static_assert(std::is_same_v<decltype(s1), ctx_socket>);
  EXPECT_TRUE(s1.is_open());
  EXPECT_TRUE(s1.get_executor() == other->get_executor());
  EXPECT_EQ(s1.remote_endpoint(), c1.local_endpoint());

  tcp::socket c2(ctx());
  c2.connect(acceptor.local_endpoint());
  tcp::endpoint peer;
  std::error_code ec = ringport::error::would_block;
  auto s2 = acceptor.accept(other->get_executor(), peer, ec);
  static_assert(std::is_same_v<decltype(s2), ctx_socket>);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(peer, c2.local_endpoint());
  EXPECT_TRUE(s2.get_executor() == other->get_executor());

  // Converting moves into any_io_executor sockets: the descriptor travels, the source closes.
  tcp::socket any1(std::move(s1));
  EXPECT_TRUE(any1.is_open());
  EXPECT_FALSE(s1.is_open());
  EXPECT_EQ(any1.remote_endpoint(), c1.local_endpoint());
  tcp::socket any2(ctx());
  any2 = std::move(s2);
  EXPECT_TRUE(any2.is_open());
  EXPECT_FALSE(s2.is_open());
  EXPECT_EQ(any2.remote_endpoint(), c2.local_endpoint());

  // Nothing is pending: a closed acceptor reports the error from every form.
  acceptor.close();
  acceptor.accept(*other, ec);
  EXPECT_EQ(ec, ringport::error::bad_descriptor);
}

TEST_P(AcceptorMoveAcceptOtherExecutor, AsyncFormsCompleteWithASocketOnTheOtherContext) {
  auto other = make_context();
  tcp::acceptor acceptor(ctx(), loopback());
  tcp::socket c1(ctx()), c2(ctx());
  c1.connect(acceptor.local_endpoint());
  c2.connect(acceptor.local_endpoint());

  std::optional<ctx_socket> s1, s2;
  std::error_code ec1 = ringport::error::would_block, ec2 = ringport::error::would_block;
  tcp::endpoint peer;
  acceptor.async_accept(*other, [&](std::error_code ec, ctx_socket s) {
    ec1 = ec;
    s1.emplace(std::move(s));
  });
  acceptor.async_accept(other->get_executor(), peer, [&](std::error_code ec, ctx_socket s) {
    ec2 = ec;
    s2.emplace(std::move(s));
  });
  ctx().run();
  ASSERT_FALSE(ec1) << ec1.message();
  ASSERT_FALSE(ec2) << ec2.message();
  ASSERT_TRUE(s1 && s2);
  EXPECT_TRUE(s1->get_executor() == other->get_executor());
  EXPECT_TRUE(s2->get_executor() == other->get_executor());
  // Accepts complete in order: the second names the second client.
  EXPECT_EQ(peer, c2.local_endpoint());
  EXPECT_EQ(s1->remote_endpoint(), c1.local_endpoint());
  EXPECT_EQ(s2->remote_endpoint(), c2.local_endpoint());
}

TEST_P(AcceptorMoveAcceptOtherExecutor, AcceptorsConvertByMove) {
  using ctx_acceptor = ringport::basic_socket_acceptor<tcp, ringport::io_context::executor_type>;
  ctx_acceptor typed(ctx(), loopback());
  auto ep = typed.local_endpoint();
  tcp::acceptor any(std::move(typed));
  EXPECT_TRUE(any.is_open());
  EXPECT_FALSE(typed.is_open());
  EXPECT_EQ(any.local_endpoint(), ep);
  tcp::socket c(ctx());
  c.connect(ep);
  tcp::socket s = any.accept();
  EXPECT_EQ(s.remote_endpoint(), c.local_endpoint());
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorMoveAcceptOtherExecutor);

}  // namespace acceptor_move_accept_other_executor_test
