// co_spawn of an awaitable<int> hands (nullptr, value) to its handler, exactly once, on the
// coroutine's context and never inside co_spawn; the same through a function returning the
// awaitable, and on an executor as well as on a context.
#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>
#include <memory>

namespace co_spawn_value_test {

using CoSpawnValue = ringport::test::context_test;
using ringport::awaitable;

awaitable<int> add(int a, int b) {
  co_return a + b;
}

awaitable<int> twice(int v) {
  int x = co_await add(v, 0);
  co_return x + co_await add(0, v);
}

TEST_F(CoSpawnValue, ValueReachesHandler) {
  int calls = 0;
  int value = 0;
  std::exception_ptr error = std::make_exception_ptr(1);
  ringport::co_spawn(ctx(), twice(21), [&](std::exception_ptr e, int v) {
    ++calls;
    error = e;
    value = v;
  });
  EXPECT_EQ(calls, 0);  // never inside co_spawn
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(error);
  EXPECT_EQ(value, 42);
}

TEST_F(CoSpawnValue, FunctionReturningAwaitableOnExecutor) {
  int value = 0;
  auto holder = std::make_unique<int>(5);  // move-only state captured by the function
  ringport::co_spawn(
      ctx().get_executor(),
      [h = std::move(holder)]() -> awaitable<int> { co_return *h + co_await add(1, 1); },
      [&](std::exception_ptr e, int v) {
        EXPECT_FALSE(e);
        value = v;
      });
  ctx().run();
  EXPECT_EQ(value, 7);
}

TEST_F(CoSpawnValue, MoveOnlyValue) {
  std::unique_ptr<int> got;
  ringport::co_spawn(
      ctx(), []() -> awaitable<std::unique_ptr<int>> { co_return std::make_unique<int>(9); },
      [&](std::exception_ptr, std::unique_ptr<int> p) { got = std::move(p); });
  ctx().run();
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, 9);
}

}  // namespace co_spawn_value_test
