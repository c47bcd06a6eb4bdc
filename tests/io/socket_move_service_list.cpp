// The socket service keeps a list of the sockets it must close when the context shuts down.
// A move puts the new socket in the old one's place and takes the moved-from one out (it is
// closed); a moved-from socket that opens or is assigned again is listed again. The process-wide
// count of listed implementations (a testing counter) shows each step.
#include "backend_test.hpp"

#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace socket_move_service_list_test {

using SocketMoveServiceList = ringport::test::backend_test;
using ringport::ip::tcp;
using ringport::ip::udp;

long listed() {
  return ringport::detail::socket_impl_list::live();
}

TEST_P(SocketMoveServiceList, AMovedSocketKeepsOneEntry) {
  long start = listed();
  {
    tcp::socket a(ctx());
    a.open(tcp::v4());
    EXPECT_EQ(listed(), start + 1);
    tcp::socket b(std::move(a));
    EXPECT_EQ(listed(), start + 1);
    EXPECT_TRUE(b.is_open());
    EXPECT_FALSE(a.is_open());
    tcp::socket c(std::move(b));
    tcp::socket d(std::move(c));
    EXPECT_EQ(listed(), start + 1);
    EXPECT_TRUE(d.is_open());
  }
  EXPECT_EQ(listed(), start);
}

TEST_P(SocketMoveServiceList, AMovedFromSocketThatOpensAgainIsListedAgain) {
  long start = listed();
  {
    udp::socket a(ctx(), udp::endpoint(udp::v4(), 0));
    udp::socket b(std::move(a));
    EXPECT_EQ(listed(), start + 1);
    a.open(udp::v4());
    EXPECT_EQ(listed(), start + 2);
    a.bind(udp::endpoint(ringport::ip::address_v4::loopback(), 0));
    EXPECT_NE(a.local_endpoint().port(), 0);
  }
  EXPECT_EQ(listed(), start);
}

TEST_P(SocketMoveServiceList, AMovedFromSocketThatAcceptsIsListedAgain) {
  long start = listed();
  {
    tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::address_v4::loopback(), 0));
    tcp::socket client(ctx());
    tcp::socket a(ctx());
    EXPECT_EQ(listed(), start + 3);
    tcp::socket b(std::move(a));
    EXPECT_EQ(listed(), start + 3);
    client.connect(acceptor.local_endpoint());
    acceptor.accept(a);  // adopts the new connection's descriptor
    EXPECT_TRUE(a.is_open());
    EXPECT_EQ(listed(), start + 4);
    EXPECT_EQ(a.remote_endpoint(), client.local_endpoint());
  }
  EXPECT_EQ(listed(), start);
}

TEST_P(SocketMoveServiceList, MoveAssignmentKeepsBothEntries) {
  long start = listed();
  {
    tcp::socket a(ctx());
    a.open(tcp::v4());
    tcp::socket b(ctx());
    EXPECT_EQ(listed(), start + 2);
    b = std::move(a);
    EXPECT_EQ(listed(), start + 2);
    EXPECT_TRUE(b.is_open());
    a.open(tcp::v6());
    EXPECT_EQ(listed(), start + 2);
  }
  EXPECT_EQ(listed(), start);
}

TEST_P(SocketMoveServiceList, AnAcceptedSocketMovedIntoItsOwnerIsListedOnce) {
  long start = listed();
  {
    tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::address_v4::loopback(), 0));
    tcp::socket client(ctx());
    tcp::socket kept(ctx());
    EXPECT_EQ(listed(), start + 3);
    bool accepted = false;
    acceptor.async_accept([&](const std::error_code& ec, tcp::socket peer) {
      ASSERT_FALSE(ec) << ec.message();
      accepted = true;
      kept = std::move(peer);
    });
    client.async_connect(acceptor.local_endpoint(), [](const std::error_code&) {});
    ctx().run();
    ASSERT_TRUE(accepted);
    EXPECT_TRUE(kept.is_open());
    EXPECT_EQ(listed(), start + 3);
  }
  EXPECT_EQ(listed(), start);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketMoveServiceList);

}  // namespace socket_move_service_list_test
