// Churn test: one io_context run by two threads, an echo server and 200 live clients on it, a
// few thousand clients over the run. Each client connects, does a random small number of round
// trips (a message of 16 to 1024 bytes with a pattern of its own, the echo read back and every
// byte checked), sometimes waits on a steady_timer, then closes and is replaced. Operations in
// flight are disturbed at random: socket cancel(), socket close(), or an emit on the
// cancellation_signal bound to the pending operation; from inside the client's own handlers and
// from a third "chaos" thread. An exactly-once ledger gives every started operation an id: a
// handler called twice, or an operation never completed by the end, fails the run. At the end
// everything is closed, run() returns on both threads, and the open descriptors (handles on
// Windows) must be back at their count before the test.
// Usage: churn_threads [seconds]   (else RINGPORT_CHURN_SECONDS, else 10). For a slower system
// (Windows under Wine) RINGPORT_CHURN_CLIENTS sets the live clients (default 200) and
// RINGPORT_CHURN_CHAOS_US the chaos thread's mean interval (default 500 us), so that
// disturbances do not end nearly every client before its first round trip.
// RINGPORT_CHURN_SEED replays the random choices of a run (the thread interleaving is not
// reproducible). Exit 77: backend missing.

#include <ringport/bind_cancellation_slot.hpp>
#include <ringport/bind_executor.hpp>
#include <ringport/buffer.hpp>
#include <ringport/cancellation_signal.hpp>
#include <ringport/cancellation_type.hpp>
#include <ringport/error.hpp>
#include <ringport/io_context.hpp>
#include <ringport/ip/address.hpp>
#include <ringport/ip/tcp.hpp>
#include <ringport/post.hpp>
#include <ringport/read.hpp>
#include <ringport/steady_timer.hpp>
#include <ringport/strand.hpp>
#include <ringport/write.hpp>

#include "soak_support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace churn_threads_test {

using ringport::error_code;
using ringport::ip::tcp;
using steady = std::chrono::steady_clock;
using strand_type = ringport::strand<ringport::io_context::executor_type>;

int live_clients = 200;
int chaos_mean_us = 500;
constexpr int max_round_trips = 8;  // per client: 1 to this many
constexpr std::size_t min_message = 16, max_message = 1024;
constexpr int exit_skip = 77;

std::atomic<bool> stopping{false}, failed{false};
std::mutex failure_mutex;
std::string failure;

void fail(const std::string& what) {
  std::lock_guard lock(failure_mutex);
  if (!failed.exchange(true)) failure = what;
}

// The exactly-once ledger. start() is called as an operation is initiated, complete() first
// thing in its handler; a second complete() of an id is a failure at once, an id never
// completed is one at the end. Lock-free with relaxed atomics on purpose: a mutex taken in
// every handler would order the two run() threads' work behind the library's back and hide
// from ThreadSanitizer the very races this test is there to find.
class ledger {
 public:
  ledger() {
    for (auto& c : chunks_)
      c.store(nullptr, std::memory_order_relaxed);
  }
  ~ledger() {
    for (auto& c : chunks_)
      delete[] c.load(std::memory_order_relaxed);
  }
  std::uint64_t start(const char* kind) {
    const std::uint64_t id = next_.fetch_add(1, std::memory_order_relaxed);
    if (id >= chunk_size * max_chunks) {
      fail("ledger: more than " + std::to_string(chunk_size * max_chunks) + " operations");
      return 0;
    }
    entry& e = at(id);
    e.kind.store(kind, std::memory_order_relaxed);
    e.completions.store(0, std::memory_order_relaxed);
    return id;
  }
  void complete(std::uint64_t id) {
    entry& e = at(id);
    if (const auto before = e.completions.fetch_add(1, std::memory_order_relaxed); before != 0)
      fail("ledger: operation " + std::to_string(id) + " (" +
           e.kind.load(std::memory_order_relaxed) + ") completed " + std::to_string(before + 1) +
           " times");
  }
  std::uint64_t size() const {
    return std::min<std::uint64_t>(next_.load(std::memory_order_relaxed), chunk_size * max_chunks);
  }
  // The operations not completed yet, and a few of them by id and kind.
  std::uint64_t pending(std::string* which = nullptr) {
    std::uint64_t n = 0;
    for (std::uint64_t id = 0, end = size(); id < end; ++id) {
      entry& e = at(id);
      if (e.completions.load(std::memory_order_relaxed) != 0) continue;
      if (which != nullptr && n < 5)
        *which +=
            (n > 0 ? ", " : "") + std::to_string(id) + " " + e.kind.load(std::memory_order_relaxed);
      ++n;
    }
    return n;
  }

 private:
  struct entry {
    std::atomic<const char*> kind{"?"};
    std::atomic<std::uint32_t> completions{0};
  };
  static constexpr std::uint64_t chunk_size = 1 << 16, max_chunks = 4096;  // 268 M operations
  // Chunks are allocated by whichever thread first needs one; a thread that loses the race
  // frees its own and uses the winner's.
  entry& at(std::uint64_t id) {
    auto& slot = chunks_[id / chunk_size];
    entry* chunk = slot.load(std::memory_order_acquire);
    if (chunk == nullptr) {
      auto* fresh = new entry[chunk_size];
      if (slot.compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
        chunk = fresh;
      else
        delete[] fresh;
    }
    return chunk[id % chunk_size];
  }
  std::atomic<std::uint64_t> next_{0};
  std::atomic<entry*> chunks_[max_chunks];
};

ledger ops;

// Wraps a handler so that its call is entered in the ledger. Applied innermost: the executor
// and cancellation slot binders go around it, so the operation sees both.
template <typename Handler>
auto tracked(const char* kind, Handler handler) {
  return [id = ops.start(kind), handler = std::move(handler)](auto&&... args) mutable {
    ops.complete(id);
    handler(std::forward<decltype(args)>(args)...);
  };
}

// Counters only (relaxed, so that they order nothing between the threads).
std::atomic<std::uint64_t> clients_started{0}, round_trips{0}, bytes_verified{0};
std::atomic<std::uint64_t> cancels{0}, closes{0}, emits{0}, from_handlers{0}, from_chaos{0};
std::atomic<int> live{0}, sessions_open{0};
std::atomic<bool> ctx_ran_out[2] = {false, false};

// Errors a client operation may end with once it has been disturbed: cancel() and emit end it
// with operation_aborted, close() with operation_aborted (in flight) or bad_descriptor (started
// after); an earlier partial write or an abandoned read makes the server end the session, so
// the peer's close shows as eof, connection_reset or broken_pipe.
bool expected_client_error(const error_code& ec) {
  namespace e = ringport::error;
  return ec == e::operation_aborted || ec == e::bad_descriptor || ec == e::eof ||
         ec == e::connection_reset || ec == e::broken_pipe || ec == e::connection_aborted ||
         ec == e::not_connected || ec == e::shut_down;
}

// Server: one session per connection, reading and writing back until the peer closes. A
// session has one operation in flight at a time, each started by the handler of the one
// before: an implicit strand, so it needs no strand object even with two threads in run().
class session : public std::enable_shared_from_this<session> {
 public:
  explicit session(tcp::socket s) : socket_(std::move(s)) {
    sessions_open.fetch_add(1, std::memory_order_relaxed);
  }
  ~session() { sessions_open.fetch_sub(1, std::memory_order_relaxed); }

  void read() {
    socket_.async_read_some(
        ringport::buffer(data_),
        tracked("server read", [self = shared_from_this()](error_code ec, std::size_t n) {
          if (ec) return self->close(ec, "server read");
          self->write(n);
        }));
  }

 private:
  void write(std::size_t n) {
    ringport::async_write(
        socket_, ringport::buffer(data_, n),
        tracked("server write", [self = shared_from_this()](error_code ec, std::size_t) {
          if (ec) return self->close(ec, "server write");
          self->read();
        }));
  }
  // Clients close at any point of a round trip, with or without unread data.
  void close(error_code ec, const char* what) {
    namespace e = ringport::error;
    if (ec != e::eof && ec != e::connection_reset && ec != e::broken_pipe)
      fail(std::string(what) + ": " + ec.message());
    error_code ignored;
    socket_.close(ignored);
  }

  tcp::socket socket_;
  char data_[4096];
};

// The acceptor is touched by its accept handler and, at the end, by the close posted from the
// main thread: both on one strand, since the two run() threads could otherwise run them at once.
class server {
 public:
  explicit server(ringport::io_context& ctx)
      : strand_(ringport::make_strand(ctx)),
        acceptor_(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)) {}
  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  void accept() {
    acceptor_.async_accept(
        ringport::bind_executor(strand_, tracked("accept", [this](error_code ec, tcp::socket s) {
                                  if (closed_) return;  // whatever it ended with
                                  if (ec == ringport::error::connection_aborted) return accept();
                                  if (ec) return fail("accept: " + ec.message());
                                  std::make_shared<session>(std::move(s))->read();
                                  accept();
                                })));
  }
  void close() {
    ringport::post(strand_, tracked("close acceptor", [this] {
                     closed_ = true;
                     error_code ignored;
                     acceptor_.close(ignored);
                   }));
  }

 private:
  strand_type strand_;
  tcp::acceptor acceptor_;
  bool closed_ = false;
};

class client;
ringport::io_context* context = nullptr;
tcp::endpoint server_endpoint;
std::uint64_t seed = 0;
// The live clients, one per slot. A slot's client is replaced by a new one when it is done;
// a slot's strand serializes all its clients' handlers and the chaos thread's disturbances of
// them, and `current` is only touched on that strand (or before and after run()), so neither
// the chaos thread nor a replacement needs a lock (which would also order the threads' work
// for ThreadSanitizer and hide races).
struct slot {
  explicit slot(ringport::io_context& ctx) : strand(ringport::make_strand(ctx)) {}
  const strand_type strand;  // never changed after construction: any thread may copy it
  std::shared_ptr<client> current;
};
std::vector<slot> slots;

void spawn(int slot);

// A client and everything it owns are used only on its slot's strand: its handlers are bound
// to it, and the chaos thread posts its disturbances to it. Asio's rule is that one socket
// (timer, cancellation_signal) is not safe to use from two threads at once, and
// cancellation_signal says so too (emit only where the operation's handler runs); with two
// threads in run() a client's handlers (its deadline timer's and its socket's) could otherwise
// run at the same time, so the chaos thread never touches a socket or emits a signal itself,
// even though basic_socket describes cancel() and close() from another thread.
class client : public std::enable_shared_from_this<client> {
 public:
  client(int slot, std::uint64_t serial)
      : slot_(slot),
        serial_(serial),
        strand_(slots[static_cast<std::size_t>(slot)].strand),
        socket_(*context),
        timer_(*context),
        deadline_(*context),
        rng_(seed ^ (serial * 0x9e3779b97f4a7c15ull)) {
    round_trips_ = 1 + static_cast<int>(rng_() % max_round_trips);
  }

  void start() {
    ringport::post(strand_, tracked("start", [self = shared_from_this()] { self->connect(); }));
  }

  bool finishing() const { return finishing_; }
  void disturb_from_chaos() { disturb(true); }

 private:
  // The main chain's handlers: on the strand, counted in pending_ so the client knows when it
  // is finished, and entered in the ledger.
  template <typename Handler>
  auto on_strand(const char* kind, Handler handler) {
    ++pending_;
    return ringport::bind_executor(
        strand_, tracked(kind, [self = shared_from_this(),
                                handler = std::move(handler)](auto... args) mutable {
          --self->pending_;
          handler(args...);
          self->maybe_done();
        }));
  }
  // ...and bound to the signal, so that an emit reaches the operation in flight.
  template <typename Handler>
  auto cancellable(const char* kind, Handler handler) {
    return ringport::bind_cancellation_slot(signal_.slot(), on_strand(kind, std::move(handler)));
  }

  void connect() {
    socket_.async_connect(server_endpoint, cancellable("connect", [this](error_code ec) {
                            if (ec) return finish(ec, "connect");
                            next();
                          }));
    maybe_disturb();
  }

  void next() {
    if (stopping || failed || done_round_trips_ == round_trips_) return finish({}, nullptr);
    if (rng_() % 4 != 0) return write();
    timer_.expires_after(std::chrono::microseconds(rng_() % 2000));
    timer_.async_wait(cancellable("wait", [this](error_code ec) {
      if (ec) return finish(ec, "wait");
      write();
    }));
    maybe_disturb();
  }

  // The pattern is unique per client and round trip: its serial and the round trip's number
  // lead, and every byte depends on both.
  void write() {
    len_ = min_message + rng_() % (max_message - min_message + 1);
    const std::uint64_t round = static_cast<std::uint64_t>(done_round_trips_);
    std::memcpy(out_, &serial_, 8);
    std::memcpy(out_ + 8, &round, 8);
    std::uint64_t x = serial_ * 0x9e3779b97f4a7c15ull + round * 0xbf58476d1ce4e5b9ull;
    for (std::size_t i = 16; i < len_; ++i) {
      x ^= x >> 29, x *= 0x94d049bb133111ebull;
      out_[i] = static_cast<char>(x >> 56);
    }
    ringport::async_write(socket_, ringport::buffer(out_, len_),
                          cancellable("write", [this](error_code ec, std::size_t n) {
                            if (ec) return finish(ec, "write");
                            if (n != len_) {
                              fail(describe("wrote", n) + " bytes");
                              return finish({}, nullptr);
                            }
                            read();
                          }));
    maybe_disturb();
  }

  void read() {
    std::memset(in_, 0, len_);
    ringport::async_read(
        socket_, ringport::buffer(in_, len_),
        cancellable("read", [this](error_code ec, std::size_t n) {
          // What did arrive must be the echo, also when the read ended early.
          if (n > len_ || (!ec && n != len_)) {
            fail(describe("read", n) + " bytes");
            return finish({}, nullptr);
          }
          if (std::memcmp(in_, out_, n) != 0) {
            std::size_t i = 0;
            while (in_[i] == out_[i])
              ++i;
            char what[120];
            std::snprintf(what, sizeof what, ", byte %zu is 0x%02x, expected 0x%02x", i,
                          static_cast<unsigned char>(in_[i]), static_cast<unsigned char>(out_[i]));
            fail(describe("read", n) + what);
            return finish({}, nullptr);
          }
          if (ec) return finish(ec, "read");
          ++done_round_trips_;
          round_trips.fetch_add(1, std::memory_order_relaxed);
          bytes_verified.fetch_add(n, std::memory_order_relaxed);
          next();
        }));
    maybe_disturb();
  }

  std::string describe(const char* what, std::size_t n) const {
    return "client " + std::to_string(serial_) + " round trip " +
           std::to_string(done_round_trips_) + ": " + what + " " + std::to_string(n) + " of " +
           std::to_string(len_);
  }

  // Right after starting an operation, still inside the handler that started it: sometimes
  // disturb it at once, sometimes arm the deadline timer to disturb whatever is in flight a
  // little later (from that timer's handler).
  void maybe_disturb() {
    const auto r = rng_() % 100;
    if (r < 2) return disturb(false);
    if (r >= 6 || deadline_armed_) return;
    deadline_armed_ = true;
    deadline_.expires_after(std::chrono::microseconds(rng_() % 500));
    deadline_.async_wait(on_strand("deadline", [this](error_code ec) {
      deadline_armed_ = false;
      if (ec && ec != ringport::error::operation_aborted)
        return fail("client deadline: " + ec.message());
      if (!ec && !finishing_) disturb(false);
    }));
  }

  void disturb(bool chaos) {
    disturbed_ = true;
    (chaos ? from_chaos : from_handlers).fetch_add(1, std::memory_order_relaxed);
    error_code ignored;
    switch (rng_() % 3) {
      case 0:
        cancels.fetch_add(1, std::memory_order_relaxed);
        socket_.cancel(ignored);
        break;
      case 1:
        closes.fetch_add(1, std::memory_order_relaxed);
        socket_.close(ignored);
        break;
      default: {
        emits.fetch_add(1, std::memory_order_relaxed);
        constexpr ringport::cancellation_type types[] = {
            ringport::cancellation_type::terminal, ringport::cancellation_type::partial,
            ringport::cancellation_type::total, ringport::cancellation_type::all};
        signal_.emit(types[rng_() % 4]);
      }
    }
  }

  // Ends the main chain: what is still in flight (the deadline timer) is cancelled and the
  // client is done once its handler has run.
  void finish(error_code ec, const char* what) {
    if (ec && !(disturbed_ && expected_client_error(ec)))
      fail("client " + std::to_string(serial_) + " " + what + ": " + ec.message() +
           (disturbed_ ? "" : " (not disturbed)"));
    finishing_ = true;
    error_code ignored;
    socket_.close(ignored);
    timer_.cancel();
    deadline_.cancel();
  }

  void maybe_done() {
    if (!finishing_ || pending_ != 0 || done_) return;
    done_ = true;
    live.fetch_sub(1, std::memory_order_relaxed);
    if (!stopping)
      spawn(slot_);
    else
      slots[static_cast<std::size_t>(slot_)].current.reset();  // the caller still holds this
  }

  const int slot_;
  const std::uint64_t serial_;
  const strand_type strand_;
  tcp::socket socket_;
  ringport::steady_timer timer_, deadline_;
  ringport::cancellation_signal signal_;
  std::mt19937_64 rng_;
  int round_trips_ = 0, done_round_trips_ = 0, pending_ = 0;
  bool finishing_ = false, done_ = false, disturbed_ = false, deadline_armed_ = false;
  std::size_t len_ = 0;
  char out_[max_message], in_[max_message];
};

void spawn(int slot) {
  live.fetch_add(1, std::memory_order_relaxed);
  auto c = std::make_shared<client>(slot, clients_started.fetch_add(1, std::memory_order_relaxed));
  slots[static_cast<std::size_t>(slot)].current = c;
  c->start();
}

// Picks a live client every chaos_mean_us or so and disturbs it (on its strand). The times are
// a schedule rather than sleeps: where a thread cannot sleep less than a millisecond, the
// disturbances that came due during one sleep go out together, at the same average rate.
void chaos(std::uint64_t chaos_seed) {
  std::mt19937_64 rng(chaos_seed);
  for (auto due = steady::now(); !stopping && !failed;) {
    due += std::chrono::microseconds(rng() % (2 * static_cast<std::uint64_t>(chaos_mean_us)));
    if (const auto now = steady::now(); now < due)
      std::this_thread::sleep_for(std::max<steady::duration>(due - now, soak_support::min_sleep));
    const std::size_t i = rng() % live_clients;
    ringport::post(slots[i].strand, tracked("chaos", [i] {
                     if (auto& c = slots[i].current; c && !c->finishing()) c->disturb_from_chaos();
                   }));
  }
}

std::string state() {
  std::string which;
  std::size_t pending = ops.pending(&which);
  return "clients started " + std::to_string(clients_started) + ", live " + std::to_string(live) +
         ", sessions open " + std::to_string(sessions_open) + ", operations " +
         std::to_string(ops.size()) + " of which pending " + std::to_string(pending) +
         (which.empty() ? "" : " (" + which + ")") + ", run threads " +
         (ctx_ran_out[0] ? "done" : "running") + "/" + (ctx_ran_out[1] ? "done" : "running");
}

// Waits up to 10 s for `done`; else fails, prints and exits at once: handlers may still run on
// the objects an orderly teardown would destroy.
template <typename Predicate>
void wait_for(Predicate done, const char* what) {
  for (auto until = steady::now() + std::chrono::seconds(10); !done();) {
    if (steady::now() > until) {
      fail(std::string(what) + " within 10 s (" + state() + ")");
      std::printf("FAIL: %s (seed %llu)\n", failure.c_str(), static_cast<unsigned long long>(seed));
      std::fflush(stdout);
      std::_Exit(1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

int run(double seconds) {
  const char* env = std::getenv("RINGPORT_BACKEND");
  std::string requested = env != nullptr ? env : "";
  [[maybe_unused]] const soak_support::winsock_reference winsock;  // before the count: see there
  soak_support::first_use_on_this_thread();
  const int fds_before = soak_support::open_fds();
  std::unique_ptr<ringport::io_context> ctx;
  try {
    ctx = std::make_unique<ringport::io_context>();
  } catch (const std::exception& e) {
    if (requested == "io_uring") {
      std::printf("SKIP: io_uring unavailable: %s\n", e.what());
      return exit_skip;
    }
    throw;
  }
  const char* backend = ringport::to_string(ctx->backend());
  if (!requested.empty() && requested != backend) {
    std::printf("FAIL: asked for %s, got %s\n", requested.c_str(), backend);
    return 1;
  }
  std::printf("churn %s %g s, %d live clients, chaos every %d us, seed %llu\n", backend, seconds,
              live_clients, chaos_mean_us, static_cast<unsigned long long>(seed));
  std::fflush(stdout);

  context = ctx.get();
  slots.reserve(live_clients);
  for (int i = 0; i < live_clients; ++i)
    slots.emplace_back(*ctx);
  auto srv = std::make_unique<server>(*ctx);
  server_endpoint = srv->endpoint();
  srv->accept();
  for (int slot = 0; slot < live_clients; ++slot)
    spawn(slot);
  auto run_ctx = [&ctx](std::atomic<bool>& done) {
    try {
      ctx->run();
    } catch (const std::exception& e) {
      fail(std::string("run: ") + e.what());
    }
    done = true;
  };
  std::thread run1(run_ctx, std::ref(ctx_ran_out[0]));
  std::thread run2(run_ctx, std::ref(ctx_ran_out[1]));
  std::thread chaos_thread(chaos, seed ^ 0xc4a05c4a05ull);

  const auto end = steady::now() + std::chrono::duration_cast<steady::duration>(
                                       std::chrono::duration<double>(seconds));
  while (!failed && steady::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));

  // Clients finish at their next step and are not replaced; the sessions end when their peers
  // have closed; then the acceptor closes and run() runs out of work on both threads.
  stopping = true;
  chaos_thread.join();
  wait_for([] { return live == 0; }, "clients did not finish");
  wait_for([] { return sessions_open == 0; }, "sessions did not end");
  // The pending accept alone keeps run() going until the acceptor closes: a run() that has
  // returned already lost count of some operation (this names the failure apart from a close
  // that never ran).
  if (ctx_ran_out[0] || ctx_ran_out[1])
    fail("run() returned while an accept was pending, before the acceptor's close (" + state() +
         ")");
  srv->close();
  run1.join();  // bounded by the watchdog
  run2.join();

  std::string which;
  const std::size_t total_ops = ops.size(), pending = ops.pending(&which);
  if (pending != 0) fail(std::to_string(pending) + " operations never completed (" + which + ")");
  {
    for (auto& sl : slots)
      if (sl.current) fail("a client outlived run()");
  }
  srv.reset();
  slots.clear();
  context = nullptr;
  ctx.reset();
  const int fds_end = soak_support::open_fds();
  if (fds_end != fds_before || fds_end < 0)
    fail(std::string("open ") + soak_support::fds_name + " after teardown " +
         std::to_string(fds_end) + ", before the test " + std::to_string(fds_before));
  if (round_trips == 0) fail("no round trip completed");

  auto u = [](const std::atomic<std::uint64_t>& v) { return static_cast<unsigned long long>(v); };
  std::printf(
      "churn %s %g s seed %llu: %llu clients (%d live), %zu ops (ledger: %s), %llu round trips "
      "verified, cancels %llu, closes %llu, emits %llu (from handlers %llu, from the chaos "
      "thread %llu), %s before %d end %d: %s\n",
      backend, seconds, static_cast<unsigned long long>(seed), u(clients_started), live_clients,
      total_ops, pending == 0 && failure.rfind("ledger", 0) != 0 ? "all once" : "FAIL",
      u(round_trips), u(cancels), u(closes), u(emits), u(from_handlers), u(from_chaos),
      soak_support::fds_name, fds_before, fds_end, failed ? "FAIL" : "PASS");
  if (failed)
    std::printf("FAIL: %s (seed %llu)\n", failure.c_str(), static_cast<unsigned long long>(seed));
  return failed ? 1 : 0;
}

}  // namespace churn_threads_test

int main(int argc, char** argv) {
  soak_support::note_started();
  const char* env = std::getenv("RINGPORT_CHURN_SECONDS");
  double seconds = argc > 1 ? std::atof(argv[1]) : env != nullptr ? std::atof(env) : 10;
  if (seconds <= 0) {
    std::fprintf(stderr,
                 "usage: churn_threads [seconds]  (or RINGPORT_CHURN_SECONDS; default 10)\n");
    return 2;
  }
  using churn_threads_test::chaos_mean_us, churn_threads_test::live_clients;
  if (const char* clients = std::getenv("RINGPORT_CHURN_CLIENTS"))
    live_clients = std::atoi(clients);
  if (const char* chaos = std::getenv("RINGPORT_CHURN_CHAOS_US")) chaos_mean_us = std::atoi(chaos);
  if (live_clients < 1 || live_clients > 10'000 || chaos_mean_us < 1 || chaos_mean_us > 1'000'000) {
    std::fprintf(stderr,
                 "RINGPORT_CHURN_CLIENTS: 1 to 10000, RINGPORT_CHURN_CHAOS_US: 1 to 1000000\n");
    return 2;
  }
  const char* seed_env = std::getenv("RINGPORT_CHURN_SEED");
  churn_threads_test::seed =
      seed_env != nullptr
          ? std::strtoull(seed_env, nullptr, 10)
          : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  // Whatever happens, the program ends by duration + 30 s.
  soak_support::watchdog watchdog(seconds + 30, [] {
    return churn_threads_test::state() + ", seed " + std::to_string(churn_threads_test::seed);
  });
  int status = 1;
  try {
    status = churn_threads_test::run(seconds);
  } catch (const std::exception& e) {
    std::printf("FAIL: %s (seed %llu)\n", e.what(),
                static_cast<unsigned long long>(churn_threads_test::seed));
  }
  return status;
}
