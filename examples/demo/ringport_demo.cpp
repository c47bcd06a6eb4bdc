// ringport's demo: which backend the machine gets (and why), then post() and timer
// throughput on every backend the machine has, side by side in one run.
#include <ringport.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// One handler posts the next: the cost of a post() round through the scheduler.
double post_chain_rate(ringport::backend_kind kind, int chains, int threads, int per_chain) {
  ringport::io_context ctx(kind);
  struct step {
    ringport::io_context* ctx;
    int left;
    void operator()() {
      if (--left > 0) ringport::post(*ctx, *this);
    }
  };
  for (int c = 0; c < chains; ++c)
    ringport::post(ctx, step{&ctx, per_chain});
  auto start = clock_type::now();
  std::vector<std::thread> extra;
  for (int t = 1; t < threads; ++t)
    extra.emplace_back([&] { ctx.run(); });
  ctx.run();
  for (auto& t : extra)
    t.join();
  return chains * static_cast<double>(per_chain) / seconds_since(start);
}

// Timers scheduled at spread deadlines and all fired: the cost of the timer queue plus one
// wake-up per deadline batch.
double timer_rate(ringport::backend_kind kind, int count) {
  ringport::io_context ctx(kind);
  std::vector<ringport::steady_timer> timers;
  timers.reserve(static_cast<std::size_t>(count));
  int fired = 0;
  auto start = clock_type::now();
  auto base = clock_type::now() + std::chrono::milliseconds(1);
  for (int i = 0; i < count; ++i) {
    timers.emplace_back(ctx, base + std::chrono::microseconds(i % 1000));
    timers.back().async_wait([&](const ringport::error_code& ec) {
      if (!ec) ++fired;
    });
  }
  ctx.run();
  double rate = fired / seconds_since(start);
  return fired == count ? rate : 0.0;
}

// How late a 250 µs timer fires (median over a chain of waits, in µs): shows that the backend
// wakes at the deadline with sub-millisecond resolution.
double timer_lateness_us(ringport::backend_kind kind, int waits) {
  ringport::io_context ctx(kind);
  ringport::steady_timer timer(ctx);
  std::vector<double> late;
  late.reserve(static_cast<std::size_t>(waits));
  std::function<void(const ringport::error_code&)> on_fire = [&](const ringport::error_code&) {
    late.push_back(
        std::chrono::duration<double, std::micro>(clock_type::now() - timer.expiry()).count());
    if (static_cast<int>(late.size()) < waits) {
      timer.expires_after(std::chrono::microseconds(250));
      timer.async_wait(on_fire);
    }
  };
  timer.expires_after(std::chrono::microseconds(250));
  timer.async_wait(on_fire);
  ctx.run();
  std::sort(late.begin(), late.end());
  return late[late.size() / 2];
}

// Median of `rounds` measurements, taken interleaved with the other backends by the caller.
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;

  ringport::io_context automatic;
  std::printf("ringport demo\n");
  std::printf("automatic backend choice: %s", ringport::to_string(automatic.backend()));
  if (automatic.backend_fallback_reason().empty())
    std::printf(" (preferred backend started)\n");
  else
    std::printf(" (fallback: %s)\n", automatic.backend_fallback_reason().c_str());

  std::vector<ringport::backend_kind> kinds;
#if defined(_WIN32)
  kinds = {ringport::backend_kind::iocp};
#else
  kinds = {ringport::backend_kind::io_uring, ringport::backend_kind::epoll};
#endif
  std::vector<ringport::backend_kind> usable;
  for (auto k : kinds) {
    try {
      ringport::io_context probe(k);
      usable.push_back(k);
    } catch (const std::exception& e) {
      std::printf("backend %s unavailable: %s\n", ringport::to_string(k), e.what());
    }
  }

  struct row {
    std::vector<double> post1, post2, timers, lateness;
  };
  std::vector<row> rows(usable.size());
  // Rounds interleave the backends (A B A B ...) so drift in machine speed hits all alike.
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < usable.size(); ++i) {
      rows[i].post1.push_back(post_chain_rate(usable[i], 1, 1, 200000));
      rows[i].post2.push_back(post_chain_rate(usable[i], 4, 2, 50000));
      rows[i].timers.push_back(timer_rate(usable[i], 100000));
      rows[i].lateness.push_back(timer_lateness_us(usable[i], 200));
    }
  }

  std::printf("\nmedian of %d interleaved rounds (2 cores, numbers drift: compare rows)\n", rounds);
  std::printf(
      "| backend  | post() chain, 1 thread | post() 4 chains, 2 threads | timers fired | 250 us "
      "timer fires late by |\n");
  std::printf(
      "|----------|------------------------|----------------------------|--------------|-------"
      "-------------------|\n");
  for (std::size_t i = 0; i < usable.size(); ++i) {
    std::printf("| %-8s | %15.2f M/s    | %19.2f M/s    | %7.2f M/s  | %16.1f us        |\n",
                ringport::to_string(usable[i]), median(rows[i].post1) / 1e6,
                median(rows[i].post2) / 1e6, median(rows[i].timers) / 1e6,
                median(rows[i].lateness));
  }
  return 0;
}
