// A strand forwards properties to its inner executor: require/prefer give strands (sharing the
// same queue) over the adapted inner executor, and queries answer for the inner executor.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/execution.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <type_traits>
#include <vector>

namespace strand_properties_test {

using StrandProperties = ringport::test::context_test;
namespace execution = ringport::execution;
using io_strand = ringport::strand<ringport::io_context::executor_type>;

static_assert(execution::executor<io_strand>);

TEST_F(StrandProperties, RequireAndPreferReturnStrands) {
  auto s = ringport::make_strand(ctx());
  auto never = ringport::require(s, execution::blocking.never);
  using never_inner = decltype(ringport::require(ctx().get_executor(), execution::blocking.never));
  static_assert(std::is_same_v<decltype(never), ringport::strand<never_inner>>);
  EXPECT_TRUE(ringport::query(never, execution::blocking) == execution::blocking.never);

  auto tracked = ringport::prefer(s, execution::outstanding_work.tracked);
  EXPECT_TRUE(ringport::query(tracked, execution::outstanding_work) ==
              execution::outstanding_work.tracked);
  auto cont = ringport::prefer(s, execution::relationship.continuation);
  EXPECT_TRUE(ringport::query(cont, execution::relationship) ==
              execution::relationship.continuation);

  // Back to the original properties: the very same strand.
  auto back = ringport::require(never, execution::blocking.possibly);
  static_assert(std::is_same_v<decltype(back), io_strand>);
  EXPECT_TRUE(back == s);
}

TEST_F(StrandProperties, QueriesAnswerForTheInnerExecutor) {
  auto s = ringport::make_strand(ctx());
  EXPECT_EQ(&ringport::query(s, execution::context), &ctx());
  EXPECT_TRUE(ringport::query(s, execution::blocking) == execution::blocking.possibly);
  EXPECT_TRUE(ringport::query(s, execution::mapping) == execution::mapping.thread);
  EXPECT_TRUE(s.get_inner_executor() == ctx().get_executor());
  EXPECT_EQ(&s.context(), &ctx());
}

TEST_F(StrandProperties, RebindsShareOneQueue) {
  // Handlers submitted through differently-configured copies still run one by one, in order.
  auto s = ringport::make_strand(ctx());
  auto never = ringport::require(s, execution::blocking.never);
  auto cont = ringport::prefer(s, execution::relationship.continuation);
  std::vector<int> order;
  ringport::post(s, [&] { order.push_back(1); });
  execution::execute(never, [&] { order.push_back(2); });
  ringport::post(cont, [&] { order.push_back(3); });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(StrandProperties, EqualityIsSameQueueAndSameInner) {
  auto a = ringport::make_strand(ctx());
  auto b = ringport::make_strand(ctx());
  auto a2 = a;
  EXPECT_TRUE(a == a2);
  EXPECT_TRUE(a != b);
}

TEST_F(StrandProperties, ConvertsToStrandOfAnyIoExecutor) {
  auto s = ringport::make_strand(ctx());
  ringport::strand<ringport::any_io_executor> converted = s;
  bool inside = false;
  ringport::post(s, [&] { inside = converted.running_in_this_thread(); });
  ctx().run();
  EXPECT_TRUE(inside);
  EXPECT_EQ(&ringport::query(converted, execution::context),
            static_cast<ringport::execution_context*>(&ctx()));
}

TEST_F(StrandProperties, StrandOverAnyIoExecutor) {
  // The usual class-member spelling: strand<any_io_executor> made from an any_io_executor,
  // copied, compared, and itself wrapped in an any_io_executor.
  using any_strand = ringport::strand<ringport::any_io_executor>;
  static_assert(execution::executor<any_strand>);
  any_strand s = ringport::make_strand(ringport::any_io_executor(ctx().get_executor()));
  any_strand copy = s;
  EXPECT_TRUE(copy == s);
  ringport::any_io_executor wrapped = s;
  int inside = 0;
  ringport::post(wrapped, [&] { inside += s.running_in_this_thread(); });
  ringport::post(copy, [&] { inside += s.running_in_this_thread(); });
  ctx().run();
  EXPECT_EQ(inside, 2);
}

}  // namespace strand_properties_test
