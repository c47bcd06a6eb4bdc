// Soak test: an echo server and 200 clients in one process for a fixed time, on one backend
// (RINGPORT_BACKEND). Clients send messages of varying length, check every echoed byte, wait a
// short random delay on a steady_timer and repeat; a tenth of them close and reconnect every few
// round trips, so accept and close are soaked too. After a warm-up the resident set and the
// number of open descriptors are sampled every 0.5 s: descriptors must stay exactly at the
// baseline, the resident set flat. Pass or fail is on resources, never on speed.
// Usage: echo_soak [seconds]   (else RINGPORT_SOAK_SECONDS, else 20). Exit 77: backend missing.

// Headers one by one, as users include them.
#include <ringport/buffer.hpp>
#include <ringport/error.hpp>
#include <ringport/io_context.hpp>
#include <ringport/ip/address.hpp>
#include <ringport/ip/tcp.hpp>
#include <ringport/post.hpp>
#include <ringport/read.hpp>
#include <ringport/steady_timer.hpp>
#include <ringport/write.hpp>

#include "soak_support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define ECHO_SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ECHO_SOAK_ASAN 1
#endif
#endif

namespace echo_soak_test {

using ringport::error_code;
using ringport::ip::tcp;
using steady = std::chrono::steady_clock;

constexpr int connections = 200;
constexpr int churn_every = 10;        // every 10th client reconnects...
constexpr int churn_round_trips = 20;  // ...after this many round trips on a connection
constexpr int max_reconnecting = 4;    // at most this many reconnects in flight at once
constexpr std::size_t max_message = 512;
constexpr int exit_skip = 77;
// Bounds on the resident set after warm-up. Everything the test allocates per connection is
// allocated during warm-up, so a working library stays within allocator noise (measured: tens of
// KiB); a leak of 64 bytes per round trip (tens of thousands of round trips a second) breaks both
// bounds within seconds. Under ASan the allocator's caches and stack depot still settle for a
// while after warm-up (measured: about 1 MiB in the first 10 s, then flat), so more room there.
#if defined(ECHO_SOAK_ASAN)
constexpr long growth_bound_kib = 8 * 1024;
constexpr double slope_bound_kib_per_min = 32 * 1024;
#else
constexpr long growth_bound_kib = 4 * 1024;
constexpr double slope_bound_kib_per_min = 8 * 1024;
#endif

// Shared between the server thread, the client thread and the sampling main thread.
std::atomic<bool> stopping{false}, pause_churn{false}, failed{false};
std::atomic<bool> server_ran_out{false}, clients_ran_out{false};  // their run() returned
std::atomic<int> client_open{0}, server_open{0}, reconnecting{0}, clients_done{0};
std::atomic<std::uint64_t> round_trips{0}, bytes_verified{0}, reconnects{0};
std::mutex failure_mutex;
std::string failure;

void fail(const std::string& what) {
  std::lock_guard lock(failure_mutex);
  if (!failed.exchange(true)) failure = what;
}

long rss_kib() {
  long pages = 0, resident = 0;
  std::ifstream("/proc/self/statm") >> pages >> resident;
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// Server: accept forever; each session echoes until the peer closes.
class session : public std::enable_shared_from_this<session> {
 public:
  explicit session(tcp::socket s) : socket_(std::move(s)) {}
  void read() {
    socket_.async_read_some(ringport::buffer(data_),
                            [self = shared_from_this()](error_code ec, std::size_t n) {
                              if (!ec) return self->write(n);
                              if (ec != ringport::error::eof) fail("server read: " + ec.message());
                              self->close();
                            });
  }

 private:
  void write(std::size_t n) {
    ringport::async_write(socket_, ringport::buffer(data_, n),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (!ec) return self->read();
                            fail("server write: " + ec.message());
                            self->close();
                          });
  }
  void close() {
    error_code ignored;
    socket_.close(ignored);
    server_open.fetch_sub(1);
  }
  tcp::socket socket_;
  char data_[4096];
};

void accept_loop(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](error_code ec, tcp::socket s) {
    if (ec) {
      if (ec != ringport::error::operation_aborted || !stopping) fail("accept: " + ec.message());
      return;
    }
    server_open.fetch_add(1);
    std::make_shared<session>(std::move(s))->read();
    accept_loop(acceptor);
  });
}

// Client: connect, then write a message, read it back, verify, wait, repeat.
class client {
 public:
  client(ringport::io_context& ctx, int id, tcp::endpoint server)
      : id_(id), server_(server), socket_(ctx), timer_(ctx), rng_(static_cast<unsigned>(id)) {}

  void connect() {
    client_open.fetch_add(1);
    socket_.async_connect(server_, [this](error_code ec) {
      if (ec) return stop("connect: " + ec.message());
      send();
    });
  }
  std::uint64_t total() const { return total_; }

 private:
  void send() {
    if (stopping || failed) return stop({});
    len_ = 16 + rng_() % (max_message - 16 + 1);
    std::uint64_t seq = total_;
    std::memcpy(out_, &id_, sizeof id_);
    std::memcpy(out_ + 4, &seq, sizeof seq);
    for (std::size_t i = 12; i < len_; ++i)
      out_[i] = static_cast<char>((id_ * 131 + seq * 31 + i * 7 + (i >> 8)) & 0xff);
    ringport::async_write(
        socket_, ringport::buffer(out_, len_), [this](error_code ec, std::size_t) {
          if (ec) return stop("client write: " + ec.message());
          std::memset(in_, 0, len_);
          ringport::async_read(socket_, ringport::buffer(in_, len_),
                               [this](error_code ec, std::size_t n) { received(ec, n); });
        });
  }

  void received(error_code ec, std::size_t n) {
    if (ec) return stop("client read: " + ec.message());
    if (n != len_) return stop("read " + std::to_string(n) + " bytes of " + std::to_string(len_));
    if (std::memcmp(in_, out_, len_) != 0) {
      std::size_t i = 0;
      while (in_[i] == out_[i])
        ++i;
      char what[160];
      std::snprintf(what, sizeof what,
                    "round trip %llu: byte %zu of %zu is 0x%02x, expected 0x%02x",
                    static_cast<unsigned long long>(total_), i, len_,
                    static_cast<unsigned char>(in_[i]), static_cast<unsigned char>(out_[i]));
      return stop(what);
    }
    round_trips.fetch_add(1);
    bytes_verified.fetch_add(len_);
    ++total_;
    // A connection counts as made once a round trip went through the server's accept.
    if (this_connection_++ == 0) reconnecting.fetch_sub(1);
    if (id_ % churn_every == 0 && this_connection_ >= churn_round_trips && try_reconnect()) return;
    timer_.expires_after(std::chrono::microseconds(rng_() % 2000));
    timer_.async_wait([this](error_code ec) {
      if (ec) return stop("timer: " + ec.message());
      send();
    });
  }

  // Counted before pause_churn is read, so the sampler either sees this reconnect in flight
  // or this client sees the pause.
  bool try_reconnect() {
    if (reconnecting.fetch_add(1) >= max_reconnecting || pause_churn || stopping) {
      reconnecting.fetch_sub(1);
      return false;
    }
    error_code ignored;
    socket_.close(ignored);
    client_open.fetch_sub(1);
    reconnects.fetch_add(1);
    this_connection_ = 0;
    connect();
    return true;
  }

  void stop(const std::string& error) {
    if (!error.empty()) fail("client " + std::to_string(id_) + ": " + error);
    error_code ignored;
    socket_.close(ignored);
    client_open.fetch_sub(1);
    clients_done.fetch_add(1);
  }

  int id_;
  tcp::endpoint server_;
  tcp::socket socket_;
  ringport::steady_timer timer_;
  std::minstd_rand rng_;
  std::size_t len_ = 0;
  std::uint64_t total_ = 0, this_connection_ = 0;
  char out_[max_message], in_[max_message];
};

bool quiesced() {
  return reconnecting == 0 && client_open == connections && server_open == connections;
}

// Holds churn until every client is connected and the server holds exactly their sessions,
// so the descriptor count is exact; false if that does not happen within 5 s.
bool quiesce() {
  pause_churn = true;
  for (auto until = steady::now() + std::chrono::seconds(5); !quiesced();) {
    if (steady::now() > until || failed) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::string state() {
  return "clients open " + std::to_string(client_open) + ", sessions open " +
         std::to_string(server_open) + ", reconnecting " + std::to_string(reconnecting) +
         ", clients done " + std::to_string(clients_done) + ", server context " +
         (server_ran_out ? "done" : "running") + ", client context " +
         (clients_ran_out ? "done" : "running");
}

// Least-squares slope of resident KiB against minutes.
double slope(const std::vector<std::pair<double, long>>& s) {
  double n = static_cast<double>(s.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (auto [x, y] : s)
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  double d = n * sxx - sx * sx;
  return d > 0 ? (n * sxy - sx * sy) / d : 0;
}

int run(double seconds) {
  const char* env = std::getenv("RINGPORT_BACKEND");
  std::string requested = env != nullptr ? env : "";
  const bool verbose = std::getenv("RINGPORT_SOAK_VERBOSE") != nullptr;  // a line per sample
  soak_support::first_use_on_this_thread();
  const int fds_before = soak_support::open_fds();
  std::unique_ptr<ringport::io_context> server_ctx, client_ctx;
  try {
    server_ctx = std::make_unique<ringport::io_context>();
    client_ctx = std::make_unique<ringport::io_context>();
  } catch (const std::exception& e) {
    if (requested == "io_uring") {
      std::printf("SKIP: io_uring unavailable: %s\n", e.what());
      return exit_skip;
    }
    throw;
  }
  const char* backend = ringport::to_string(server_ctx->backend());
  if (!requested.empty() && requested != backend) {
    std::printf("FAIL: asked for %s, got %s\n", requested.c_str(), backend);
    return 1;
  }

  auto acceptor = std::make_unique<tcp::acceptor>(
      *server_ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  accept_loop(*acceptor);
  std::vector<std::unique_ptr<client>> clients;
  reconnecting = connections;  // every first connection counts until its first round trip
  for (int i = 0; i < connections; ++i) {
    clients.push_back(std::make_unique<client>(*client_ctx, i, acceptor->local_endpoint()));
    clients.back()->connect();
  }
  auto run_ctx = [](ringport::io_context& ctx, std::atomic<bool>& done) {
    try {
      ctx.run();
    } catch (const std::exception& e) {
      fail(std::string("run: ") + e.what());
    }
    done = true;
  };
  std::thread server_thread(run_ctx, std::ref(*server_ctx), std::ref(server_ran_out));
  std::thread client_thread(run_ctx, std::ref(*client_ctx), std::ref(clients_ran_out));

  const auto start = steady::now();
  const auto warm_up = std::chrono::duration<double>(std::min(seconds * 0.25, 3.0));
  const auto end =
      start + std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(seconds));
  std::this_thread::sleep_until(start + std::chrono::duration_cast<steady::duration>(warm_up));
  std::vector<std::pair<double, long>> rss;  // (minutes since start, KiB)
  int fds_baseline = -1, fds_max = -1, fds_end = -1;
  for (auto next = steady::now(); !failed; next += std::chrono::milliseconds(500)) {
    std::this_thread::sleep_until(next);
    if (!quiesce()) {
      fail("clients and sessions did not settle within 5 s (" + state() + ")");
      break;
    }
    int fds = soak_support::open_fds();
    rss.emplace_back(std::chrono::duration<double>(steady::now() - start).count() / 60, rss_kib());
    pause_churn = false;
    if (verbose)
      std::printf("  %.1f s: rss %ld KiB, fds %d, round trips %llu\n", rss.back().first * 60,
                  rss.back().second, fds, static_cast<unsigned long long>(round_trips.load()));
    if (fds_baseline < 0) fds_baseline = fds;
    fds_max = std::max(fds_max, fds);
    if (fds != fds_baseline)
      fail("open descriptors " + std::to_string(fds) + ", baseline " +
           std::to_string(fds_baseline) + " (" + state() + ")");
    if (steady::now() >= end) break;
  }

  // Clients stop at their next step; the acceptor closes once they all have.
  stopping = true;
  for (auto until = steady::now() + std::chrono::seconds(10); clients_done < connections;) {
    if (steady::now() > until) {
      fail("clients did not stop within 10 s (" + state() + ")");
      std::printf("FAIL: %s\n", failure.c_str());
      std::fflush(stdout);
      std::_Exit(1);  // handlers may still run on these objects: no orderly teardown
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ringport::post(*server_ctx, [&acceptor] { acceptor->close(); });
  server_thread.join();  // bounded by the watchdog
  client_thread.join();
  std::uint64_t min_round_trips = UINT64_MAX;
  for (auto& c : clients)
    min_round_trips = std::min(min_round_trips, c->total());
  clients.clear();
  acceptor.reset();
  server_ctx.reset();
  client_ctx.reset();
  fds_end = soak_support::open_fds();

  if (!failed && min_round_trips < 1)
    fail("a connection completed no round trip (the minimum per client is 1)");
  if (!failed && fds_end != fds_before)
    fail("open descriptors after teardown " + std::to_string(fds_end) + ", before the test " +
         std::to_string(fds_before));
  long rss_start = rss.empty() ? 0 : rss.front().second;
  long rss_end = rss.empty() ? 0 : rss.back().second;
  double kib_per_min = slope(rss);
  if (!failed && rss.size() < 2) fail("too short to sample (at least 1 s after warm-up needed)");
  if (!failed && rss_end - rss_start > growth_bound_kib)
    fail("resident set grew " + std::to_string(rss_end - rss_start) + " KiB after warm-up (bound " +
         std::to_string(growth_bound_kib) + " KiB)");
  if (!failed && kib_per_min > slope_bound_kib_per_min)
    fail("resident set grows " + std::to_string(static_cast<long>(kib_per_min)) +
         " KiB/min (bound " + std::to_string(static_cast<long>(slope_bound_kib_per_min)) + ")");

  std::printf(
      "soak %s %g s: %d connections, %llu round trips, %llu bytes verified, reconnects %llu, "
      "rss start %ld KiB end %ld KiB (slope %.0f KiB/min), fds before %d baseline %d max %d end "
      "%d: %s\n",
      backend, seconds, connections, static_cast<unsigned long long>(round_trips.load()),
      static_cast<unsigned long long>(bytes_verified.load()),
      static_cast<unsigned long long>(reconnects.load()), rss_start, rss_end, kib_per_min,
      fds_before, fds_baseline, fds_max, fds_end, failed ? "FAIL" : "PASS");
  if (failed) std::printf("FAIL: %s\n", failure.c_str());
  return failed ? 1 : 0;
}

}  // namespace echo_soak_test

#if defined(ECHO_SOAK_ASAN)
// Freed blocks sit in ASan's quarantine (256 MiB by default) before reuse: every operation's
// freed memory then reads as steady growth (measured: about 1 MiB/s here) until the quarantine
// is full, minutes in. A 1 MiB quarantine fills during warm-up and still catches a use after a
// recent free. Set here rather than in ctest's environment so that ASAN_OPTIONS from CI
// (detect_leaks=1) still applies on top: LeakSanitizer stays on.
extern "C" const char* __asan_default_options() {
  return "quarantine_size_mb=1";
}
#endif

int main(int argc, char** argv) {
  const char* env = std::getenv("RINGPORT_SOAK_SECONDS");
  double seconds = argc > 1 ? std::atof(argv[1]) : env != nullptr ? std::atof(env) : 20;
  if (seconds <= 0) {
    std::fprintf(stderr, "usage: echo_soak [seconds]  (or RINGPORT_SOAK_SECONDS; default 20)\n");
    return 2;
  }
  // Whatever happens, the program ends by duration + 30 s.
  soak_support::watchdog watchdog(seconds + 30, [] { return echo_soak_test::state(); });
  int status = 1;
  try {
    status = echo_soak_test::run(seconds);
  } catch (const std::exception& e) {
    std::printf("FAIL: %s\n", e.what());
  }
  return status;
}
