// io_uring's multishot accept: one request serves a server's whole accept loop; connections
// that arrive between two accepts are kept for the next one; a synchronous accept on the
// listener ends the request (its connections still come first), after which each accept is a
// request of its own; and with multishot accept turned off every accept is its own request.
// The count of multishot requests armed (a testing counter) shows which path ran; the
// connections' data shows each was accepted once.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include "linux/io_uring/uring_backend.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace uring_multishot_accept_test {

using ringport::error_code;
using ringport::detail::uring_backend;
using ringport::ip::tcp;

unsigned long armed() {
  return uring_backend::multishot_accepts_armed_for_testing();
}

class UringMultishotAccept : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why = ringport::test::unavailable_reason(ringport::backend_kind::io_uring);
    if (!why.empty()) GTEST_SKIP() << "io_uring unavailable: " << why;
  }
  void TearDown() override { uring_backend::use_multishot_accept_for_testing(true); }
};

// A listener, and clients that each send one byte: their index.
struct server {
  explicit server(ringport::io_context& ctx)
      : ctx(ctx), acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)) {}

  void connect_clients(int n) {
    for (int i = 0; i < n; ++i) {
      clients.push_back(std::make_unique<tcp::socket>(ctx));
      clients.back()->connect(acceptor.local_endpoint());
      unsigned char who = static_cast<unsigned char>(clients.size() - 1);
      ringport::write(*clients.back(), ringport::buffer(&who, 1));
    }
  }

  // Which client the accepted socket belongs to (its byte).
  static int which(tcp::socket& peer) {
    unsigned char who = 0;
    error_code ec;
    ringport::read(peer, ringport::buffer(&who, 1), ec);
    return ec ? -1 : who;
  }

  // `n` async accepts, one after the other (each started by the previous one's handler);
  // returns the clients they got, in order.
  std::vector<int> accept_in_turn(int n) {
    std::vector<int> got;
    std::function<void()> next = [&] {
      acceptor.async_accept([&](error_code ec, tcp::socket peer) {
        EXPECT_FALSE(ec) << ec.message();
        got.push_back(ec ? -1 : which(peer));
        if (static_cast<int>(got.size()) < n) next();
      });
    };
    next();
    ctx.restart();
    ctx.run_for(std::chrono::seconds(10));
    return got;
  }

  ringport::io_context& ctx;
  tcp::acceptor acceptor;
  std::vector<std::unique_ptr<tcp::socket>> clients;
};

std::vector<int> indices(int from, int to) {
  std::vector<int> v;
  for (int i = from; i < to; ++i)
    v.push_back(i);
  return v;
}

TEST_F(UringMultishotAccept, OneRequestServesAnAcceptLoop) {
  ringport::io_context ctx(ringport::backend_kind::io_uring);
  server s(ctx);
  unsigned long before = armed();
  // The clients are there before the first accept: every accept after the first finds its
  // connection kept, or taken by the request already armed.
  s.connect_clients(12);
  EXPECT_EQ(s.accept_in_turn(12), indices(0, 12));
  // And clients that come while the loop waits.
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (int i = 0; i < 4; ++i) {
      tcp::socket c(ctx);
      c.connect(s.acceptor.local_endpoint());
      unsigned char who = static_cast<unsigned char>(100 + i);
      ringport::write(c, ringport::buffer(&who, 1));
      s.clients.push_back(std::make_unique<tcp::socket>(std::move(c)));
    }
  });
  std::vector<int> got = s.accept_in_turn(4);
  late.join();
  EXPECT_EQ(got, indices(100, 104));
  EXPECT_EQ(armed() - before, 1u) << "one multishot request for 16 accepts";
}

TEST_F(UringMultishotAccept, ASynchronousAcceptTakesKeptConnectionsThenAcceptsOneAtATime) {
  ringport::io_context ctx(ringport::backend_kind::io_uring);
  server s(ctx);
  unsigned long before = armed();
  s.connect_clients(1);
  EXPECT_EQ(s.accept_in_turn(1), indices(0, 1));
  EXPECT_EQ(armed() - before, 1u);
  // The request is still armed and takes these while nothing runs the context.
  s.connect_clients(3);
  // Non-blocking first, bounded: were the taken connections out of the accept's reach, a
  // blocking accept would wait for ever.
  s.acceptor.non_blocking(true);
  error_code ec;
  tcp::socket first(ctx);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  do {
    s.acceptor.accept(first, ec);
  } while (ec == ringport::error::would_block && std::chrono::steady_clock::now() < deadline);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(server::which(first), 1);
  s.acceptor.non_blocking(false);
  for (int i = 2; i < 4; ++i) {
    tcp::socket peer(ctx);
    s.acceptor.accept(peer, ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(server::which(peer), i);
  }
  // Nothing waits now: a non-blocking accept says so at once.
  s.acceptor.non_blocking(true);
  tcp::socket none = s.acceptor.accept(ec);
  EXPECT_EQ(ec, ringport::error::would_block);
  s.acceptor.non_blocking(false);
  // From now on each async accept is a request of its own.
  s.connect_clients(2);
  EXPECT_EQ(s.accept_in_turn(2), indices(4, 6));
  EXPECT_EQ(armed() - before, 1u);
}

TEST_F(UringMultishotAccept, TurnedOffEachAcceptIsARequestOfItsOwn) {
  uring_backend::use_multishot_accept_for_testing(false);
  ringport::io_context ctx(ringport::backend_kind::io_uring);
  server s(ctx);
  unsigned long before = armed();
  s.connect_clients(5);
  EXPECT_EQ(s.accept_in_turn(5), indices(0, 5));
  EXPECT_EQ(armed(), before);
}

TEST_F(UringMultishotAccept, RunByTwoThreadsEachAcceptIsARequestOfItsOwn) {
  ringport::io_context ctx(ringport::backend_kind::io_uring);
  server s(ctx);
  unsigned long before = armed();
  s.connect_clients(6);
  auto guard = ringport::make_work_guard(ctx);
  // Two handlers that wait for each other: both threads are inside run() from then on.
  std::atomic<int> arrived{0};
  for (int i = 0; i < 2; ++i)
    ringport::post(ctx, [&] {
      ++arrived;
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (arrived.load() < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    });
  std::vector<int> got;
  std::mutex got_mutex;
  std::atomic<int> count{0};
  std::function<void()> next = [&] {
    s.acceptor.async_accept([&](error_code ec, tcp::socket peer) {
      EXPECT_FALSE(ec) << ec.message();
      {
        std::lock_guard lock(got_mutex);
        got.push_back(ec ? -1 : server::which(peer));
      }
      if (++count < 6) next();
    });
  };
  std::thread t1([&] { ctx.run(); });
  std::thread t2([&] { ctx.run(); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (arrived.load() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ringport::post(ctx, next);
  while (count.load() < 6 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  guard.reset();
  ctx.stop();
  t1.join();
  t2.join();
  EXPECT_EQ(got, indices(0, 6));
  EXPECT_EQ(armed(), before) << "no multishot accept while two threads run the context";
}

TEST_F(UringMultishotAccept, ClosingTheListenerClosesTheConnectionsItKept) {
  ringport::io_context ctx(ringport::backend_kind::io_uring);
  server s(ctx);
  s.connect_clients(1);
  EXPECT_EQ(s.accept_in_turn(1), indices(0, 1));
  s.connect_clients(3);
  // Let the armed request take them (the context reaps them into the listener's keep).
  for (int i = 0; i < 20; ++i) {
    ctx.restart();
    ctx.poll();
  }
  s.acceptor.close();
  // Each client sees its connection end, whether the listener had kept it or the kernel had.
  for (int i = 1; i < 4; ++i) {
    unsigned char b = 0;
    error_code ec;
    ringport::read(*s.clients[i], ringport::buffer(&b, 1), ec);
    EXPECT_TRUE(ec == ringport::error::eof || ec == ringport::error::connection_reset)
        << "client " << i << ": " << ec.message();
  }
}

}  // namespace uring_multishot_accept_test
