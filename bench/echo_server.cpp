// Benchmark echo server, written as for Asio. The same source builds three programs:
//   bench_echo_ringport     namespace asio = ringport   (backend: RINGPORT_BACKEND=io_uring|epoll,
//                                                         default: the library's own choice)
//   bench_echo_asio         real standalone Asio, its default epoll reactor
//   bench_echo_asio_uring   real standalone Asio with ASIO_HAS_IO_URING + ASIO_DISABLE_EPOLL
// In the Windows build (MinGW, run under Wine) the first two only: ringport on IOCP and real
// Asio on its IOCP backend; there is no SIGUSR1 there, so allocations are not reported.
// Usage: bench_echo_<x> [port]   (0 or none: an ephemeral port). Listens on 127.0.0.1,
// prints "listening on <port>", echoes every connection (read_some, then async_write of
// what came, then read again) with a 16 KiB buffer per connection, forever.
// BENCH_COUNT_ALLOCS=1 counts every operator new; SIGUSR1 writes "allocs <n> reads <m>" to
// stderr (reads = completed non-empty reads, one per round trip in ping-pong).
// BENCH_THREADS=N runs the io_context on N threads (default 1; counting assumes 1). A
// connection never has two handlers at once (read, then write, then read), so no strand.
#if defined(BENCH_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <thread>
#include <utility>
#include <vector>

// ---- allocation counting ----------------------------------------------------------------
namespace bench_counts {
bool counting = false;
std::atomic<unsigned long> allocs{0};
std::atomic<unsigned long> reads{0};

// The servers run one thread: a relaxed load and store (no locked instruction) is enough.
inline void bump(std::atomic<unsigned long>& c) {
  c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void write_number(char*& p, unsigned long v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0)
    *p++ = tmp[--n];
}

// Async-signal-safe: formats by hand and uses write(2) only.
extern "C" void report(int) {
  char buf[96];
  char* p = buf;
  for (const char* s = "allocs "; *s; ++s)
    *p++ = *s;
  write_number(p, allocs.load(std::memory_order_relaxed));
  for (const char* s = " reads "; *s; ++s)
    *p++ = *s;
  write_number(p, reads.load(std::memory_order_relaxed));
  *p++ = '\n';
  ssize_t ignored = ::write(2, buf, static_cast<size_t>(p - buf));
  (void)ignored;
}
}  // namespace bench_counts

void* operator new(std::size_t n) {
  if (bench_counts::counting) bench_counts::bump(bench_counts::allocs);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (bench_counts::counting) bench_counts::bump(bench_counts::allocs);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept {
  return operator new(n, t);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

// ---- the server -----------------------------------------------------------------------------
namespace bench_echo {

using asio::ip::tcp;

class session : public std::enable_shared_from_this<session> {
 public:
  explicit session(tcp::socket socket) : socket_(std::move(socket)) {}

  void start() { do_read(); }

 private:
  void do_read() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(data_),
                            [this, self](const asio::error_code& ec, std::size_t length) {
                              if (!ec) {
                                bench_counts::bump(bench_counts::reads);
                                do_write(length);
                              }
                            });
  }

  void do_write(std::size_t length) {
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(data_, length),
                      [this, self](const asio::error_code& ec, std::size_t) {
                        if (!ec) do_read();
                      });
  }

  tcp::socket socket_;
  std::array<char, 16384> data_;
};

class server {
 public:
  server(asio::io_context& ctx, unsigned short port)
      : acceptor_(ctx, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)) {
    acceptor_.listen(4096);
    std::printf("listening on %u\n", static_cast<unsigned>(acceptor_.local_endpoint().port()));
    std::fflush(stdout);
    do_accept();
  }

 private:
  void do_accept() {
    acceptor_.async_accept([this](const asio::error_code& ec, tcp::socket socket) {
      if (!ec) {
        asio::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<session>(std::move(socket))->start();
      }
      do_accept();
    });
  }

  tcp::acceptor acceptor_;
};

}  // namespace bench_echo

int main(int argc, char** argv) {
  const char* c = std::getenv("BENCH_COUNT_ALLOCS");
  bench_counts::counting = c != nullptr && *c == '1';
#if defined(SIGUSR1)
  ::signal(SIGUSR1, bench_counts::report);
#endif
#if defined(SIGPIPE)
  ::signal(SIGPIPE, SIG_IGN);
#endif
  try {
    asio::io_context ctx;
#if defined(BENCH_REAL_ASIO)
#if defined(ASIO_HAS_IO_URING) && defined(ASIO_DISABLE_EPOLL)
    std::fprintf(stderr, "backend: asio io_uring build\n");
#elif defined(_WIN32)
    std::fprintf(stderr, "backend: asio default (iocp)\n");
#else
    std::fprintf(stderr, "backend: asio default (epoll)\n");
#endif
#else
    std::fprintf(
        stderr, "backend: ringport %s%s%s\n", ringport::to_string(ctx.backend()),
        ctx.backend_fallback_reason().empty() ? "" : " (fallback: ",
        ctx.backend_fallback_reason().empty() ? "" : (ctx.backend_fallback_reason() + ")").c_str());
#endif
    bench_echo::server s(ctx, static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 0));
    const char* t = std::getenv("BENCH_THREADS");
    int threads = t != nullptr && std::atoi(t) > 1 ? std::atoi(t) : 1;
    std::vector<std::thread> extra;
    for (int i = 1; i < threads; ++i)
      extra.emplace_back([&ctx] { ctx.run(); });
    ctx.run();
    for (auto& th : extra)
      th.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "echo server: %s\n", e.what());
    return 1;
  }
  return 0;
}
