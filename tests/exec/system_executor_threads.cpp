// system_executor: dispatch and execute run at once on the calling thread; post, defer and
// blocking.never queue to the system_context's threads.
#include "context_test.hpp"

#include "ringport/defer.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/post.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"

#include <future>
#include <thread>
#include <type_traits>

namespace system_executor_threads_test {

using SystemExecutorThreads = ringport::test::context_test;
namespace execution = ringport::execution;

static_assert(execution::executor<ringport::system_executor>);

TEST_F(SystemExecutorThreads, DispatchAndExecuteRunInline) {
  ringport::system_executor ex;
  bool dispatched = false, executed = false;
  ringport::dispatch(ex, [&] { dispatched = true; });
  EXPECT_TRUE(dispatched);
  execution::execute(ex, [&] { executed = true; });
  EXPECT_TRUE(executed);
}

TEST_F(SystemExecutorThreads, PostAndDeferRunOnAnotherThread) {
  ringport::system_executor ex;
  std::promise<std::thread::id> posted, deferred;
  ringport::post(ex, [&] { posted.set_value(std::this_thread::get_id()); });
  ringport::defer(ex, [&] { deferred.set_value(std::this_thread::get_id()); });
  EXPECT_NE(posted.get_future().get(), std::this_thread::get_id());
  EXPECT_NE(deferred.get_future().get(), std::this_thread::get_id());
}

TEST_F(SystemExecutorThreads, HandlerWithoutExecutorRunsOnSystemContext) {
  // post(handler) with no associated executor uses the system executor.
  std::promise<std::thread::id> ran_on;
  ringport::post([&] { ran_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST_F(SystemExecutorThreads, NeverBlockingExecuteQueues) {
  auto never = ringport::require(ringport::system_executor(), execution::blocking.never);
  EXPECT_TRUE(ringport::query(never, execution::blocking) == execution::blocking.never);
  std::promise<std::thread::id> ran_on;
  execution::execute(never, [&] { ran_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST_F(SystemExecutorThreads, Properties) {
  ringport::system_executor ex;
  EXPECT_TRUE(ringport::query(ex, execution::blocking) == execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(ex, execution::relationship) == execution::relationship.fork);
  EXPECT_TRUE(ringport::query(ex, execution::outstanding_work) ==
              execution::outstanding_work.untracked);
  EXPECT_TRUE(ringport::query(ex, execution::mapping) == execution::mapping.thread);
  ringport::system_context& ctx = ringport::query(ex, execution::context);
  EXPECT_EQ(&ctx, &ex.context());
  EXPECT_TRUE(ctx.get_executor() == ex);
  EXPECT_FALSE(ctx.stopped());
  auto cont = ringport::require(ex, execution::relationship.continuation);
  EXPECT_TRUE(ringport::query(cont, execution::relationship) ==
              execution::relationship.continuation);
  EXPECT_TRUE(ringport::require(cont, execution::relationship.fork) == ex);
  static_assert(std::is_same_v<decltype(ringport::require(ex, execution::blocking.possibly)),
                               ringport::system_executor>);
}

}  // namespace system_executor_threads_test
