// run() on two threads, 50 TCP connections, each end of each connection on its own strand
// (make_strand(ctx)), each connection doing 20 echo rounds with async_write/async_read. The
// handlers of one strand never run at the same time (an "in handler" flag, checked and set
// on entry), every echo comes back intact, and handlers ran on both threads.
//
// Both threads are made to take part: the very first client handler holds its thread (a
// bounded wait, at most 10 s) until some handler has run on another thread. It only blocks
// its own strand, so the other thread is the one left to run everything else; if the
// scheduler never handed work to the second thread the wait times out and the test fails.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/strand.hpp"
#include "ringport/write.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tcp_strand_per_connection_threads_test {

using TcpStrandPerConnectionThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr int connections = 50;
constexpr int rounds = 20;
constexpr std::size_t message_size = 64;

struct shared_state {
  std::atomic<bool> overlapped{false};
  std::atomic<int> errors{0};
  std::atomic<int> wrong_echoes{0};
  std::atomic<int> finished_clients{0};
  std::atomic<int> finished_servers{0};
  std::atomic<int> handlers{0};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::string first_error;
  std::atomic<bool> gate_used{false};
  std::atomic<bool> gate_timed_out{false};

  void error(const char* what, const error_code& ec) {
    if (errors.fetch_add(1) == 0) {
      std::lock_guard lock(mutex);
      first_error = std::string(what) + ": " + ec.message();
    }
  }
  std::size_t thread_count() {
    std::lock_guard lock(mutex);
    return threads.size();
  }
};

// Marks one strand's handler as running; notes an overlap if another one already was.
class handler_scope {
 public:
  handler_scope(std::atomic<bool>& in_handler, shared_state& s) : in_(in_handler), s_(s) {
    if (in_.exchange(true, std::memory_order_acq_rel)) s_.overlapped = true;
    ++s_.handlers;
    {
      std::lock_guard lock(s_.mutex);
      s_.threads.insert(std::this_thread::get_id());
    }
    // A little work inside the handler widens the window an overlap would need.
    volatile int sink = 0;
    for (int i = 0; i < 500; ++i)
      sink = sink + i;
  }
  ~handler_scope() {
    if (!in_.exchange(false, std::memory_order_acq_rel)) s_.overlapped = true;
  }

 private:
  std::atomic<bool>& in_;
  shared_state& s_;
};

using strand_type = ringport::strand<ringport::io_context::executor_type>;

struct server_end {
  server_end(ringport::io_context& ctx, shared_state& s)
      : strand(ringport::make_strand(ctx)), socket(strand), state(s) {}

  void start() {
    ringport::post(strand, [this] {
      handler_scope scope(in_handler, state);
      read();
    });
  }
  void read() {
    ringport::async_read(socket, ringport::buffer(buf), [this](error_code ec, std::size_t n) {
      handler_scope scope(in_handler, state);
      if (ec == ringport::error::eof && n == 0) {
        ++state.finished_servers;
        socket.close();
        return;
      }
      if (ec) return state.error("server read", ec);
      ringport::async_write(socket, ringport::buffer(buf), [this](error_code ec, std::size_t) {
        handler_scope scope(in_handler, state);
        if (ec) return state.error("server write", ec);
        read();
      });
    });
  }

  strand_type strand;
  tcp::socket socket;
  shared_state& state;
  std::atomic<bool> in_handler{false};
  std::array<char, message_size> buf{};
};

struct client_end {
  client_end(ringport::io_context& ctx, shared_state& s, int i)
      : strand(ringport::make_strand(ctx)), socket(strand), state(s), index(i) {}

  void start(const tcp::endpoint& to) {
    ringport::post(strand, [this, to] {
      handler_scope scope(in_handler, state);
      socket.async_connect(to, [this](error_code ec) {
        handler_scope scope(in_handler, state);
        if (ec) return state.error("connect", ec);
        hold_until_second_thread();
        round();
      });
    });
  }

  // See the comment at the top of the file: only the first connected client waits.
  void hold_until_second_thread() {
    if (state.gate_used.exchange(true)) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (state.thread_count() < 2) {
      if (std::chrono::steady_clock::now() > deadline) {
        state.gate_timed_out = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void round() {
    char text[message_size + 1];
    std::snprintf(text, sizeof text, "connection %03d round %03d", index, done);
    std::memset(message.data(), '.', message_size);
    std::memcpy(message.data(), text, std::strlen(text));
    ringport::async_write(socket, ringport::buffer(message), [this](error_code ec, std::size_t) {
      handler_scope scope(in_handler, state);
      if (ec) return state.error("client write", ec);
      ringport::async_read(socket, ringport::buffer(reply), [this](error_code ec, std::size_t) {
        handler_scope scope(in_handler, state);
        if (ec) return state.error("client read", ec);
        if (reply != message) ++state.wrong_echoes;
        if (++done < rounds) return round();
        ++state.finished_clients;
        socket.shutdown(tcp::socket::shutdown_send);
        socket.close();
      });
    });
  }

  strand_type strand;
  tcp::socket socket;
  shared_state& state;
  int index;
  int done = 0;
  std::atomic<bool> in_handler{false};
  std::array<char, message_size> message{};
  std::array<char, message_size> reply{};
};

TEST_P(TcpStrandPerConnectionThreads, HandlersOfOneConnectionNeverOverlap) {
  shared_state state;
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<std::unique_ptr<server_end>> servers;
  std::vector<std::unique_ptr<client_end>> clients;
  for (int i = 0; i < connections; ++i) {
    servers.push_back(std::make_unique<server_end>(ctx(), state));
    clients.push_back(std::make_unique<client_end>(ctx(), state, i));
  }

  // Accepts run on the context; each accepted socket's work then runs on its own strand.
  int accepted = 0;
  std::function<void()> accept_next = [&] {
    if (accepted == connections) return;
    server_end& s = *servers[accepted];
    acceptor.async_accept(s.socket, [&](error_code ec) {
      if (ec) return state.error("accept", ec);
      ++accepted;
      s.start();
      accept_next();
    });
  };
  accept_next();
  const tcp::endpoint to = acceptor.local_endpoint();
  for (auto& c : clients)
    c->start(to);

  // A bound on the whole run: a hang becomes a failure, not a stuck test.
  auto guard = ringport::make_work_guard(ctx());
  std::thread runners[2];
  for (auto& r : runners)
    r = std::thread([&] { ctx().run_for(std::chrono::seconds(60)); });
  guard.reset();
  for (auto& r : runners)
    r.join();

  EXPECT_TRUE(ctx().stopped()) << "work left after 60 s";
  EXPECT_EQ(state.errors.load(), 0) << "first error: " << state.first_error;
  EXPECT_FALSE(state.overlapped.load()) << "two handlers of one strand ran at the same time";
  EXPECT_EQ(accepted, connections);
  EXPECT_EQ(state.finished_clients.load(), connections);
  EXPECT_EQ(state.finished_servers.load(), connections);
  EXPECT_EQ(state.wrong_echoes.load(), 0);
  EXPECT_FALSE(state.gate_timed_out.load()) << "no handler ever ran on the second thread";
  EXPECT_EQ(state.thread_count(), 2u) << "handlers ran on both run() threads";
  EXPECT_GT(state.handlers.load(), connections * rounds * 4);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpStrandPerConnectionThreads);

}  // namespace tcp_strand_per_connection_threads_test
