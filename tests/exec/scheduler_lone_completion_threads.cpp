// With two threads in run() and one read in flight at a time (a socket streaming, say), the
// thread that runs a read's handler does not wake the idle thread just to wait in the backend:
// it takes the backend's turn itself when the handler returns, and the idle thread sleeps with
// a bound meanwhile. These tests check what that must not change: a handler that blocks until
// another completion has run (which only a thread waiting in the backend can collect) is
// rescued by the idle thread; so is one that waits for a timer; and every handler of a long
// one-at-a-time chain runs once. With the idle thread's sleep made unbounded the first test
// fails on io_uring (after its 10 s bound); on epoll and for the timer another wake-up reaches
// the idle thread first. Waits are bounded (10 s) so a broken scheduler fails instead of
// hanging.
#include "arrival_counter.hpp"
#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/writable_pipe.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace scheduler_lone_completion_threads_test {

using SchedulerLoneCompletionThreads = ringport::test::backend_test;
using counter = ringport::test::arrival_counter;
using namespace std::chrono_literals;

// A pipe whose reads are chained: each read's handler starts the next read and then writes the
// byte it will get, so every wait in the backend collects exactly one completion.
struct chained_pipe {
  explicit chained_pipe(ringport::io_context& ctx) : reader(ctx), writer(ctx) {
    ringport::connect_pipe(reader, writer);
  }
  // Reads `count` bytes one by one; then calls last() inside the last read's handler.
  void run_chain(int count, std::function<void()> last) {
    left = count;
    on_last = std::move(last);
    read_next();
    write_one();
  }
  void read_next() {
    reader.async_read_some(
        ringport::buffer(&byte, 1), [this](const std::error_code& ec, std::size_t n) {
          if (ec || n != 1) {
            failed = true;
            return;
          }
          ++handled;
          if (--left == 0) {
            on_last();
            return;
          }
          read_next();  // started before the byte is written: it completes in the backend
          write_one();
        });
  }
  void write_one() {
    char c = 'x';
    std::error_code ec;
    if (writer.write_some(ringport::buffer(&c, 1), ec) != 1) failed = true;
  }

  ringport::readable_pipe reader;
  ringport::writable_pipe writer;
  char byte = 0;
  int left = 0;
  std::atomic<int> handled{0};
  std::atomic<bool> failed{false};
  std::function<void()> on_last;
};

// Runs ctx on this thread and one more until it runs out of work, then checks that the chain
// read its `count` bytes.
void run_on_two_threads(ringport::io_context& ctx, const chained_pipe& chain, int count) {
  std::thread other([&ctx] { ctx.run(); });
  ctx.run();
  other.join();
  EXPECT_FALSE(chain.failed);
  EXPECT_EQ(chain.handled, count);
}

TEST_P(SchedulerLoneCompletionThreads, AHandlerThatWaitsForAnotherCompletionIsRescued) {
  // The last handler of a one-at-a-time chain starts a read on a second pipe, writes its byte
  // and waits for that read's handler. Nobody waits in the backend then: the other thread must
  // come for the backend's turn by itself.
  chained_pipe chain(ctx());
  chained_pipe second(ctx());
  counter second_ran;
  std::atomic<bool> rescued{false};
  std::thread::id last_thread, second_thread;
  chain.run_chain(200, [&] {
    last_thread = std::this_thread::get_id();
    second.reader.async_read_some(ringport::buffer(&second.byte, 1),
                                  [&](const std::error_code& ec, std::size_t n) {
                                    if (!ec && n == 1) {
                                      second_thread = std::this_thread::get_id();
                                      second_ran.arrive();
                                    }
                                  });
    second.write_one();
    rescued = second_ran.wait_for_count(1);
  });
  run_on_two_threads(ctx(), chain, 200);
  EXPECT_TRUE(rescued);
  EXPECT_NE(second_thread, last_thread);
}

TEST_P(SchedulerLoneCompletionThreads, AHandlerThatWaitsForATimerIsRescued) {
  // The same with a timer: only a thread that takes the backend's turn collects due timers.
  chained_pipe chain(ctx());
  ringport::steady_timer timer(ctx());
  counter timer_ran;
  std::atomic<bool> rescued{false};
  chain.run_chain(100, [&] {
    timer.expires_after(1ms);
    timer.async_wait([&](const std::error_code& ec) {
      if (!ec) timer_ran.arrive();
    });
    rescued = timer_ran.wait_for_count(1);
  });
  run_on_two_threads(ctx(), chain, 100);
  EXPECT_TRUE(rescued);
}

TEST_P(SchedulerLoneCompletionThreads, ALongChainRunsEveryHandlerOnceOnTwoThreads) {
  // Threads come and go while a one-at-a-time chain runs: every read completes once.
  chained_pipe chain(ctx());
  counter done;
  chain.run_chain(3000, [&] { done.arrive(); });
  auto guard = ringport::make_work_guard(ctx());
  std::thread first([this] { ctx().run(); });
  for (int i = 0; i < 20 && chain.handled < 3000; ++i) {
    std::thread visitor([this] { ctx().run_for(2ms); });
    visitor.join();
  }
  EXPECT_TRUE(done.wait_for_count(1));
  guard.reset();
  first.join();
  EXPECT_FALSE(chain.failed);
  EXPECT_EQ(chain.handled, 3000);
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerLoneCompletionThreads);

}  // namespace scheduler_lone_completion_threads_test
