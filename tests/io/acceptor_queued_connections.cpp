// Connections waiting for an accept are each accepted exactly once, with their peer's endpoint,
// by whichever accept comes next: async, blocking (also one already waiting in another thread),
// non-blocking, after async_wait, after a cancel, or one started by a thread that has exited.
// Closing the acceptor or destroying the context with connections waiting ends them for the
// clients and leaves no descriptor open.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#if defined(__linux__)
#include <dirent.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace acceptor_queued_connections_test {

using AcceptorQueuedConnections = ringport::test::backend_test;
using ringport::error_code;
using ringport::io_context;
using ringport::ip::tcp;

// Runs `ctx` until `done()` or for at most `limit`; says whether `done()` holds.
template <typename Done>
bool run_until(io_context& ctx, Done done, std::chrono::seconds limit = std::chrono::seconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    ctx.restart();
    if (ctx.run_one_until(deadline) == 0) return done();
  }
  return true;
}

// Runs the handlers that are ready, a few times over (the context may have run out of work).
void poll_a_few_times(io_context& ctx) {
  for (int i = 0; i < 3; ++i) {
    ctx.restart();
    ctx.poll();
  }
}

// Ends the process with a message if the blocking call in its scope has not returned within
// 20 s, so a connection the library lost fails the run instead of hanging it.
class hang_guard {
 public:
  explicit hang_guard(const char* what)
      : watcher_([this, what] {
          if (returned_.get_future().wait_for(std::chrono::seconds(20)) !=
              std::future_status::ready) {
            std::fprintf(stderr, "blocked for 20 s in %s\n", what);
            std::abort();
          }
        }) {}
  ~hang_guard() {
    returned_.set_value();
    watcher_.join();
  }

 private:
  std::promise<void> returned_;
  std::thread watcher_;
};

// A handler's calls and last error.
struct completion {
  int calls = 0;
  error_code ec;
  auto handler() {
    return [this](error_code e, auto&&...) {
      ++calls;
      ec = e;
    };
  }
  bool done() const { return calls > 0; }
};

// Reads one byte from `s`, bounded; the state is shared with the handler so that nothing
// dangles if the read never completes.
struct read_outcome : completion {
  unsigned char byte = 0;
};
read_outcome read_one(io_context& ctx, tcp::socket& s) {
  auto out = std::make_shared<read_outcome>();
  ringport::async_read(s, ringport::buffer(&out->byte, 1),
                       [out](error_code ec, std::size_t) { out->handler()(ec); });
  run_until(ctx, [&] { return out->done(); });
  return *out;
}

// A move-accept run to completion (bounded); `from` receives the peer's endpoint.
tcp::socket accept_async(io_context& ctx, tcp::acceptor& acceptor, tcp::endpoint* from = nullptr) {
  struct outcome : completion {
    explicit outcome(io_context& c) : peer(c) {}
    tcp::socket peer;
  };
  auto out = std::make_shared<outcome>(ctx);
  auto handler = [out](error_code ec, tcp::socket s) {
    out->handler()(ec);
    out->peer = std::move(s);
  };
  if (from)
    acceptor.async_accept(*from, handler);
  else
    acceptor.async_accept(handler);
  EXPECT_TRUE(run_until(ctx, [&] { return out->done(); })) << "the accept did not complete";
  EXPECT_EQ(out->calls, 1);
  EXPECT_FALSE(out->ec) << out->ec.message();
  return std::move(out->peer);
}

// With no client waiting, a move-accept stays pending; cancel() ends it once, aborted.
void expect_accept_waits_until_cancelled(io_context& ctx, tcp::acceptor& acceptor) {
  completion accept;
  bool peer_open = false;
  acceptor.async_accept([&](error_code ec, tcp::socket peer) {
    accept.handler()(ec);
    peer_open = peer.is_open();
  });
  poll_a_few_times(ctx);
  EXPECT_EQ(accept.calls, 0) << "no client is waiting";
  acceptor.cancel();
  EXPECT_TRUE(run_until(ctx, [&] { return accept.done(); }));
  EXPECT_EQ(accept.calls, 1);
  EXPECT_TRUE(accept.ec == ringport::error::operation_aborted) << accept.ec.message();
  EXPECT_FALSE(peer_open);
}

tcp::socket accept_blocking(tcp::acceptor& acceptor) {
  hang_guard guard("a blocking accept");
  return acceptor.accept();
}

// A listening acceptor on loopback and its clients (connected synchronously), each of which
// sends its index as its first byte.
struct server {
  explicit server(io_context& c)
      : ctx(c), acceptor(c, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)), first(c) {}

  void add_clients(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      auto tag = static_cast<unsigned char>(clients.size());
      tcp::socket& client = clients.emplace_back(ctx);
      client.connect(acceptor.local_endpoint());
      ringport::write(client, ringport::buffer(&tag, 1));
      seen.push_back(0);
    }
  }
  // One connection accepted asynchronously, so whatever the backend keeps per acceptor exists.
  void warm_up() {
    add_clients(1);
    first = accept_async(ctx, acceptor);
    EXPECT_EQ(which(first), 0);
  }
  // Which client `peer` is connected to, checked two ways: the byte that client sent arrives,
  // and the peer's remote endpoint is that client's local one. -1 if not so.
  int which(tcp::socket& peer) {
    if (!peer.is_open()) return -1;
    read_outcome got = read_one(ctx, peer);
    if (!got.done() || got.ec || static_cast<std::size_t>(got.byte) >= clients.size()) return -1;
    error_code ec;
    if (peer.remote_endpoint(ec) != clients[got.byte].local_endpoint() || ec) return -1;
    return got.byte;
  }
  // Counts the client `peer` is connected to; then every client from `first_client` on must
  // have been counted once.
  void tally(tcp::socket& peer) {
    int who = which(peer);
    EXPECT_GE(who, 0) << "not connected to a client of this acceptor";
    if (who >= 0) ++seen[who];
  }
  void expect_each_once(std::size_t first_client = 0) {
    for (std::size_t i = first_client; i < seen.size(); ++i)
      EXPECT_EQ(seen[i], 1) << "client " << i;
  }

  io_context& ctx;
  tcp::acceptor acceptor;
  tcp::socket first;
  std::vector<tcp::socket> clients;
  std::vector<int> seen;  // by client
  char buf[1];
};

#if defined(__linux__)
int open_descriptors() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int n = 0;
  while (dirent* e = ::readdir(dir))
    if (e->d_name[0] != '.') ++n;
  ::closedir(dir);
  return n;
}
#endif

TEST_P(AcceptorQueuedConnections, ManyConnectionsEachAcceptedOnce) {
  constexpr std::size_t total = 40;
  server s(ctx());
  std::vector<tcp::socket> accepted;
  std::function<void()> accept_next = [&] {
    s.acceptor.async_accept([&](error_code ec, tcp::socket peer) {
      ASSERT_FALSE(ec) << ec.message();  // and no further accept: the wait below fails
      accepted.push_back(std::move(peer));
      if (accepted.size() < total) accept_next();
    });
  };
  // Half connect before the first accept, half while accepts are going on.
  s.add_clients(total / 2);
  accept_next();
  for (std::size_t i = total / 2; i < total; ++i) {
    s.add_clients(1);
    ctx().poll();
  }
  ASSERT_TRUE(run_until(ctx(), [&] { return accepted.size() == total; }));
  for (tcp::socket& peer : accepted)
    s.tally(peer);
  s.expect_each_once();

  expect_accept_waits_until_cancelled(ctx(), s.acceptor);  // no connection is left over
}

TEST_P(AcceptorQueuedConnections, ClientsThatConnectedBeforeTheFirstAcceptAreAccepted) {
  server s(ctx());
  s.add_clients(5);
  for (int i = 0; i < 5; ++i) {
    tcp::socket peer = accept_async(ctx(), s.acceptor);
    s.tally(peer);
  }
  s.expect_each_once();

  s.add_clients(1);
  tcp::socket sixth = accept_blocking(s.acceptor);
  EXPECT_EQ(s.which(sixth), 5);
}

TEST_P(AcceptorQueuedConnections, SyncAcceptAfterAsyncAcceptsGetsWaitingConnections) {
  server s(ctx());
  s.warm_up();
  s.add_clients(3);
  poll_a_few_times(ctx());  // the library may take the connections from the kernel here
  for (int i = 0; i < 3; ++i) {
    tcp::socket peer = accept_blocking(s.acceptor);
    s.tally(peer);
  }
  s.expect_each_once(1);
}

TEST_P(AcceptorQueuedConnections, BlockingAcceptInAnotherThreadGetsTheNextClient) {
  server s(ctx());
  s.warm_up();
  // Nobody runs the context meanwhile: a blocking accept does not depend on it.
  for (std::size_t round = 1; round <= 3; ++round) {
    tcp::socket peer(ctx());
    std::thread waiter([&] { peer = accept_blocking(s.acceptor); });
    // Lets the accept start waiting first; the test holds whichever comes first.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    s.add_clients(1);
    waiter.join();
    EXPECT_EQ(s.which(peer), static_cast<int>(round));
  }
}

TEST_P(AcceptorQueuedConnections, NonBlockingAcceptorSeesWaitingConnection) {
  server s(ctx());
  s.warm_up();
  s.acceptor.non_blocking(true);
  error_code ec;
  tcp::socket none = s.acceptor.accept(ec);
  EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
  EXPECT_FALSE(none.is_open());

  s.add_clients(1);
  tcp::socket peer(ctx());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (;;) {
    poll_a_few_times(ctx());
    peer = s.acceptor.accept(ec);
    if (!ec || std::chrono::steady_clock::now() > deadline) break;
    EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(s.which(peer), 1);

  none = s.acceptor.accept(ec);  // that was the only one
  EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
}

TEST_P(AcceptorQueuedConnections, AsyncWaitReadOnAcceptorCompletesWhenAClientWaits) {
  server s(ctx());
  s.warm_up();
  // Round 1: the wait starts before the client connects; round 2: after it has connected.
  for (int round = 1; round <= 2; ++round) {
    completion wait;
    if (round == 1) {
      s.acceptor.async_wait(tcp::acceptor::wait_read, wait.handler());
      poll_a_few_times(ctx());
      EXPECT_EQ(wait.calls, 0) << "no client is waiting yet";
      s.add_clients(1);
    } else {
      s.add_clients(1);
      poll_a_few_times(ctx());
      s.acceptor.async_wait(tcp::acceptor::wait_read, wait.handler());
    }
    EXPECT_TRUE(run_until(ctx(), [&] { return wait.done(); })) << "round " << round;
    EXPECT_EQ(wait.calls, 1);
    EXPECT_FALSE(wait.ec) << wait.ec.message();
    tcp::socket peer = accept_blocking(s.acceptor);
    EXPECT_EQ(s.which(peer), round);
  }
}

TEST_P(AcceptorQueuedConnections, PeerEndpointIsTheClients) {
  server s(ctx());
  auto check = [&](tcp::socket& peer, const tcp::endpoint& from) {
    EXPECT_EQ(from, peer.remote_endpoint());  // which s.tally checks is the client's own
    EXPECT_EQ(from.address(), ringport::ip::make_address("127.0.0.1"));
    s.tally(peer);
  };
  // Three clients wait before each group of accepts, so the later ones find them queued.
  s.add_clients(3);
  poll_a_few_times(ctx());
  for (int i = 0; i < 3; ++i) {  // into a socket, with the endpoint
    tcp::socket peer(ctx());
    tcp::endpoint from;
    completion accept;
    s.acceptor.async_accept(peer, from, accept.handler());
    ASSERT_TRUE(run_until(ctx(), [&] { return accept.done(); }));
    EXPECT_FALSE(accept.ec) << accept.ec.message();
    check(peer, from);
  }
  s.add_clients(3);
  poll_a_few_times(ctx());
  for (int i = 0; i < 3; ++i) {  // move-accept, with the endpoint
    tcp::endpoint from;
    tcp::socket peer = accept_async(ctx(), s.acceptor, &from);
    check(peer, from);
  }
  s.expect_each_once();
}

TEST_P(AcceptorQueuedConnections, CancelThenAcceptAgainKeepsTheConnection) {
  server s(ctx());
  s.warm_up();
  expect_accept_waits_until_cancelled(ctx(), s.acceptor);

  s.add_clients(1);
  poll_a_few_times(ctx());
  tcp::socket peer = accept_async(ctx(), s.acceptor);
  EXPECT_EQ(s.which(peer), 1);
}

TEST_P(AcceptorQueuedConnections, CloseWithConnectionsWaitingLeavesNoDescriptorOpen) {
  server s(ctx());
  s.warm_up();
#if defined(__linux__)
  const int before = open_descriptors();  // the acceptor, the first client and its peer
#endif
  s.add_clients(3);
  poll_a_few_times(ctx());  // the library may take the connections from the kernel here
  s.acceptor.close();
  for (int i = 1; i <= 3; ++i) {
    read_outcome got = read_one(ctx(), s.clients[i]);
    ASSERT_TRUE(got.done()) << "client " << i << " still connected after the acceptor closed";
    EXPECT_TRUE(got.ec == ringport::error::eof || got.ec == ringport::error::connection_reset)
        << "client " << i << ": " << got.ec.message();
    s.clients[i].close();
  }
#if defined(__linux__)
  EXPECT_EQ(open_descriptors(), before - 1);  // only the acceptor's own descriptor went
#endif
}

TEST_P(AcceptorQueuedConnections, AcceptStartedByAThreadThatExitsStillCompletes) {
  server s(ctx());
  for (int round = 0; round < 3; ++round) {
    completion accept;
    tcp::socket peer(ctx());
    std::thread starter([&] {
      s.acceptor.async_accept([&](error_code ec, tcp::socket accepted) {
        accept.handler()(ec);
        peer = std::move(accepted);
      });
    });
    starter.join();
    s.add_clients(1);
    ASSERT_TRUE(run_until(ctx(), [&] { return accept.done(); })) << "round " << round;
    EXPECT_EQ(accept.calls, 1);
    EXPECT_FALSE(accept.ec) << accept.ec.message();
    EXPECT_EQ(s.which(peer), round);
  }
}

TEST_P(AcceptorQueuedConnections, ContextDestroyedWithConnectionsWaiting) {
  // The server goes either before its context or, held by a pending read's handler, with it.
  for (bool held_by_pending_read : {false, true}) {
#if defined(__linux__)
    const int before = open_descriptors();
#endif
    int calls = 0;
    std::weak_ptr<server> watch;
    {
      auto c = make_context();
      auto s = std::make_shared<server>(*c);
      s->warm_up();
      s->add_clients(3);
      poll_a_few_times(*c);  // the library may take the connections from the kernel here
      if (held_by_pending_read)
        s->first.async_read_some(ringport::buffer(s->buf),
                                 [&calls, s](error_code, std::size_t) { ++calls; });
      watch = s;
      s.reset();
      poll_a_few_times(*c);
      EXPECT_EQ(watch.expired(), !held_by_pending_read);
      c.reset();
    }
    EXPECT_EQ(calls, 0);
    EXPECT_TRUE(watch.expired());
#if defined(__linux__)
    EXPECT_EQ(open_descriptors(), before) << (held_by_pending_read ? "held" : "destroyed first");
#endif
  }
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorQueuedConnections);

}  // namespace acceptor_queued_connections_test
