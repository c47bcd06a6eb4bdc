// The io_uring backend's injected transfer faults on a stream: requests cut short
// (short_transfer), interrupted before they moved anything (interrupted: the kernel's -EINTR),
// made non-blocking (would_block: the kernel's -EAGAIN). With each armed alone, 256 KiB
// cross a loopback TCP connection each way through async_write and async_read (one buffer
// one way, two scattered buffers the other): every byte arrives in order, every handler runs
// once without error (a user never sees EINTR or EAGAIN from an async op, as in Asio), and
// the context ends with no op left. A datagram socket is never faulted this way.

#include "tcp_pair.hpp"
#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace uring_fault_stream_transfers_test {

using UringFaultStreamTransfers = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
namespace fault = ringport::detail::fault;

constexpr std::size_t size = 256 * 1024;

std::vector<char> pattern(std::size_t n, unsigned salt) {
  std::vector<char> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = static_cast<char>((i * 131 + salt) % 251);
  return v;
}

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

// Both directions at once, with `p` armed; returns after the context ran out of work
// (bounded) with the number of faults of `k` injected.
std::uint64_t exchange(ringport::io_context& ctx, const fault::plan& p, kind k) {
  ringport::test::tcp_pair pair(ctx);
  // Armed once connected: the synchronous connect has faults of its own.
  fault::scoped_plan plan(p);
  const std::vector<char> up = pattern(size, 1), down = pattern(size, 7);
  std::vector<char> got_up(size), got_down(size);
  outcome w_up, w_down, r_up, r_down;
  auto record = [](outcome& o) {
    return [&o](error_code ec, std::size_t n) {
      ++o.calls;
      o.ec = ec;
      o.bytes = n;
    };
  };
  ringport::async_write(pair.client, ringport::buffer(up), record(w_up));
  ringport::async_write(pair.server, ringport::buffer(down), record(w_down));
  ringport::async_read(pair.server, ringport::buffer(got_up), record(r_up));
  // Two buffers: the receive scatters (recvmsg), and a cut may fall in either.
  std::array<ringport::mutable_buffer, 2> halves{
      ringport::buffer(got_down.data(), size / 3),
      ringport::buffer(got_down.data() + size / 3, size - size / 3)};
  ringport::async_read(pair.client, halves, record(r_down));
  ctx.run_for(std::chrono::seconds(30));
  EXPECT_TRUE(ctx.stopped()) << "ops still pending after 30 s";
  for (const outcome* o : {&w_up, &w_down, &r_up, &r_down}) {
    EXPECT_EQ(o->calls, 1);
    EXPECT_FALSE(o->ec) << o->ec.message();
    EXPECT_EQ(o->bytes, size);
  }
  EXPECT_TRUE(got_up == up) << "client to server: bytes lost, duplicated or out of order";
  EXPECT_TRUE(got_down == down) << "server to client: bytes lost, duplicated or out of order";
  return fault::injected(k);
}

// Request and reply, 200 times, with `p` armed: each receive is started before its data is
// sent, so a receive made non-blocking finds nothing and the kernel answers -EAGAIN. Returns
// the number of faults of `k` injected.
std::uint64_t ping_pong(ringport::io_context& ctx, const fault::plan& p, kind k) {
  constexpr int rounds = 200;
  ringport::test::tcp_pair pair(ctx);
  // Cut into pieces, a small message would otherwise wait for delayed acknowledgements.
  pair.client.set_option(ringport::ip::tcp::no_delay(true));
  pair.server.set_option(ringport::ip::tcp::no_delay(true));
  fault::scoped_plan plan(p);
  char request[16], reply[16];
  int round = 0, handlers = 0;
  error_code first_error;
  auto text = [](int r, char side) {
    char t[16];
    std::snprintf(t, sizeof t, "%c round %09d", side, r);
    return std::string(t, sizeof t);
  };
  auto check = [&](error_code ec, std::size_t n) {
    ++handlers;
    if (ec && !first_error) first_error = ec;
    return !ec && n == sizeof request;
  };
  std::function<void()> serve = [&] {
    ringport::async_read(pair.server, ringport::buffer(request), [&](error_code ec, std::size_t n) {
      if (!check(ec, n)) return;
      EXPECT_EQ(std::string(request, sizeof request), text(round, 'q'));
      auto answer = std::make_shared<std::string>(text(round, 'a'));
      ringport::async_write(pair.server, ringport::buffer(*answer),
                            [&, answer](error_code ec2, std::size_t n2) { check(ec2, n2); });
      serve();
    });
  };
  std::function<void()> ask = [&] {
    auto question = std::make_shared<std::string>(text(round, 'q'));
    ringport::async_write(pair.client, ringport::buffer(*question),
                          [&, question](error_code ec, std::size_t n) { check(ec, n); });
    ringport::async_read(pair.client, ringport::buffer(reply), [&](error_code ec, std::size_t n) {
      if (!check(ec, n)) return;
      EXPECT_EQ(std::string(reply, sizeof reply), text(round, 'a'));
      if (++round < rounds)
        ask();
      else
        pair.server.cancel();  // ends the server's last receive
    });
  };
  serve();
  ask();
  ctx.run_for(std::chrono::seconds(30));
  EXPECT_TRUE(ctx.stopped()) << "ops still pending after 30 s";
  EXPECT_EQ(round, rounds) << "stopped by " << first_error.message();
  // Per round: two writes and two reads; the server's last receive ends aborted.
  EXPECT_EQ(handlers, 4 * rounds + 1);
  return fault::injected(k);
}

TEST_F(UringFaultStreamTransfers, ShortTransfersDeliverEveryByteInOrder) {
  const fault::plan p = fault::only(kind::short_transfer, 700);
  EXPECT_GT(exchange(ctx(), p, kind::short_transfer), 0u);
  ctx().restart();
  EXPECT_GT(ping_pong(ctx(), p, kind::short_transfer), 0u);
}

TEST_F(UringFaultStreamTransfers, InterruptedTransfersAreRetriedNotReported) {
  const fault::plan p = fault::only(kind::interrupted, 500);
  EXPECT_GT(exchange(ctx(), p, kind::interrupted), 0u);
  ctx().restart();
  EXPECT_GT(ping_pong(ctx(), p, kind::interrupted), 0u);
}

TEST_F(UringFaultStreamTransfers, WouldBlockTransfersWaitAndRetry) {
  const fault::plan p = fault::only(kind::would_block, 500);
  EXPECT_GT(exchange(ctx(), p, kind::would_block), 0u);
  ctx().restart();
  EXPECT_GT(ping_pong(ctx(), p, kind::would_block), 0u);
}

// Datagrams move whole: none of the stream faults applies to them.
TEST_F(UringFaultStreamTransfers, DatagramsAreNeverCutOrInterrupted) {
  fault::plan p;
  for (kind k : {kind::short_transfer, kind::interrupted, kind::would_block, kind::reset})
    p.per_mille[static_cast<unsigned>(k)] = 1000;
  fault::scoped_plan plan(p);
  using ringport::ip::udp;
  const udp::endpoint loopback(ringport::ip::make_address("127.0.0.1"), 0);
  udp::socket a(ctx(), loopback), b(ctx(), loopback);
  const std::string message(1000, 'd');
  std::string got(2000, '\0');
  outcome sent, received;
  b.async_receive(ringport::buffer(got), [&](error_code ec, std::size_t n) {
    ++received.calls;
    received.ec = ec;
    received.bytes = n;
  });
  a.async_send_to(ringport::buffer(message), b.local_endpoint(), [&](error_code ec, std::size_t n) {
    ++sent.calls;
    sent.ec = ec;
    sent.bytes = n;
  });
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(sent.calls, 1);
  EXPECT_EQ(received.calls, 1);
  EXPECT_FALSE(sent.ec) << sent.ec.message();
  EXPECT_FALSE(received.ec) << received.ec.message();
  EXPECT_EQ(sent.bytes, message.size());
  EXPECT_EQ(received.bytes, message.size());
  for (kind k : {kind::short_transfer, kind::interrupted, kind::would_block, kind::reset})
    EXPECT_EQ(fault::injected(k), 0u) << fault::name(k);
}

}  // namespace uring_fault_stream_transfers_test
