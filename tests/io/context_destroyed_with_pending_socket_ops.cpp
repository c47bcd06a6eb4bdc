// A context destroyed while socket ops are pending destroys their handlers without calling
// them. The sockets live inside the handlers (as sessions usually do), so they die during
// the context's shutdown, after the socket service has closed them.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <memory>

namespace context_destroyed_with_pending_socket_ops_test {

using ContextDestroyedWithPendingSocketOps = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

struct session {
  explicit session(ringport::io_context& ctx) : socket(ctx) {}
  tcp::socket socket;
  char buf[8];
};

TEST_P(ContextDestroyedWithPendingSocketOps, HandlersDestroyedNotCalled) {
  auto acceptor = std::make_shared<tcp::acceptor>(
      ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  auto client = std::make_shared<session>(ctx());
  auto server = std::make_shared<session>(ctx());
  client->socket.connect(acceptor->local_endpoint());
  acceptor->accept(server->socket);

  int calls = 0;
  std::weak_ptr<session> watch_server = server, watch_client = client;
  std::weak_ptr<tcp::acceptor> watch_acceptor = acceptor;
  server->socket.async_read_some(ringport::buffer(server->buf),
                                 [&calls, s = server](error_code, std::size_t) { ++calls; });
  client->socket.async_wait(tcp::socket::wait_error, [&calls, c = client](error_code) { ++calls; });
  acceptor->async_accept([&calls, a = acceptor](error_code, tcp::socket) { ++calls; });
  server.reset();
  client.reset();
  acceptor.reset();
  ctx().poll();
  EXPECT_FALSE(watch_server.expired());
  ctx_.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(watch_server.expired());
  EXPECT_TRUE(watch_client.expired());
  EXPECT_TRUE(watch_acceptor.expired());
}

RINGPORT_INSTANTIATE_BACKENDS(ContextDestroyedWithPendingSocketOps);

}  // namespace context_destroyed_with_pending_socket_ops_test
