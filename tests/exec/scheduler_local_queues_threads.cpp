// With several threads in run(), what a handler posts waits in its thread's local queue: the
// thread runs it without the scheduler's mutex, and idle threads steal from it. These tests
// check what users rely on: a handler that waits for what it posted sees it run on another
// thread, whether that thread sleeps on the condition variable or in the backend; every
// handler runs exactly once and run() returns only when all did (stolen posts keep counting as
// work); stop() leaves queued posts for the next run(); and threads busy with their own posts
// still run posts from outside and timers. Waits are bounded (10 s) so a broken scheduler
// fails instead of hanging.
#include "arrival_counter.hpp"
#include "backend_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/writable_pipe.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace scheduler_local_queues_threads_test {

using SchedulerLocalQueuesThreads = ringport::test::backend_test;
using namespace std::chrono_literals;

constexpr auto bound = 10s;

using counter = ringport::test::arrival_counter;

// Two threads in run(), proved by two handlers that run at the same time, kept there by a work
// guard until join(), which returns the number of handlers both run() calls ran.
struct two_runners {
  explicit two_runners(ringport::io_context& ctx) : ctx(ctx), guard(ctx.get_executor()) {
    ctx.restart();  // after an earlier run() ran out of work
    for (int i = 0; i < 2; ++i)
      ringport::post(ctx, [this] {
        met.arrive();
        both_met = met.wait_for_count(2);
      });
    for (auto& t : threads)
      t = std::thread([this, &ctx, i = &t - threads] { ran[i] = ctx.run(); });
  }
  std::size_t join() {
    guard.reset();
    for (auto& t : threads)
      t.join();
    return ran[0] + ran[1];
  }

  ringport::io_context& ctx;
  ringport::executor_work_guard<ringport::io_context::executor_type> guard;
  counter met;
  std::atomic<bool> both_met{false};
  std::thread threads[2];
  std::size_t ran[2] = {0, 0};
};

// A handler posts `n` handlers and then blocks until all of them ran: only the other thread
// can run them, taking them from the poster's local queue (half of what is left each time).
void posted_handlers_run_while_poster_blocks(ringport::io_context& ctx, int n) {
  counter ran;
  std::atomic<int> ran_on_poster_thread{0};
  std::atomic<bool> all_ran_meanwhile{false};
  std::thread::id poster;
  two_runners runners(ctx);
  ringport::post(ctx, [&] {
    poster = std::this_thread::get_id();
    for (int i = 0; i < n; ++i)
      ringport::post(ctx, [&] {
        if (std::this_thread::get_id() == poster) ++ran_on_poster_thread;
        ran.arrive();
      });
    all_ran_meanwhile = ran.wait_for_count(n);
  });
  std::size_t handlers = runners.join();
  ASSERT_TRUE(runners.both_met);
  EXPECT_TRUE(all_ran_meanwhile);
  EXPECT_EQ(ran.count(), n);
  EXPECT_EQ(ran_on_poster_thread, 0);
  EXPECT_EQ(handlers, static_cast<std::size_t>(2 + 1 + n));
}

TEST_P(SchedulerLocalQueuesThreads, IdleThreadOnTheConditionVariableRunsABlockedHandlersPosts) {
  posted_handlers_run_while_poster_blocks(ctx(), 1);
  posted_handlers_run_while_poster_blocks(ctx(), 64);
}

TEST_P(SchedulerLocalQueuesThreads, ThreadWaitingInTheBackendRunsABlockedHandlersPosts) {
  // A pending timer makes the idle thread wait in the backend rather than on the condition
  // variable: the post must interrupt that wait.
  ringport::steady_timer far(ctx(), 1h);
  bool far_aborted = false;
  far.async_wait(
      [&](const std::error_code& ec) { far_aborted = ec == ringport::error::operation_aborted; });
  counter ran;
  std::atomic<bool> all_ran_meanwhile{false};
  two_runners runners(ctx());
  ringport::post(ctx(), [&] {
    for (int i = 0; i < 64; ++i)
      ringport::post(ctx(), [&] { ran.arrive(); });
    all_ran_meanwhile = ran.wait_for_count(64);
    ringport::post(ctx(), [&] { far.cancel(); });
  });
  std::size_t handlers = runners.join();
  ASSERT_TRUE(runners.both_met);
  EXPECT_TRUE(all_ran_meanwhile);
  EXPECT_EQ(ran.count(), 64);
  EXPECT_TRUE(far_aborted);
  EXPECT_EQ(handlers, static_cast<std::size_t>(2 + 1 + 64 + 1 + 1));
}

TEST_P(SchedulerLocalQueuesThreads, RunReturnsOnlyAfterStolenPostsRan) {
  // The poster returns while half of its posts may still be queued or running on the other
  // thread; neither run() may return before every one of them ran.
  for (int round = 0; round < 20; ++round) {
    std::atomic<int> ran{0};
    counter half;
    two_runners runners(ctx());
    ringport::post(ctx(), [&] {
      for (int i = 0; i < 100; ++i)
        ringport::post(ctx(), [&] {
          if (++ran == 50) half.arrive();
        });
      half.wait_for_count(1);
    });
    std::size_t handlers = runners.join();
    ASSERT_TRUE(runners.both_met);
    ASSERT_EQ(ran, 100) << "round " << round;
    ASSERT_EQ(handlers, static_cast<std::size_t>(2 + 1 + 100)) << "round " << round;
  }
}

TEST_P(SchedulerLocalQueuesThreads, StopLeavesLocalPostsForTheNextRun) {
  std::vector<int> runs(10, 0);
  two_runners runners(ctx());
  ringport::post(ctx(), [&] {
    for (int& r : runs)
      ringport::post(ctx(), [&r] { ++r; });
    ctx().stop();
  });
  runners.join();
  ASSERT_TRUE(runners.both_met);
  ctx().restart();
  std::size_t rest = ctx().run();
  int total = 0;
  for (int r : runs) {
    EXPECT_EQ(r, 1);
    total += r;
  }
  EXPECT_EQ(total, 10);
  EXPECT_LE(rest, 10u);
}

// Both threads keep running chains of their own posts until `done` is set or the bound
// passes; returns whether `done` was set in time.
template <typename Start>
bool while_chains_run(ringport::io_context& ctx, std::atomic<bool>& done, Start start) {
  auto give_up = std::chrono::steady_clock::now() + bound;
  struct chain {
    ringport::io_context* ctx;
    std::atomic<bool>* done;
    std::chrono::steady_clock::time_point give_up;
    void operator()() const {
      if (!done->load() && std::chrono::steady_clock::now() < give_up) ringport::post(*ctx, *this);
    }
  };
  two_runners runners(ctx);
  for (int i = 0; i < 8; ++i)
    ringport::post(ctx, chain{&ctx, &done, give_up});
  start();
  runners.join();
  EXPECT_TRUE(runners.both_met);
  return done.load();
}

TEST_P(SchedulerLocalQueuesThreads, PostFromOutsideRunsWhileThreadsFeedThemselves) {
  std::atomic<bool> done{false};
  std::thread outsider;
  EXPECT_TRUE(while_chains_run(ctx(), done, [&] {
    outsider = std::thread([&] {
      std::this_thread::sleep_for(10ms);  // let the chains settle into the local queues
      ringport::post(ctx(), [&] { done = true; });
    });
  }));
  outsider.join();
}

TEST_P(SchedulerLocalQueuesThreads, TimerFiresWhileThreadsFeedThemselves) {
  std::atomic<bool> done{false};
  ringport::steady_timer timer(ctx(), 5ms);
  EXPECT_TRUE(while_chains_run(
      ctx(), done, [&] { timer.async_wait([&](const std::error_code& ec) { done = !ec; }); }));
}

TEST_P(SchedulerLocalQueuesThreads, ThreadFeedingItselfKeepsRunningWhileAReadIsPending) {
  // A pending read keeps the backend busy and its marker in the shared queue. One thread is
  // held in a handler until the chains are done, so the other runs them all from its local
  // queue. Looking at the shared queue between its own posts it finds only the marker, polls
  // the backend, finds nothing, and must then go back to its own queue: a thread that polled
  // again and again would stall the chains until the held handler gave up, at the bound.
  ringport::readable_pipe a(ctx());
  ringport::writable_pipe b(ctx());
  ringport::connect_pipe(a, b);
  char byte = 0;
  bool read_aborted = false;
  a.async_read_some(ringport::buffer(&byte, 1), [&](const std::error_code& ec, std::size_t) {
    read_aborted = ec == ringport::error::operation_aborted;
  });
  counter chains_done;
  auto give_up = std::chrono::steady_clock::now() + bound;
  struct chain {
    ringport::io_context* ctx;
    ringport::readable_pipe* a;
    counter* chains_done;
    std::chrono::steady_clock::time_point give_up;
    int left;
    void operator()() {
      if (--left > 0 && std::chrono::steady_clock::now() < give_up) {
        ringport::post(*ctx, *this);
        return;
      }
      chains_done->arrive();
      if (chains_done->count() == 8) a->cancel();
    }
  };
  std::atomic<bool> chains_done_while_held{false};
  two_runners runners(ctx());
  ringport::post(ctx(), [&] { chains_done_while_held = chains_done.wait_for_count(8); });
  for (int i = 0; i < 8; ++i)
    ringport::post(ctx(), chain{&ctx(), &a, &chains_done, give_up, 20000});
  runners.join();
  ASSERT_TRUE(runners.both_met);
  EXPECT_TRUE(chains_done_while_held) << "the chains stalled while one thread was held";
  EXPECT_EQ(chains_done.count(), 8);
  EXPECT_TRUE(read_aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerLocalQueuesThreads);

}  // namespace scheduler_local_queues_threads_test
