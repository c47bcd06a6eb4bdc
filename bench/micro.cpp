// Non-network workloads, written as for Asio. The same source builds bench_micro_ringport
// (namespace asio = ringport; backend from RINGPORT_BACKEND) and bench_micro_asio (real Asio).
// Usage: bench_micro_<x> <workload> [count]   prints one JSON line: {"ops":N,"secs":S,...}
//   post1         one thread: a chain of handlers, each post()s the next     (count: handlers)
//   post2         two threads in run(): 8 chains of post()ed handlers        (count: handlers)
//   strand2       two threads in run(): 8 strands, each a chain of handlers post()ed through
//                 it                                                          (count: handlers)
//   timers        <count> timers (default 1,000,000) scheduled at deadlines spread over 1 ms,
//                 all fired                                                   (count: timers)
//   cancel        schedule + cancel pairs: 1,000 timers waited on with a far deadline, then
//                 all cancelled and their handlers run; repeated              (count: pairs)
#if defined(BENCH_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace bench_micro {

using clock_type = std::chrono::steady_clock;

double since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

// A chain of handlers: each post()s the next through `ex` (the io_context's executor or a
// strand) until `left` reaches zero.
template <typename Executor>
struct step {
  Executor ex;
  long left;
  long* done;
  void operator()() {
    ++*done;
    if (--left > 0) asio::post(ex, std::move(*this));
  }
};

// `chains` chains of count / chains handlers, each on an executor from make(ctx), run by
// `threads` threads; the seconds taken, or -1 if a handler went missing.
template <typename MakeExecutor>
double chains_on(long count, int chains, int threads, MakeExecutor make) {
  asio::io_context ctx;
  std::vector<long> done(static_cast<size_t>(chains) * 16, 0);  // one counter per chain, apart
  for (int c = 0; c < chains; ++c) {
    auto ex = make(ctx);
    asio::post(ex, step<decltype(ex)>{ex, count / chains, &done[static_cast<size_t>(c) * 16]});
  }
  auto start = clock_type::now();
  std::vector<std::thread> extra;
  for (int t = 1; t < threads; ++t)
    extra.emplace_back([&] { ctx.run(); });
  ctx.run();
  for (auto& t : extra)
    t.join();
  double secs = since(start);
  long total = 0;
  for (long d : done)
    total += d;
  if (total != (count / chains) * chains) return -1;
  return secs;
}

double post_chains(long count, int chains, int threads) {
  return chains_on(count, chains, threads,
                   [](asio::io_context& ctx) { return ctx.get_executor(); });
}

double strand_chains(long count, int chains, int threads) {
  return chains_on(count, chains, threads,
                   [](asio::io_context& ctx) { return asio::make_strand(ctx); });
}

double timers(long count) {
  asio::io_context ctx;
  std::vector<asio::steady_timer> ts;
  ts.reserve(static_cast<size_t>(count));
  long fired = 0;
  auto start = clock_type::now();
  auto base = clock_type::now() + std::chrono::milliseconds(1);
  for (long i = 0; i < count; ++i) {
    ts.emplace_back(ctx, base + std::chrono::nanoseconds((i * 997) % 1000000));
    ts.back().async_wait([&fired](const asio::error_code& ec) {
      if (!ec) ++fired;
    });
  }
  ctx.run();
  double secs = since(start);
  return fired == count ? secs : -1;
}

double schedule_cancel(long count) {
  asio::io_context ctx;
  const long batch = 1000;
  std::vector<asio::steady_timer> ts;
  ts.reserve(batch);
  for (long i = 0; i < batch; ++i)
    ts.emplace_back(ctx);
  long aborted = 0;
  auto start = clock_type::now();
  for (long done = 0; done < count; done += batch) {
    for (auto& t : ts) {
      t.expires_after(std::chrono::hours(1));
      t.async_wait([&aborted](const asio::error_code& ec) {
        if (ec == asio::error::operation_aborted) ++aborted;
      });
    }
    for (auto& t : ts)
      t.cancel();
    ctx.restart();
    ctx.run();
  }
  double secs = since(start);
  return aborted == (count + batch - 1) / batch * batch ? secs : -1;
}

}  // namespace bench_micro

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_micro_<x> post1|post2|strand2|timers|cancel [count]\n");
    return 2;
  }
  std::string w = argv[1];
  long count = argc > 2 ? std::atol(argv[2]) : 0;
  double secs = -1;
  if (w == "post1") {
    count = count > 0 ? count : 2000000;
    secs = bench_micro::post_chains(count, 1, 1);
  } else if (w == "post2") {
    count = count > 0 ? count : 2000000;
    secs = bench_micro::post_chains(count, 8, 2);
  } else if (w == "strand2") {
    count = count > 0 ? count : 2000000;
    secs = bench_micro::strand_chains(count, 8, 2);
  } else if (w == "timers") {
    count = count > 0 ? count : 1000000;
    secs = bench_micro::timers(count);
  } else if (w == "cancel") {
    count = count > 0 ? count : 1000000;
    secs = bench_micro::schedule_cancel(count);
  } else {
    std::fprintf(stderr, "unknown workload %s\n", w.c_str());
    return 2;
  }
  if (secs <= 0) {
    std::fprintf(stderr, "bench_micro: %s did not complete every handler\n", w.c_str());
    return 1;
  }
  std::printf("{\"workload\":\"%s\",\"ops\":%ld,\"secs\":%.6f,\"ops_per_s\":%.1f}\n", w.c_str(),
              count, secs, static_cast<double>(count) / secs);
  return 0;
}
