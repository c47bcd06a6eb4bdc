// A steady-state echo over a loopback TCP connection allocates nothing per operation, on
// every backend (io_uring, epoll; IOCP under Wine): the client writes a 32-byte message and reads
// it back, the server reads and writes it back, every handler re-arming the next operation. After
// 100 warm-up round trips, 1,000 more are counted. Three forms: async_write_some/async_read_some;
// the composed async_write/async_read; and each of those with a cancellation slot bound to every op
// (one signal per chain, reused for each op).

#include "backend_test.hpp"
#include "counting_new.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <array>
#include <chrono>
#include <cstring>

namespace socket_echo_allocations_test {

using SocketEchoAllocations = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr int warmup = 100;
constexpr int counted_rounds = 1000;
constexpr std::size_t message_size = 32;

enum class form { some, composed, some_with_slot, composed_with_slot };

constexpr bool with_slot(form f) {
  return f == form::some_with_slot || f == form::composed_with_slot;
}
constexpr bool composed(form f) {
  return f == form::composed || f == form::composed_with_slot;
}

template <form how>
struct echo {
  explicit echo(ringport::io_context& ctx)
      : acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)),
        client(ctx),
        server(ctx) {
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
    client.set_option(tcp::no_delay(true));
    server.set_option(tcp::no_delay(true));
    std::memcpy(message.data(), "0123456789abcdef0123456789ABCDEF", message_size);
  }

  // Wraps a handler as the form asks: with a slot from `signal`, or as it is.
  template <typename Handler>
  auto wrap(ringport::cancellation_signal& signal, Handler h) {
    if constexpr (with_slot(how))
      return ringport::bind_cancellation_slot(signal.slot(), std::move(h));
    else
      return h;
  }

  // Server: read what arrives, write it back, read again; ends at eof.
  void server_read() {
    auto h = wrap(server_read_sig, [e = this](error_code ec, std::size_t n) {
      if (ec) {
        e->server_end = ec;
        return;
      }
      e->echo_len = n;
      e->server_write();
    });
    if constexpr (composed(how))
      ringport::async_read(server, ringport::buffer(echo_buf), std::move(h));
    else
      server.async_read_some(ringport::buffer(echo_buf), std::move(h));
  }
  void server_write() {
    auto h = wrap(server_write_sig, [e = this](error_code ec, std::size_t n) {
      if (ec || n != e->echo_len) return e->fail("server write", ec);
      e->server_read();
    });
    if constexpr (composed(how))
      ringport::async_write(server, ringport::buffer(echo_buf.data(), echo_len), std::move(h));
    else
      server.async_write_some(ringport::buffer(echo_buf.data(), echo_len), std::move(h));
  }

  // Client: one round = write the message, read until all of it is back.
  void client_round() {
    if (round == warmup) {
      mark = ringport::test::allocations();
      warmup_allocations = mark - start;
    }
    if (round == warmup + counted_rounds) {
      counted = ringport::test::allocations() - mark;
      client.shutdown(tcp::socket::shutdown_send);  // the server sees eof and stops
      return;
    }
    ++round;
    received = 0;
    auto h = wrap(client_write_sig, [e = this](error_code ec, std::size_t n) {
      if (ec || n != message_size) return e->fail("client write", ec);
      e->client_read();
    });
    if constexpr (composed(how))
      ringport::async_write(client, ringport::buffer(message), std::move(h));
    else
      client.async_write_some(ringport::buffer(message), std::move(h));
  }
  void client_read() {
    auto h = wrap(client_read_sig, [e = this](error_code ec, std::size_t n) {
      if (ec) return e->fail("client read", ec);
      e->received += n;
      if (e->received < message_size) return e->client_read();
      if (e->reply != e->message) return e->fail("client read: wrong echo", ec);
      e->client_round();
    });
    if constexpr (composed(how))
      ringport::async_read(client, ringport::buffer(reply), std::move(h));
    else
      client.async_read_some(ringport::buffer(reply.data() + received, message_size - received),
                             std::move(h));
  }

  void fail(const char* what, const error_code& ec) {
    ADD_FAILURE() << what << ": " << ec.message() << " (round " << round << ")";
  }

  tcp::acceptor acceptor;
  tcp::socket client, server;
  ringport::cancellation_signal server_read_sig, server_write_sig, client_write_sig,
      client_read_sig;
  std::array<char, message_size> message{};
  std::array<char, message_size> reply{};
  std::array<char, message_size> echo_buf{};
  std::size_t echo_len = 0;
  std::size_t received = 0;
  int round = 0;
  std::size_t start = ringport::test::allocations();
  std::size_t warmup_allocations = 0;
  std::size_t mark = 0;
  std::size_t counted = 1234567;
  error_code server_end;
};

template <form how>
void run_echo(ringport::io_context& ctx) {
  echo<how> e(ctx);
  e.server_read();
  e.client_round();
  ctx.run_for(std::chrono::seconds(60));
  EXPECT_TRUE(ctx.stopped()) << "the echo did not finish within 60 s";
  EXPECT_EQ(e.round, warmup + counted_rounds);
  EXPECT_TRUE(e.server_end == ringport::error::eof) << e.server_end.message();
  // Guards the guard: the first operations do allocate (op blocks, the cancel token).
  EXPECT_GT(e.warmup_allocations, 0u) << "operator new is not being counted";
  EXPECT_EQ(e.counted, 0u) << "heap allocations over " << counted_rounds
                           << " steady-state round trips";
}

TEST_P(SocketEchoAllocations, ZeroAllocationsPerReadSomeWriteSome) {
  run_echo<form::some>(ctx());
}

TEST_P(SocketEchoAllocations, ZeroAllocationsPerComposedReadWrite) {
  run_echo<form::composed>(ctx());
}

TEST_P(SocketEchoAllocations, ZeroAllocationsWithCancellationSlots) {
  run_echo<form::some_with_slot>(ctx());
}

TEST_P(SocketEchoAllocations, ZeroAllocationsPerComposedReadWriteWithCancellationSlots) {
  run_echo<form::composed_with_slot>(ctx());
}

RINGPORT_INSTANTIATE_BACKENDS(SocketEchoAllocations);

}  // namespace socket_echo_allocations_test
