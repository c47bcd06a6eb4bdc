// 1,000 connections at once, with run() on two threads: every client connects (ConnectEx),
// every connection is accepted (AcceptEx), and a 4-byte message goes there and back on each;
// each handler chain ends exactly once.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace win_thousand_connections_threads_test {

using WinThousandConnectionsThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr int connections = 1000;

struct session {
  explicit session(ringport::io_context& ctx) : socket(ctx) {}
  tcp::socket socket;
  char out[4] = {};
  char in[4] = {};
};

TEST_P(WinThousandConnectionsThreads, EveryConnectionEchoesOnce) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  const tcp::endpoint target = acceptor.local_endpoint();

  std::atomic<int> echoed{0}, finished{0}, failures{0};
  std::vector<std::unique_ptr<session>> servers;
  servers.reserve(connections);
  // The accept chain is serial: one accept pending at a time, re-armed by its handler.
  std::function<void()> accept_next = [&] {
    servers.push_back(std::make_unique<session>(ctx()));
    session* s = servers.back().get();
    acceptor.async_accept(s->socket, [&, s](error_code ec) {
      if (ec) {
        ++failures;
        return;
      }
      ringport::async_read(s->socket, ringport::buffer(s->in), [&, s](error_code rec, std::size_t) {
        if (rec) {
          ++failures;
          return;
        }
        ringport::async_write(s->socket, ringport::buffer(s->in), [&](error_code wec, std::size_t) {
          if (wec)
            ++failures;
          else
            ++echoed;
        });
      });
      if (static_cast<int>(servers.size()) < connections) accept_next();
    });
  };
  accept_next();

  std::vector<std::unique_ptr<session>> clients;
  for (int i = 0; i < connections; ++i) {
    clients.push_back(std::make_unique<session>(ctx()));
    session* c = clients.back().get();
    std::memcpy(c->out, &i, sizeof i);
    c->socket.async_connect(target, [&, c](error_code ec) {
      if (ec) {
        ++failures;
        return;
      }
      ringport::async_write(
          c->socket, ringport::buffer(c->out), [&, c](error_code wec, std::size_t) {
            if (wec) {
              ++failures;
              return;
            }
            ringport::async_read(c->socket, ringport::buffer(c->in),
                                 [&, c](error_code rec, std::size_t) {
                                   if (rec || std::memcmp(c->in, c->out, sizeof c->in) != 0)
                                     ++failures;
                                   else
                                     ++finished;
                                 });
          });
    });
  }

  // Bounded: a lost completion fails the counts below instead of hanging.
  std::thread second([&] { ctx().run_for(std::chrono::seconds(120)); });
  ctx().run_for(std::chrono::seconds(120));
  second.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(finished.load(), connections);
  EXPECT_EQ(echoed.load(), connections);
}

RINGPORT_INSTANTIATE_BACKENDS(WinThousandConnectionsThreads);

}  // namespace win_thousand_connections_threads_test
