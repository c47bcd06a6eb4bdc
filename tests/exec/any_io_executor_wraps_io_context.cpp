// any_io_executor over an io_context executor: handlers run on that context, inline when the
// caller is already inside it, and the wrapped executor stays reachable.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <typeinfo>
#include <vector>

namespace any_io_executor_wraps_io_context_test {

using AnyIoExecutorWrapsIoContext = ringport::test::context_test;
namespace execution = ringport::execution;

static_assert(execution::executor<ringport::any_io_executor>);

TEST_F(AnyIoExecutorWrapsIoContext, HandlersRunOnTheContext) {
  ringport::any_io_executor ex = ctx().get_executor();
  bool ran = false, inside = false;
  ringport::post(ex, [&] {
    ran = true;
    inside = ctx().get_executor().running_in_this_thread();
  });
  EXPECT_FALSE(ran);
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_TRUE(ran);
  EXPECT_TRUE(inside);
}

TEST_F(AnyIoExecutorWrapsIoContext, ExecuteInsideTheContextRunsInline) {
  ringport::any_io_executor ex = ctx().get_executor();
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    execution::execute(ex, [&] { order.push_back(1); });
    order.push_back(2);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST_F(AnyIoExecutorWrapsIoContext, ContextQueries) {
  ringport::any_io_executor ex = ctx().get_executor();
  EXPECT_EQ(&ringport::query(ex, execution::context_as<ringport::execution_context&>),
            static_cast<ringport::execution_context*>(&ctx()));
  EXPECT_EQ(&ringport::query(ex, execution::context),
            static_cast<ringport::execution_context*>(&ctx()));
}

TEST_F(AnyIoExecutorWrapsIoContext, TargetIsTheWrappedExecutor) {
  ringport::any_io_executor ex = ctx().get_executor();
  using io_ex = ringport::io_context::executor_type;
  EXPECT_TRUE(ex.target_type() == typeid(io_ex));
  ASSERT_NE(ex.target<io_ex>(), nullptr);
  EXPECT_TRUE(*ex.target<io_ex>() == ctx().get_executor());
  EXPECT_EQ(ex.target<ringport::strand<io_ex>>(), nullptr);
  const ringport::any_io_executor& cex = ex;
  EXPECT_NE(cex.target<io_ex>(), nullptr);
}

TEST_F(AnyIoExecutorWrapsIoContext, RunsOnTheRightOneOfTwoContexts) {
  auto other = make_context();
  ringport::any_io_executor a = ctx().get_executor();
  ringport::any_io_executor b = other->get_executor();
  bool ran_a = false, ran_b = false;
  ringport::post(a, [&] { ran_a = ctx().get_executor().running_in_this_thread(); });
  ringport::post(b, [&] { ran_b = other->get_executor().running_in_this_thread(); });
  ctx().run();
  EXPECT_TRUE(ran_a);
  EXPECT_FALSE(ran_b);
  other->run();
  EXPECT_TRUE(ran_b);
}

}  // namespace any_io_executor_wraps_io_context_test
