// A wait's handler runs through its associated executor: a handler bound to another
// io_context runs there (and keeps that context's run() going while pending); by default it
// runs on the timer's executor, whether that is any_io_executor or io_context's own.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <chrono>
#include <thread>
#include <type_traits>

namespace timer_handler_executor_test {

using TimerHandlerExecutorThreads = ringport::test::backend_test;
using namespace std::chrono_literals;

template <typename F>
struct on_executor {
  using executor_type = ringport::io_context::executor_type;
  executor_type ex;
  F f;
  executor_type get_executor() const noexcept { return ex; }
  void operator()(ringport::error_code ec) { f(ec); }
};
template <typename F>
on_executor(ringport::io_context::executor_type, F) -> on_executor<F>;

TEST_P(TimerHandlerExecutorThreads, HandlerRunsOnItsOwnContext) {
  auto other = make_context();
  ringport::steady_timer t(ctx(), 5ms);
  std::thread::id ran_on;
  bool in_other = false;
  t.async_wait(on_executor{other->get_executor(), [&](ringport::error_code ec) {
                             EXPECT_FALSE(ec);
                             ran_on = std::this_thread::get_id();
                             in_other = other->get_executor().running_in_this_thread();
                           }});
  // The pending wait holds work on the other context: its run() must not return at once.
  std::thread other_runner([&] { other->run(); });
  auto other_id = other_runner.get_id();
  ctx().run();
  other_runner.join();
  EXPECT_TRUE(in_other);
  EXPECT_EQ(ran_on, other_id);
}

TEST_P(TimerHandlerExecutorThreads, DefaultIsTimersExecutor) {
  ringport::steady_timer t(ctx(), 1ms);
  bool inside = false;
  t.async_wait(
      [&](ringport::error_code) { inside = ctx().get_executor().running_in_this_thread(); });
  ctx().run();
  EXPECT_TRUE(inside);
}

TEST_P(TimerHandlerExecutorThreads, NativeExecutorTimer) {
  // The timer can name io_context's executor type instead of any_io_executor.
  using native_timer =
      ringport::basic_waitable_timer<std::chrono::steady_clock,
                                     ringport::wait_traits<std::chrono::steady_clock>,
                                     ringport::io_context::executor_type>;
  native_timer t(ctx().get_executor(), 1ms);
  static_assert(std::is_same_v<native_timer::executor_type, ringport::io_context::executor_type>);
  EXPECT_EQ(t.get_executor(), ctx().get_executor());
  using rebound =
      ringport::steady_timer::rebind_executor<ringport::io_context::executor_type>::other;
  static_assert(std::is_same_v<rebound, native_timer>);
  bool fired = false;
  t.async_wait([&](ringport::error_code ec) { fired = !ec; });
  ctx().run();
  EXPECT_TRUE(fired);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerHandlerExecutorThreads);

}  // namespace timer_handler_executor_test
