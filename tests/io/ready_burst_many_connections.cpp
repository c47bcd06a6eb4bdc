// Many connections become readable at once, more than a backend hands out in one go. Every
// pending read ends exactly once: with its data, or with operation_aborted when a handler
// that ran first closed its socket. The closing handler runs while the other connections'
// readiness is already known to the backend and not yet acted on, so a backend that kept a
// closed socket's state past its close would be caught here (and by the sanitizer builds).

#include "backend_test.hpp"

#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/strand.hpp"
#include "ringport/write.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

namespace ready_burst_many_connections_test {

using ReadyBurstManyConnections = ringport::test::backend_test;
using ringport::error_code;
using ringport::io_context;
using ringport::ip::tcp;

constexpr int connections = 150;

struct connection {
  explicit connection(io_context& ctx) : client(ctx), server(ctx) {}
  tcp::socket client;
  tcp::socket server;
  std::array<char, 8> data{};
  int handler_calls = 0;
  error_code result;
  std::size_t bytes = 0;
};

// Connects `count` client sockets to accepted server sockets, all on `ctx`.
std::vector<std::unique_ptr<connection>> connect_all(io_context& ctx, int count) {
  tcp::acceptor acceptor(ctx, tcp::endpoint(ringport::ip::address_v4::loopback(), 0));
  std::vector<std::unique_ptr<connection>> all;
  for (int i = 0; i < count; ++i) {
    auto c = std::make_unique<connection>(ctx);
    c->client.connect(acceptor.local_endpoint());
    acceptor.accept(c->server);
    all.push_back(std::move(c));
  }
  return all;
}

// Runs `ctx` until every connection's handler ran, for at most 10 s.
bool run_until_all_ended(io_context& ctx, const std::vector<std::unique_ptr<connection>>& all) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto all_ended = [&] {
    for (auto& c : all)
      if (c->handler_calls == 0) return false;
    return true;
  };
  while (!all_ended()) {
    ctx.restart();
    if (ctx.run_one_until(deadline) == 0) return all_ended();
  }
  return true;
}

void write_one_byte_each(std::vector<std::unique_ptr<connection>>& all) {
  for (int i = 0; i < static_cast<int>(all.size()); ++i) {
    char byte = static_cast<char>('a' + i % 26);
    ringport::write(all[i]->client, ringport::buffer(&byte, 1));
  }
}

TEST_P(ReadyBurstManyConnections, EveryReadEndsOnceWithItsData) {
  auto all = connect_all(ctx(), connections);
  for (auto& c : all) {
    connection* self = c.get();
    self->server.async_read_some(ringport::buffer(self->data),
                                 [self](const error_code& ec, std::size_t n) {
                                   ++self->handler_calls;
                                   self->result = ec;
                                   self->bytes = n;
                                 });
  }
  write_one_byte_each(all);
  ASSERT_TRUE(run_until_all_ended(ctx(), all));
  ctx().restart();
  ctx().poll();
  for (int i = 0; i < connections; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(all[i]->handler_calls, 1);
    EXPECT_FALSE(all[i]->result) << all[i]->result.message();
    ASSERT_EQ(all[i]->bytes, 1u);
    EXPECT_EQ(all[i]->data[0], static_cast<char>('a' + i % 26));
  }
}

// A read's handler: records the result; the first to run closes every socket whose read has
// not ended yet.
struct record_and_close_the_others {
  connection* self;
  int index;
  int* first;
  std::vector<std::unique_ptr<connection>>* all;

  void operator()(const error_code& ec, std::size_t n) const {
    ++self->handler_calls;
    self->result = ec;
    self->bytes = n;
    if (*first >= 0) return;
    *first = index;
    for (auto& other : *all)
      if (other.get() != self && other->handler_calls == 0) other->server.close();
  }
};

// Each read ended once: the first with its byte, every other with its byte (finished before
// the close) or with operation_aborted.
void expect_each_ended_once(const std::vector<std::unique_ptr<connection>>& all, int first) {
  ASSERT_GE(first, 0);
  EXPECT_FALSE(all[first]->result);
  EXPECT_EQ(all[first]->bytes, 1u);
  for (int i = 0; i < static_cast<int>(all.size()); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(all[i]->handler_calls, 1);
    if (all[i]->result == ringport::error::operation_aborted) {
      EXPECT_EQ(all[i]->bytes, 0u);
    } else {
      EXPECT_FALSE(all[i]->result) << all[i]->result.message();
      EXPECT_EQ(all[i]->bytes, 1u);
      EXPECT_EQ(all[i]->data[0], static_cast<char>('a' + i % 26));
    }
  }
}

TEST_P(ReadyBurstManyConnections, FirstHandlerClosesTheOthers) {
  auto all = connect_all(ctx(), connections);
  int first = -1;
  for (int i = 0; i < connections; ++i)
    all[i]->server.async_read_some(ringport::buffer(all[i]->data),
                                   record_and_close_the_others{all[i].get(), i, &first, &all});
  write_one_byte_each(all);
  ASSERT_TRUE(run_until_all_ended(ctx(), all));
  ctx().restart();
  ctx().poll();
  expect_each_ended_once(all, first);
}

// The same with two threads running the context: the backend reads and hands out readiness on
// one thread while the handlers (one strand, so the closes and the counts are serialized) may
// run on the other.
TEST_P(ReadyBurstManyConnections, FirstHandlerClosesTheOthersWithTwoThreads) {
  auto all = connect_all(ctx(), connections);
  auto strand = ringport::make_strand(ctx());
  int first = -1;
  for (int i = 0; i < connections; ++i)
    all[i]->server.async_read_some(
        ringport::buffer(all[i]->data),
        ringport::bind_executor(strand,
                                record_and_close_the_others{all[i].get(), i, &first, &all}));
  write_one_byte_each(all);
  // run() returns once every read has ended: nothing else keeps the context busy.
  std::thread second([this] { ctx().run(); });
  ctx().run();
  second.join();
  expect_each_ended_once(all, first);
}

// A single poll() runs a read that was ready when it was called, even when the backend learns
// of it behind many connections that are readable with no operation waiting on them. (On
// epoll every socket is reported from its registration on, in the order it was registered:
// the last connection comes after the others in the batch.)
TEST_P(ReadyBurstManyConnections, PollRunsAReadyReadBehindIdleReadableConnections) {
  auto all = connect_all(ctx(), 60);
  connection* last = all.back().get();
  last->server.async_read_some(ringport::buffer(last->data),
                               [last](const error_code& ec, std::size_t n) {
                                 ++last->handler_calls;
                                 last->result = ec;
                                 last->bytes = n;
                               });
  char byte = 'y';
  ringport::write(last->client, ringport::buffer(&byte, 1));
  // Readable, with nothing to take the data: readiness that finishes no operation.
  for (int i = 0; i + 1 < static_cast<int>(all.size()); ++i) {
    byte = 'x';
    ringport::write(all[i]->client, ringport::buffer(&byte, 1));
  }
  // The bytes written after the last connection's have arrived, so its byte has too.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (int i = 0; i + 1 < static_cast<int>(all.size()); ++i)
    while (all[i]->server.available() == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ctx().restart();
  ctx().poll();
  EXPECT_EQ(last->handler_calls, 1);
  EXPECT_FALSE(last->result) << last->result.message();
  EXPECT_EQ(last->bytes, 1u);
  EXPECT_EQ(last->data[0], 'y');
}

RINGPORT_INSTANTIATE_BACKENDS(ReadyBurstManyConnections);

}  // namespace ready_burst_many_connections_test
