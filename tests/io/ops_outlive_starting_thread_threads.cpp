// An operation does not depend on the life of the thread that started it. A read, a write
// larger than the socket buffers, an accept, a connect, a timer wait, a resolve and a signal
// wait started on a thread that exits before they can complete end with their real results
// once the main thread makes them completable; so do the operations of ping-pong connections
// when stop()/restart() moves run() to new threads again and again, and operations started
// by a thread_pool that is destroyed while they are pending.
#include "backend_test.hpp"
#include "portable_socket.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/signal_set.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/thread_pool.hpp"
#include "ringport/write.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ops_outlive_starting_thread_test {

using OpsOutliveStartingThreadThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
using namespace std::chrono_literals;

tcp::endpoint loopback_any() {
  return tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

// A connected pair made with synchronous calls, so no operation of the context is involved.
void connect_pair(ringport::io_context& ctx, tcp::socket& client, tcp::socket& server) {
  tcp::acceptor listener(ctx, loopback_any());
  client.connect(listener.local_endpoint());
  listener.accept(server);
}

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

auto record(outcome& o) {
  return [&o](error_code ec, std::size_t n = 0) {
    ++o.calls;
    o.ec = ec;
    o.bytes = n;
  };
}

void expect_success_once(const outcome& o, const char* what) {
  EXPECT_EQ(o.calls, 1) << what;
  EXPECT_FALSE(o.ec) << what << ": " << o.ec.message();
}

std::vector<unsigned char> pattern(std::size_t size) {
  std::vector<unsigned char> v(size);
  for (std::size_t i = 0; i < size; ++i)
    v[i] = static_cast<unsigned char>((i * 131 + i / 4096) & 0xff);
  return v;
}

// The objects each operation works on, made on the main thread; `start` begins every
// operation (called on the short-lived thread), `complete` makes each one completable and
// runs the context, `check` asserts the real results.
class operation_set {
 public:
  static constexpr std::size_t big = 8 * 1024 * 1024;

  explicit operation_set(ringport::io_context& ctx)
      : ctx_(ctx),
        read_client_(ctx),
        read_server_(ctx),
        write_client_(ctx),
        write_server_(ctx),
        accept_target_(ctx, loopback_any()),
        accepted_(ctx),
        full_(ctx),
        queued_(ctx),
        connecting_(ctx),
        timer_(ctx),
        resolver_(ctx),
        signals_(ctx, SIGINT),
        data_(pattern(big)),
        sink_(big) {
    connect_pair(ctx, read_client_, read_server_);
    connect_pair(ctx, write_client_, write_server_);
    // A listener whose accept queue is full (backlog 0 holds one connection): a connect to it
    // stays pending until the queued connection is accepted and the SYN is sent again.
    full_.open(tcp::v4());
    full_.bind(loopback_any());
    full_.listen(0);
    queued_.connect(full_.local_endpoint());
  }

  void start() {
    read_server_.async_read_some(ringport::buffer(read_buf_), record(read_));
    ringport::async_write(write_server_, ringport::buffer(data_), record(write_));
    accept_target_.async_accept(accepted_, record(accept_));
    connecting_.async_connect(full_.local_endpoint(), record(connect_));
    timer_.expires_after(300ms);
    timer_.async_wait(record(timer_wait_));
    resolver_.async_resolve("127.0.0.1", "80",
                            [this](error_code ec, tcp::resolver::results_type results) {
                              ++resolve_.calls;
                              resolve_.ec = ec;
                              resolved_ = results;
                            });
    signals_.async_wait([this](error_code ec, int signal_number) {
      ++signal_.calls;
      signal_.ec = ec;
      signal_number_ = signal_number;
    });
  }

  void complete() {
    ringport::write(read_client_, ringport::buffer("hello", 5));
    ringport::async_read(write_client_, ringport::buffer(sink_), record(drain_));
    tcp::socket peer(ctx_);
    peer.connect(accept_target_.local_endpoint());
    peer_endpoint_ = peer.local_endpoint();
    // Frees the full queue: the pending connect's next SYN gets in (about a second on Linux).
    tcp::socket first = full_.accept();
    ASSERT_EQ(std::raise(SIGINT), 0);
    ctx_.restart();
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!all_done() && std::chrono::steady_clock::now() < deadline) {
      ctx_.run_for(100ms);
      ctx_.restart();
    }
  }

  void check() {
    expect_success_once(read_, "read");
    EXPECT_EQ(read_.bytes, 5u);
    EXPECT_EQ(std::memcmp(read_buf_.data(), "hello", 5), 0);

    expect_success_once(write_, "write larger than the socket buffers");
    EXPECT_EQ(write_.bytes, big);
    expect_success_once(drain_, "peer's read of the write");
    EXPECT_EQ(drain_.bytes, big);
    EXPECT_TRUE(sink_ == data_) << "the written bytes arrived changed";

    expect_success_once(accept_, "accept");
    EXPECT_TRUE(accepted_.is_open());
    if (accepted_.is_open()) EXPECT_EQ(accepted_.remote_endpoint(), peer_endpoint_);

    expect_success_once(connect_, "connect");
    error_code ec;
    EXPECT_EQ(connecting_.remote_endpoint(ec), full_.local_endpoint()) << ec.message();

    expect_success_once(timer_wait_, "timer wait");

    expect_success_once(resolve_, "resolve");
    EXPECT_EQ(resolved_.size(), 1u);
    if (!resolved_.empty())
      EXPECT_EQ(resolved_.begin()->endpoint(),
                tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 80));

    expect_success_once(signal_, "signal wait");
    EXPECT_EQ(signal_number_, SIGINT);
  }

 private:
  bool all_done() const {
    for (const outcome* o :
         {&read_, &write_, &drain_, &accept_, &connect_, &timer_wait_, &resolve_, &signal_})
      if (o->calls == 0) return false;
    return true;
  }

  ringport::io_context& ctx_;
  tcp::socket read_client_, read_server_;
  tcp::socket write_client_, write_server_;
  tcp::acceptor accept_target_;
  tcp::socket accepted_;
  tcp::acceptor full_;
  tcp::socket queued_;
  tcp::socket connecting_;
  ringport::steady_timer timer_;
  tcp::resolver resolver_;
  ringport::signal_set signals_;
  std::vector<unsigned char> data_, sink_;
  std::array<char, 64> read_buf_{};
  tcp::resolver::results_type resolved_;
  tcp::endpoint peer_endpoint_;
  int signal_number_ = 0;
  outcome read_, write_, drain_, accept_, connect_, timer_wait_, resolve_, signal_;
};

TEST_P(OpsOutliveStartingThreadThreads, StartedOnAThreadThatExitsAtOnce) {
  operation_set ops(ctx());
  std::thread starter([&] { ops.start(); });
  starter.join();
  ops.complete();
  ops.check();
}

TEST_P(OpsOutliveStartingThreadThreads, StartedOnAThreadThatRanTheContextThenExited) {
  operation_set ops(ctx());
  std::thread starter([&] {
    ops.start();
    ctx().run_for(100ms);
  });
  starter.join();
  ops.complete();
  ops.check();
}

TEST_P(OpsOutliveStartingThreadThreads, StartedByAThreadPoolDestroyedBeforeTheyComplete) {
  operation_set ops(ctx());
  {
    ringport::thread_pool pool(2);
    ringport::post(pool, [&] { ops.start(); });
    pool.join();
  }
  ops.complete();
  ops.check();
}

// Ping-pong connections whose handlers run on two threads; every stop() ends both threads
// and restart() runs the context on two new ones, while reads and writes started by the old
// threads are still pending.
class ping_pong {
 public:
  static constexpr int pairs = 16;
  static constexpr int rounds_per_cycle = 10;  // per pair, between two stops
  static constexpr int cycles = 50;

  explicit ping_pong(ringport::io_context& ctx) : ctx_(ctx) {
    for (int i = 0; i < pairs; ++i) {
      auto p = std::make_unique<pair>(ctx);
      connect_pair(ctx, p->client, p->server);
      pairs_.push_back(std::move(p));
    }
  }

  void start() {
    for (auto& p : pairs_) {
      serve(*p);
      ping(*p);
    }
  }

  // Runs the context on two threads until stop() ends this cycle; returns false when the
  // deadline passed first (the watchdog stopped the context).
  bool run_cycle(std::chrono::steady_clock::time_point deadline) {
    std::atomic<bool> finished{false};
    std::mutex m;
    std::condition_variable cv;
    bool timed_out = false;
    std::thread watchdog([&] {
      std::unique_lock lock(m);
      if (!cv.wait_until(lock, deadline, [&] { return finished.load(); })) {
        timed_out = true;
        ctx_.stop();
      }
    });
    std::thread a([this] { ctx_.run(); });
    std::thread b([this] { ctx_.run(); });
    a.join();
    b.join();
    {
      std::lock_guard lock(m);
      finished = true;
    }
    cv.notify_one();
    watchdog.join();
    return !timed_out;
  }

  void set_cycle_target(long target) { target_.store(target); }
  long completed() const { return completed_.load(); }
  int errors() const { return errors_.load(); }
  std::string first_error() const {
    std::lock_guard lock(error_mutex_);
    return first_error_;
  }

 private:
  struct pair {
    explicit pair(ringport::io_context& ctx) : client(ctx), server(ctx) {}
    tcp::socket client, server;
    std::array<std::uint32_t, 1> out{}, back{}, echo{};
    std::uint32_t round = 0;
  };

  void fail(const char* where, error_code ec) {
    if (errors_.fetch_add(1) == 0) {
      std::lock_guard lock(error_mutex_);
      first_error_ = std::string(where) + ": " + ec.message();
    }
  }

  void ping(pair& p) {
    p.out[0] = p.round;
    ringport::async_write(
        p.client, ringport::buffer(p.out), [this, &p](error_code ec, std::size_t) {
          if (ec) return fail("client write", ec);
          ringport::async_read(
              p.client, ringport::buffer(p.back), [this, &p](error_code ec, std::size_t) {
                if (ec) return fail("client read", ec);
                if (p.back[0] != p.round) return fail("echo mismatch", error_code());
                ++p.round;
                long done = completed_.fetch_add(1) + 1;
                if (done == target_.load()) ctx_.stop();
                if (p.round < static_cast<std::uint32_t>(rounds_per_cycle * cycles))
                  ping(p);
                else
                  p.client.shutdown(tcp::socket::shutdown_send);
              });
        });
  }

  void serve(pair& p) {
    ringport::async_read(p.server, ringport::buffer(p.echo),
                         [this, &p](error_code ec, std::size_t) {
                           if (ec == ringport::error::eof) return;  // the client finished
                           if (ec) return fail("server read", ec);
                           ringport::async_write(p.server, ringport::buffer(p.echo),
                                                 [this, &p](error_code ec, std::size_t) {
                                                   if (ec) return fail("server write", ec);
                                                   serve(p);
                                                 });
                         });
  }

  ringport::io_context& ctx_;
  std::vector<std::unique_ptr<pair>> pairs_;
  std::atomic<long> completed_{0};
  std::atomic<long> target_{0};
  std::atomic<int> errors_{0};
  mutable std::mutex error_mutex_;
  std::string first_error_;
};

TEST_P(OpsOutliveStartingThreadThreads, StopRestartMovesRunToNewThreadsLosingNothing) {
  ping_pong game(ctx());
  game.start();
  auto deadline = std::chrono::steady_clock::now() + 60s;
  constexpr long per_cycle = long{ping_pong::pairs} * ping_pong::rounds_per_cycle;
  for (int cycle = 1; cycle <= ping_pong::cycles; ++cycle) {
    // The last cycle runs until no work is left: every pair finished and shut down.
    game.set_cycle_target(cycle < ping_pong::cycles ? cycle * per_cycle : -1);
    ASSERT_TRUE(game.run_cycle(deadline))
        << "cycle " << cycle << " stalled after " << game.completed()
        << " round trips; errors: " << game.errors() << " (first: " << game.first_error() << ")";
    ASSERT_EQ(game.errors(), 0) << "cycle " << cycle << ": " << game.first_error();
    ctx().restart();
  }
  EXPECT_EQ(game.completed(), per_cycle * ping_pong::cycles);
}

RINGPORT_INSTANTIATE_BACKENDS(OpsOutliveStartingThreadThreads);

}  // namespace ops_outlive_starting_thread_test
