// Coroutines on an io_context run by four threads: 200 co_spawned coroutines, each awaiting
// timers and nested awaitables (resumed on whichever thread completes the wait), all finish
// with the right values; and 50 coroutines on one strand never run two at a time.
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"

#include <atomic>
#include <chrono>
#include <exception>
#include <thread>
#include <vector>

namespace coro_threads_test {

using CoroThreads = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace std::chrono_literals;

awaitable<int> nested(int v) {
  co_return v * 2;
}

awaitable<int> worker(int v) {
  ringport::steady_timer t(co_await ringport::this_coro::executor);
  int sum = 0;
  for (int i = 0; i < 5; ++i) {
    t.expires_after(100us);
    co_await t.async_wait(use_awaitable);
    sum += co_await nested(v);
  }
  co_return sum;
}

void run_on_threads(ringport::io_context& ctx, int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&ctx] { ctx.run(); });
  for (auto& t : threads)
    t.join();
}

TEST_P(CoroThreads, ManyCoroutinesOnFourThreads) {
  constexpr int count = 200;
  std::atomic<long> total{0};
  std::atomic<int> done{0};
  for (int i = 0; i < count; ++i)
    ringport::co_spawn(ctx(), worker(i), [&](std::exception_ptr e, int v) {
      EXPECT_FALSE(e);
      total += v;
      ++done;
    });
  run_on_threads(ctx(), 4);
  EXPECT_EQ(done.load(), count);
  long expected = 0;
  for (int i = 0; i < count; ++i)
    expected += 10L * i;
  EXPECT_EQ(total.load(), expected);
}

TEST_P(CoroThreads, StrandSerialisesCoroutines) {
  auto strand = ringport::make_strand(ctx());
  int inside = 0;  // only touched inside the strand
  int overlaps = 0;
  int done = 0;
  for (int i = 0; i < 50; ++i)
    ringport::co_spawn(
        strand,
        [&]() -> awaitable<void> {
          ringport::steady_timer t(co_await ringport::this_coro::executor);
          for (int k = 0; k < 3; ++k) {
            if (++inside != 1) ++overlaps;
            --inside;
            t.expires_after(50us);
            co_await t.async_wait(use_awaitable);
          }
          ++done;
        },
        [](std::exception_ptr e) { EXPECT_FALSE(e); });
  run_on_threads(ctx(), 4);
  EXPECT_EQ(done, 50);
  EXPECT_EQ(overlaps, 0);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroThreads);

}  // namespace coro_threads_test
