// 1,000 TCP connections through one io_context on one thread: one acceptor, 1,000 clients
// async_connect at once, the server async_accepts them all, each connection echoes its own
// 8-byte message, all 2,000 sockets are open together before any closes, and every client
// gets back exactly its own message. Then the clients shut down and both sides see eof.
// (On Linux it raises RLIMIT_NOFILE first; Windows has no such limit on sockets.)

#include "backend_test.hpp"
#if defined(__linux__)
#include "fd_limit.hpp"
#endif

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace tcp_thousand_connections_test {

using TcpThousandConnections = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr int connections = 1000;
constexpr std::size_t message_size = 8;

struct counters {
  int connected = 0;
  int accepted = 0;
  int echoed = 0;      // clients that got their own message back
  int wrong_echo = 0;  // clients that got something else
  int server_eof = 0;  // server ends that saw the client's shutdown
  int client_eof = 0;  // client ends that saw the server's close
  int errors = 0;
  int open_when_all_echoed = -1;
  std::string first_error;

  void error(const char* what, const error_code& ec) {
    if (errors++ == 0) first_error = std::string(what) + ": " + ec.message();
  }
};

struct server_end {
  explicit server_end(ringport::io_context& ctx) : socket(ctx) {}
  tcp::socket socket;
  std::array<char, message_size> buf{};
  char tail[1];
};

struct client_end {
  client_end(ringport::io_context& ctx, int index) : socket(ctx) {
    char text[message_size + 1];
    std::snprintf(text, sizeof text, "m%06dz", index);
    std::memcpy(message.data(), text, message_size);
  }
  tcp::socket socket;
  std::array<char, message_size> message{};
  std::array<char, message_size> reply{};
  char tail[1];
};

struct harness {
  ringport::io_context& ctx;
  tcp::acceptor acceptor;
  std::vector<std::unique_ptr<server_end>> servers;
  std::vector<std::unique_ptr<client_end>> clients;
  counters c;

  explicit harness(ringport::io_context& context) : ctx(context), acceptor(context) {
    tcp::endpoint ep(ringport::ip::make_address("127.0.0.1"), 0);
    acceptor.open(ep.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(ringport::socket_base::max_listen_connections);
    for (int i = 0; i < connections; ++i) {
      servers.push_back(std::make_unique<server_end>(ctx));
      clients.push_back(std::make_unique<client_end>(ctx, i));
    }
  }

  int open_sockets() const {
    int n = 0;
    for (auto& s : servers)
      n += s->socket.is_open() ? 1 : 0;
    for (auto& cl : clients)
      n += cl->socket.is_open() ? 1 : 0;
    return n;
  }

  // One accept at a time, each re-arming the next (the common server shape).
  void accept_next() {
    if (c.accepted == connections) return;
    server_end& s = *servers[c.accepted];
    acceptor.async_accept(s.socket, [this, &s](error_code ec) {
      if (ec) return c.error("accept", ec);
      ++c.accepted;
      serve(s);
      accept_next();
    });
  }

  // Reads the 8-byte message, writes it back, then waits for the client's shutdown.
  void serve(server_end& s) {
    ringport::async_read(s.socket, ringport::buffer(s.buf), [this, &s](error_code ec, std::size_t) {
      if (ec) return c.error("server read", ec);
      ringport::async_write(s.socket, ringport::buffer(s.buf),
                            [this, &s](error_code ec, std::size_t) {
                              if (ec) return c.error("server write", ec);
                              s.socket.async_read_some(
                                  ringport::buffer(s.tail), [this, &s](error_code ec, std::size_t) {
                                    if (ec != ringport::error::eof)
                                      return c.error("server wait for eof", ec);
                                    ++c.server_eof;
                                    s.socket.close();
                                  });
                            });
    });
  }

  void connect(client_end& cl, const tcp::endpoint& to) {
    cl.socket.async_connect(to, [this, &cl](error_code ec) {
      if (ec) return c.error("connect", ec);
      ++c.connected;
      ringport::async_write(cl.socket, ringport::buffer(cl.message),
                            [this, &cl](error_code ec, std::size_t) {
                              if (ec) return c.error("client write", ec);
                              ringport::async_read(cl.socket, ringport::buffer(cl.reply),
                                                   [this, &cl](error_code ec, std::size_t) {
                                                     if (ec) return c.error("client read", ec);
                                                     if (cl.reply == cl.message)
                                                       ++c.echoed;
                                                     else
                                                       ++c.wrong_echo;
                                                     if (c.echoed + c.wrong_echo == connections)
                                                       all_echoed();
                                                   });
                            });
    });
  }

  // Every connection has been echoed: all are still open; now let them end.
  void all_echoed() {
    c.open_when_all_echoed = open_sockets();
    for (auto& cl : clients) {
      client_end* p = cl.get();
      p->socket.shutdown(tcp::socket::shutdown_send);
      p->socket.async_read_some(ringport::buffer(p->tail), [this](error_code ec, std::size_t) {
        if (ec != ringport::error::eof) return c.error("client wait for eof", ec);
        ++c.client_eof;
      });
    }
  }
};

TEST_P(TcpThousandConnections, AllOpenAtOnceAndEachEchoesItsOwnMessage) {
  // Two descriptors per connection, the acceptor, the backend's own, and headroom.
#if defined(__linux__)
  ringport::test::fd_limit_guard limit(2 * connections + 256);
  ASSERT_TRUE(limit.error().empty()) << limit.error();
#endif

  harness h(ctx());
  const tcp::endpoint to = h.acceptor.local_endpoint();
  h.accept_next();
  for (auto& cl : h.clients)
    h.connect(*cl, to);

  const auto start = std::chrono::steady_clock::now();
  ctx().run_for(std::chrono::seconds(60));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(ctx().stopped()) << "run_for(60 s) ended with work left: the run hung";
  EXPECT_LT(took, std::chrono::seconds(60));

  EXPECT_EQ(h.c.errors, 0) << "first error: " << h.c.first_error;
  EXPECT_EQ(h.c.connected, connections);
  EXPECT_EQ(h.c.accepted, connections);
  EXPECT_EQ(h.c.echoed, connections);
  EXPECT_EQ(h.c.wrong_echo, 0);
  EXPECT_EQ(h.c.open_when_all_echoed, 2 * connections)
      << "every socket stays open until every connection has been echoed";
  EXPECT_EQ(h.c.server_eof, connections);
  EXPECT_EQ(h.c.client_eof, connections);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpThousandConnections);

}  // namespace tcp_thousand_connections_test
