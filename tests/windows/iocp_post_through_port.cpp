// IOCP only: a post() from a thread outside the context travels through the completion port
// (PostQueuedCompletionStatus, no scheduler lock, no extra wake-up) and runs on a thread in
// run(); packets still in the port when the context dies are destroyed, never called.

#include "backend_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace iocp_post_through_port_test {

using IocpPostThroughPort = ringport::test::backend_test;

TEST_P(IocpPostThroughPort, ForeignPostWakesBlockedRunAndRunsOnItsThread) {
  constexpr int count = 100;
  auto guard = ringport::make_work_guard(ctx());
  std::atomic<bool> running{false};
  std::thread::id run_thread;
  std::size_t ran = 0;
  std::thread runner([&] {
    run_thread = std::this_thread::get_id();
    running = true;
    ran = ctx().run();
  });
  while (!running.load())
    std::this_thread::yield();
  // Let the runner block in GetQueuedCompletionStatusEx: only the packets can wake it now.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  std::vector<int> order;
  std::vector<std::thread::id> threads;
  std::thread poster([&] {
    for (int i = 0; i < count; ++i)
      ringport::post(ctx(), [&order, &threads, i] {
        order.push_back(i);
        threads.push_back(std::this_thread::get_id());
      });
  });
  poster.join();
  guard.reset();
  runner.join();

  EXPECT_EQ(ran, static_cast<std::size_t>(count));
  ASSERT_EQ(order.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    EXPECT_EQ(order[i], i) << "one poster's packets keep FIFO order";
  for (const std::thread::id& id : threads)
    EXPECT_EQ(id, run_thread);
}

TEST_P(IocpPostThroughPort, ForeignPostTakesNoSchedulerLock) {
  // The scheduler's own queue needs its mutex, the port does not: with the mutex held here,
  // a post() from another thread can only return if its op went into the port.
  std::atomic<bool> posted{false};
  bool ran = false;
  std::thread poster;
  {
    auto lock = ctx().impl().lock_timers();
    poster = std::thread([&] {
      ringport::post(ctx(), [&ran] { ran = true; });
      posted = true;
    });
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!posted.load() && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(posted.load()) << "post() waited for the scheduler's mutex, so the op did not "
                                  "travel through the completion port";
  }
  poster.join();
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_TRUE(ran);
}

TEST_P(IocpPostThroughPort, PostedBeforeRunWaitInThePort) {
  // Nobody runs the context while the packets are posted: they wait in the port, count as
  // work, and run() returns exactly when they are done.
  int ran = 0;
  std::thread poster([&] {
    for (int i = 0; i < 10; ++i)
      ringport::post(ctx(), [&ran] { ++ran; });
  });
  poster.join();
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(ctx().run(), 10u);
  EXPECT_EQ(ran, 10);
}

// Counts one when the last copy of a handler that holds it is destroyed.
class destroy_flag {
 public:
  explicit destroy_flag(std::atomic<int>& destroyed) : destroyed_(destroyed) {}
  destroy_flag(const destroy_flag&) = delete;
  destroy_flag& operator=(const destroy_flag&) = delete;
  ~destroy_flag() { ++destroyed_; }

 private:
  std::atomic<int>& destroyed_;
};

TEST_P(IocpPostThroughPort, DestroyingContextDestroysPacketsWithoutCalling) {
  constexpr int count = 10;
  auto token = std::make_shared<int>(0);
  std::atomic<int> called{0};
  std::atomic<int> destroyed{0};
  std::thread poster([&] {
    for (int i = 0; i < count; ++i) {
      auto flag = std::make_shared<destroy_flag>(destroyed);
      ringport::post(ctx(), [token, flag, &called] { ++called; });
    }
  });
  poster.join();
  EXPECT_EQ(token.use_count(), count + 1) << "each queued handler holds one copy";
  EXPECT_EQ(destroyed.load(), 0);

  ctx_.reset();  // never run: the handlers are still packets in the port

  EXPECT_EQ(called.load(), 0) << "a destroyed context must not call its handlers";
  EXPECT_EQ(token.use_count(), 1) << "every handler was destroyed";
  EXPECT_EQ(destroyed.load(), count);
}

TEST_P(IocpPostThroughPort, StoppedContextKeepsPacketsForRestart) {
  int ran = 0;
  ctx().stop();
  std::thread poster([&] {
    for (int i = 0; i < 5; ++i)
      ringport::post(ctx(), [&ran] { ++ran; });
  });
  poster.join();
  EXPECT_EQ(ctx().run(), 0u) << "stopped: nothing runs";
  EXPECT_EQ(ran, 0);
  ctx().restart();
  EXPECT_EQ(ctx().run(), 5u);
  EXPECT_EQ(ran, 5);
}

RINGPORT_INSTANTIATE_BACKENDS(IocpPostThroughPort);

}  // namespace iocp_post_through_port_test
