// any_io_executor over a thread_pool executor, a strand on a pool, and the system executor:
// handlers run on the wrapped executor's threads and context queries name its context.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/system_executor.hpp"
#include "ringport/thread_pool.hpp"

#include <future>
#include <thread>

namespace any_io_executor_wraps_pools_threads_test {

using AnyIoExecutorWrapsPoolsThreads = ringport::test::context_test;
namespace execution = ringport::execution;

TEST_F(AnyIoExecutorWrapsPoolsThreads, ThreadPool) {
  ringport::thread_pool pool(2);
  ringport::any_io_executor ex = pool.get_executor();
  EXPECT_EQ(&ringport::query(ex, execution::context),
            static_cast<ringport::execution_context*>(&pool));
  EXPECT_NE(ex.target<ringport::thread_pool::executor_type>(), nullptr);
  std::promise<bool> on_pool;
  ringport::post(ex, [&] { on_pool.set_value(pool.get_executor().running_in_this_thread()); });
  EXPECT_TRUE(on_pool.get_future().get());
  pool.wait();
}

TEST_F(AnyIoExecutorWrapsPoolsThreads, StrandOnThreadPool) {
  ringport::thread_pool pool(2);
  auto strand = ringport::make_strand(pool);
  ringport::any_io_executor ex = strand;
  std::promise<bool> inside;
  ringport::post(ex, [&] {
    inside.set_value(strand.running_in_this_thread() &&
                     pool.get_executor().running_in_this_thread());
  });
  EXPECT_TRUE(inside.get_future().get());
  pool.wait();
}

TEST_F(AnyIoExecutorWrapsPoolsThreads, SystemExecutor) {
  ringport::any_io_executor ex = ringport::system_executor();
  EXPECT_EQ(&ringport::query(ex, execution::context),
            static_cast<ringport::execution_context*>(&ringport::system_executor().context()));
  // post: queued to the system context's threads.
  std::promise<std::thread::id> ran_on;
  ringport::post(ex, [&] { ran_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
  // execute: the system executor may block, so it runs right here.
  bool inline_run = false;
  execution::execute(ex, [&] { inline_run = true; });
  EXPECT_TRUE(inline_run);
}

}  // namespace any_io_executor_wraps_pools_threads_test
