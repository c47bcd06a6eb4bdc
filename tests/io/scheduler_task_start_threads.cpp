// A context that has only run posted handlers has no thread waiting in the backend: its
// run() threads wait on the scheduler's condition variable. The first timer or socket
// created later must bring one of those threads into the backend, or the timer would never
// fire and the accept never complete. The I/O object is created while the run() thread is
// (very likely) asleep on the condition variable; the check is that the handler runs.
#include "backend_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <future>
#include <thread>

namespace scheduler_task_start_threads_test {

using SchedulerTaskStartThreads = ringport::test::backend_test;
using namespace std::chrono_literals;
using ringport::ip::tcp;

// Starts a thread in ctx.run() and returns once it has run a posted handler, then gives it
// time to go idle (no assertion depends on that time; it only makes the interesting
// interleaving the usual one).
std::thread start_idle_runner(ringport::io_context& ctx) {
  std::promise<void> ran;
  ringport::post(ctx, [&ran] { ran.set_value(); });
  std::thread runner([&ctx] { ctx.run(); });
  EXPECT_EQ(ran.get_future().wait_for(10s), std::future_status::ready);
  std::this_thread::sleep_for(20ms);
  return runner;
}

TEST_P(SchedulerTaskStartThreads, TimerCreatedWhileRunThreadIdleFires) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner = start_idle_runner(ctx());

  std::promise<ringport::error_code> fired;
  ringport::steady_timer timer(ctx(), 30ms);
  timer.async_wait([&fired](const ringport::error_code& ec) { fired.set_value(ec); });
  auto f = fired.get_future();
  const bool ready = f.wait_for(10s) == std::future_status::ready;

  if (!ready) ctx().stop();  // let the runner finish either way
  guard.reset();
  runner.join();
  ASSERT_TRUE(ready) << "the timer never fired: no thread waited in the backend";
  EXPECT_FALSE(f.get());
}

TEST_P(SchedulerTaskStartThreads, SocketCreatedWhileRunThreadIdleCompletesAccept) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner = start_idle_runner(ctx());

  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::address_v4::loopback(), 0));
  tcp::socket accepted(ctx());
  std::promise<ringport::error_code> done;
  acceptor.async_accept(accepted, [&done](const ringport::error_code& ec) { done.set_value(ec); });
  // Connect only after the accept is pending, so it has to wait in the backend.
  tcp::socket client(ctx());
  client.connect(acceptor.local_endpoint());
  auto f = done.get_future();
  const bool ready = f.wait_for(10s) == std::future_status::ready;

  if (!ready) ctx().stop();
  guard.reset();
  runner.join();
  ASSERT_TRUE(ready) << "the accept never completed: no thread waited in the backend";
  EXPECT_FALSE(f.get());
  EXPECT_TRUE(accepted.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerTaskStartThreads);

}  // namespace scheduler_task_start_threads_test
