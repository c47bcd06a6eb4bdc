// A future from use_future can be waited on by a thread other than the one running the
// context: the promise is settled from inside run() and wakes the waiter.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <thread>

namespace use_future_wait_from_thread_test {

using UseFutureThreads = ringport::test::context_test;

TEST_F(UseFutureThreads, WaiterWakesWhenRunDeliversTheResult) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([this] { ctx().run(); });
  for (int i = 0; i < 100; ++i) {
    std::future<int> f = ringport::post(ctx(), ringport::use_future([i] { return i; }));
    EXPECT_EQ(f.get(), i);
  }
  guard.reset();
  runner.join();
}

}  // namespace use_future_wait_from_thread_test
