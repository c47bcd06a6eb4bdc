// any_io_executor's properties: require(blocking.never), prefer(blocking.possibly),
// prefer(outstanding_work.*), prefer(relationship.*) act on the wrapped executor, and an
// unsupported preference leaves the executor as it is.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"

#include <memory>
#include <type_traits>
#include <vector>

namespace any_io_executor_properties_test {

using AnyIoExecutorProperties = ringport::test::context_test;
namespace execution = ringport::execution;

TEST_F(AnyIoExecutorProperties, RequireNeverQueuesEvenInside) {
  ringport::any_io_executor ex = ctx().get_executor();
  auto never = ringport::require(ex, execution::blocking.never);
  static_assert(std::is_same_v<decltype(never), ringport::any_io_executor>);
  EXPECT_TRUE(ringport::query(never, execution::blocking) == execution::blocking.never);
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    execution::execute(never, [&] { order.push_back(2); });
    order.push_back(1);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST_F(AnyIoExecutorProperties, PreferPossiblyRunsInlineAgain) {
  ringport::any_io_executor never =
      ringport::require(ctx().get_executor(), execution::blocking.never);
  auto possibly = ringport::prefer(never, execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(possibly, execution::blocking) == execution::blocking.possibly);
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    execution::execute(possibly, [&] { order.push_back(1); });
    order.push_back(2);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST_F(AnyIoExecutorProperties, PreferTrackedHoldsWork) {
  ringport::any_io_executor ex = ctx().get_executor();
  {
    auto tracked = ringport::prefer(ex, execution::outstanding_work.tracked);
    EXPECT_TRUE(ringport::query(tracked, execution::outstanding_work) ==
                execution::outstanding_work.tracked);
    EXPECT_EQ(ctx().poll(), 0u);
    EXPECT_FALSE(ctx().stopped()) << "a tracked any_io_executor must count as work";
    auto untracked = ringport::prefer(tracked, execution::outstanding_work.untracked);
    EXPECT_TRUE(ringport::query(untracked, execution::outstanding_work) ==
                execution::outstanding_work.untracked);
  }
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_TRUE(ctx().stopped());
}

TEST_F(AnyIoExecutorProperties, PreferRelationship) {
  ringport::any_io_executor ex = ctx().get_executor();
  auto cont = ringport::prefer(ex, execution::relationship.continuation);
  EXPECT_TRUE(ringport::query(cont, execution::relationship) ==
              execution::relationship.continuation);
  auto fork = ringport::prefer(cont, execution::relationship.fork);
  EXPECT_TRUE(ringport::query(fork, execution::relationship) == execution::relationship.fork);
  EXPECT_TRUE(fork == ex);
}

TEST_F(AnyIoExecutorProperties, UnsupportedPreferenceIsIgnored) {
  ringport::any_io_executor ex = ctx().get_executor();
  auto same = ringport::prefer(ex, execution::allocator(std::allocator<void>()));
  static_assert(std::is_same_v<decltype(same), ringport::any_io_executor>);
  EXPECT_TRUE(same == ex);
}

}  // namespace any_io_executor_properties_test
