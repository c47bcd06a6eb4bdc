// io_context's executor answers Asio's property queries and require/prefer give executors
// with the requested behaviour.
#include "context_test.hpp"

#include "ringport/execution.hpp"
#include "ringport/post.hpp"

#include <memory>
#include <vector>
#include <type_traits>

namespace executor_properties_test {

using ExecutorProperties = ringport::test::context_test;
namespace execution = ringport::execution;

static_assert(execution::executor<ringport::io_context::executor_type>);

TEST_F(ExecutorProperties, DefaultsMatchAsio) {
  auto ex = ctx().get_executor();
  EXPECT_TRUE(ringport::query(ex, execution::blocking) == execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(ex, execution::relationship) == execution::relationship.fork);
  EXPECT_TRUE(ringport::query(ex, execution::outstanding_work) ==
              execution::outstanding_work.untracked);
  EXPECT_TRUE(ringport::query(ex, execution::mapping) == execution::mapping.thread);
  EXPECT_EQ(&ringport::query(ex, execution::context), &ctx());
  EXPECT_EQ(&ringport::query(ex, execution::context_as<ringport::execution_context&>),
            static_cast<ringport::execution_context*>(&ctx()));
}

TEST_F(ExecutorProperties, RequireChangesBehaviour) {
  auto never = ringport::require(ctx().get_executor(), execution::blocking.never);
  EXPECT_TRUE(ringport::query(never, execution::blocking) == execution::blocking.never);
  auto back = ringport::require(never, execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(back, execution::blocking) == execution::blocking.possibly);
  auto cont = ringport::prefer(ctx().get_executor(), execution::relationship.continuation);
  EXPECT_TRUE(ringport::query(cont, execution::relationship) ==
              execution::relationship.continuation);
}

TEST_F(ExecutorProperties, BlockingNeverQueuesEvenInside) {
  std::vector<int> order;
  ringport::post(ctx(), [&] {
    execution::execute(ringport::require(ctx().get_executor(), execution::blocking.never),
                       [&] { order.push_back(2); });
    execution::execute(ctx().get_executor(), [&] { order.push_back(1); });  // inline
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST_F(ExecutorProperties, TrackedExecutorHoldsWork) {
  auto tracked = ringport::prefer(ctx().get_executor(), execution::outstanding_work.tracked);
  EXPECT_TRUE(ringport::query(tracked, execution::outstanding_work) ==
              execution::outstanding_work.tracked);
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_FALSE(ctx().stopped()) << "a tracked executor must count as work";
  {
    auto copy = tracked;  // copies track too
    auto moved = std::move(tracked);
  }
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_TRUE(ctx().stopped());
}

template <typename T>
struct counting_allocator {
  using value_type = T;
  int* count;
  explicit counting_allocator(int* c) : count(c) {}
  template <typename U>
  counting_allocator(const counting_allocator<U>& o) : count(o.count) {}
  T* allocate(std::size_t n) {
    ++*count;
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
  template <typename U>
  bool operator==(const counting_allocator<U>& o) const {
    return count == o.count;
  }
};

TEST_F(ExecutorProperties, AllocatorPropertyIsUsedForQueuedFunctions) {
  int count = 0;
  auto ex = ringport::require(ctx().get_executor(), execution::blocking.never,
                              execution::allocator(counting_allocator<void>(&count)));
  EXPECT_EQ(ringport::query(ex, execution::allocator).count, &count);
  bool ran = false;
  execution::execute(ex, [&] { ran = true; });
  EXPECT_EQ(count, 1);
  ctx().run();
  EXPECT_TRUE(ran);
}

TEST_F(ExecutorProperties, EqualityFollowsContext) {
  auto other = make_context();
  EXPECT_TRUE(ctx().get_executor() == ctx().get_executor());
  EXPECT_TRUE(ctx().get_executor() != other->get_executor());
}

}  // namespace executor_properties_test
