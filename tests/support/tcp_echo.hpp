// The body of the TCP echo tests (tcp_echo_v4.cpp, tcp_echo_v6.cpp): an acceptor on the
// given loopback address, async_accept + async_connect, a 200,000-byte message echoed back
// with async_write_some/async_read_some loops, both sides ending with eof.
#pragma once

#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <cstddef>
#include <string>

namespace ringport::test::tcp_echo {

using ringport::error_code;
using ringport::ip::tcp;

// The server side: reads whatever arrives and writes it back, until end of file.
struct echo_server {
  explicit echo_server(ringport::io_context& ctx) : socket(ctx) {}
  void read() {
    socket.async_read_some(ringport::buffer(buf), [this](error_code ec, std::size_t n) {
      if (ec) {
        // End of file: the echo is complete; tell the client so.
        end = ec;
        socket.shutdown(tcp::socket::shutdown_send);
        return;
      }
      pending.assign(buf, n);
      write();
    });
  }
  void write() {
    socket.async_write_some(ringport::buffer(pending), [this](error_code ec, std::size_t n) {
      ASSERT_FALSE(ec) << ec.message();
      pending.erase(0, n);
      if (pending.empty())
        read();
      else
        write();
    });
  }
  tcp::socket socket;
  char buf[4096];
  std::string pending;
  error_code end;
};

// The client side: writes the whole message, shuts down its sending side, reads to eof.
struct echo_client {
  explicit echo_client(ringport::io_context& ctx) : socket(ctx) {}
  void write() {
    socket.async_write_some(ringport::buffer(message.data() + sent, message.size() - sent),
                            [this](error_code ec, std::size_t n) {
                              ASSERT_FALSE(ec) << ec.message();
                              sent += n;
                              if (sent < message.size()) return write();
                              socket.shutdown(tcp::socket::shutdown_send);
                            });
  }
  void read() {
    socket.async_read_some(ringport::buffer(buf), [this](error_code ec, std::size_t n) {
      if (ec) {
        end = ec;
        return;
      }
      received.append(buf, n);
      read();
    });
  }
  tcp::socket socket;
  std::string message;
  std::size_t sent = 0;
  char buf[1000];
  std::string received;
  error_code end;
};

inline void check_tcp_echo(ringport::io_context& ctx, const char* address) {
  tcp::acceptor acceptor(ctx, tcp::endpoint(ringport::ip::make_address(address), 0));
  echo_server server(ctx);
  echo_client client(ctx);
  for (int i = 0; i < 200000; ++i)
    client.message.push_back(static_cast<char>('a' + i % 26));

  int accepted = 0, connected = 0;
  tcp::endpoint server_sees, client_is;
  acceptor.async_accept(server.socket, [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    ++accepted;
    server_sees = server.socket.remote_endpoint();
    server.read();
  });
  client.socket.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    ++connected;
    client_is = client.socket.local_endpoint();
    EXPECT_EQ(client.socket.remote_endpoint(), acceptor.local_endpoint());
    client.write();
    client.read();
  });
  EXPECT_EQ(accepted + connected, 0) << "handlers never run inside the initiating call";
  ctx.run();
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(connected, 1);
  EXPECT_TRUE(server.end == ringport::error::eof) << server.end.message();
  EXPECT_TRUE(client.end == ringport::error::eof) << client.end.message();
  EXPECT_EQ(client.received.size(), client.message.size());
  EXPECT_TRUE(client.received == client.message);
  EXPECT_EQ(server_sees, client_is);
}

}  // namespace ringport::test::tcp_echo
