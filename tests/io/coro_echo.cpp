// A coroutine echo server and a coroutine client over loopback on one context: the server
// accepts three connections, each served by its own co_spawned session (read_some, then
// async_write of what came); each client sends several messages with async_write and reads
// each echo back with async_read. Everything ends cleanly at end of stream.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/write.hpp"

#include <exception>
#include <string>
#include <system_error>
#include <vector>

namespace coro_echo_test {

using CoroEcho = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using ringport::ip::tcp;

constexpr int clients = 3;
constexpr int messages = 20;

awaitable<void> session(tcp::socket s, int& sessions_done) {
  char data[512];
  try {
    for (;;) {
      std::size_t n = co_await s.async_read_some(ringport::buffer(data), use_awaitable);
      co_await ringport::async_write(s, ringport::buffer(data, n), use_awaitable);
    }
  } catch (const std::system_error& e) {
    if (e.code() == ringport::error::eof) ++sessions_done;
  }
}

awaitable<void> server(tcp::acceptor& acceptor, int& sessions_done) {
  for (int i = 0; i < clients; ++i) {
    tcp::socket s = co_await acceptor.async_accept(use_awaitable);
    ringport::co_spawn(acceptor.get_executor(), session(std::move(s), sessions_done),
                       [](std::exception_ptr e) { EXPECT_FALSE(e); });
  }
}

awaitable<int> client(tcp::endpoint ep, int id) {
  tcp::socket s(co_await ringport::this_coro::executor);
  co_await s.async_connect(ep, use_awaitable);
  int matched = 0;
  for (int m = 0; m < messages; ++m) {
    std::string msg = "client " + std::to_string(id) + " message " + std::to_string(m);
    co_await ringport::async_write(s, ringport::buffer(msg), use_awaitable);
    std::string back(msg.size(), '\0');
    std::size_t n = co_await ringport::async_read(s, ringport::buffer(back), use_awaitable);
    if (n == msg.size() && back == msg) ++matched;
  }
  s.shutdown(tcp::socket::shutdown_send);
  co_return matched;
}

TEST_P(CoroEcho, EchoesEveryMessage) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  int sessions_done = 0;
  ringport::co_spawn(ctx(), server(acceptor, sessions_done),
                     [](std::exception_ptr e) { EXPECT_FALSE(e); });
  std::vector<int> matched(clients, -1);
  for (int i = 0; i < clients; ++i)
    ringport::co_spawn(ctx(), client(acceptor.local_endpoint(), i),
                       [&matched, i](std::exception_ptr e, int n) {
                         EXPECT_FALSE(e);
                         matched[i] = n;
                       });
  ctx().run_for(std::chrono::seconds(20));  // bounded; returns as soon as all is done
  for (int i = 0; i < clients; ++i)
    EXPECT_EQ(matched[i], messages) << "client " << i;
  EXPECT_EQ(sessions_done, clients);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroEcho);

}  // namespace coro_echo_test
