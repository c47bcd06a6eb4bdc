// thread_pool's executor answers Asio's queries, runs inline when possibly-blocking and already
// on a pool thread, queues when never-blocking, and blocking.always waits for the function.
#include "context_test.hpp"

#include "ringport/execution.hpp"
#include "ringport/post.hpp"
#include "ringport/thread_pool.hpp"

#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace thread_pool_executor_properties_threads_test {

using ThreadPoolExecutorPropertiesThreads = ringport::test::context_test;
namespace execution = ringport::execution;

static_assert(execution::executor<ringport::thread_pool::executor_type>);

TEST_F(ThreadPoolExecutorPropertiesThreads, Defaults) {
  ringport::thread_pool pool(1);
  auto ex = pool.get_executor();
  EXPECT_TRUE(ringport::query(ex, execution::blocking) == execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(ex, execution::relationship) == execution::relationship.fork);
  EXPECT_TRUE(ringport::query(ex, execution::outstanding_work) ==
              execution::outstanding_work.untracked);
  EXPECT_TRUE(ringport::query(ex, execution::mapping) == execution::mapping.thread);
  EXPECT_EQ(&ringport::query(ex, execution::context), &pool);
  EXPECT_EQ(&ex.context(), &pool);
  EXPECT_TRUE(ex == pool.executor());
  ringport::thread_pool other(1);
  EXPECT_TRUE(ex != other.get_executor());
}

TEST_F(ThreadPoolExecutorPropertiesThreads, PossiblyInlineNeverQueued) {
  ringport::thread_pool pool(1);
  std::promise<std::vector<int>> result;
  ringport::post(pool, [&] {
    auto order = std::make_shared<std::vector<int>>();
    execution::execute(ringport::require(pool.get_executor(), execution::blocking.never),
                       [&result, order] {
                         order->push_back(3);
                         result.set_value(*order);
                       });
    execution::execute(pool.get_executor(), [order] { order->push_back(1); });
    order->push_back(2);
  });
  EXPECT_EQ(result.get_future().get(), (std::vector<int>{1, 2, 3}));
  pool.wait();
}

TEST_F(ThreadPoolExecutorPropertiesThreads, BlockingAlwaysWaitsForTheFunction) {
  ringport::thread_pool pool(2);
  auto always = ringport::require(pool.get_executor(), execution::blocking.always);
  EXPECT_TRUE(ringport::query(always, execution::blocking) == execution::blocking.always);
  bool ran = false;
  std::thread::id ran_on;
  execution::execute(always, [&] {
    ran = true;
    ran_on = std::this_thread::get_id();
  });
  EXPECT_TRUE(ran) << "blocking.always returned before the function ran";
  EXPECT_NE(ran_on, std::this_thread::get_id());
  pool.wait();
}

TEST_F(ThreadPoolExecutorPropertiesThreads, TrackedExecutorKeepsThreadsRunning) {
  ringport::thread_pool pool(1);
  std::optional tracked(ringport::prefer(pool.get_executor(), execution::outstanding_work.tracked));
  EXPECT_TRUE(ringport::query(*tracked, execution::outstanding_work) ==
              execution::outstanding_work.tracked);
  // wait() releases the pool's own work; the tracked executor's keeps the thread serving.
  std::thread waiter([&] { pool.wait(); });
  std::promise<void> ran;
  ringport::post(pool, [&] { ran.set_value(); });
  ran.get_future().get();
  tracked.reset();  // now the work runs out and wait() returns
  waiter.join();
}

}  // namespace thread_pool_executor_properties_threads_test
