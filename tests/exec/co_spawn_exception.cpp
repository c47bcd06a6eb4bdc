// An exception that escapes a co_spawned coroutine reaches the completion handler as the
// exception_ptr (void(std::exception_ptr) and void(std::exception_ptr, T) with T()); an
// exception thrown by a nested awaitable propagates through co_await to its caller first.
#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>
#include <stdexcept>
#include <string>

namespace co_spawn_exception_test {

using CoSpawnException = ringport::test::context_test;
using ringport::awaitable;

awaitable<int> fails() {
  throw std::runtime_error("inner");
  co_return 1;
}

awaitable<void> throws_void() {
  co_await fails();
}

awaitable<int> catches() {
  try {
    co_await fails();
  } catch (const std::runtime_error& e) {
    co_return std::string(e.what()) == "inner" ? 5 : -1;
  }
  co_return 0;
}

std::string message_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  }
}

TEST_F(CoSpawnException, VoidCoroutineExceptionReachesHandler) {
  std::exception_ptr error;
  int calls = 0;
  ringport::co_spawn(ctx(), throws_void(), [&](std::exception_ptr e) {
    ++calls;
    error = e;
  });
  ctx().run();  // does not throw
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(error);
  EXPECT_EQ(message_of(error), "inner");
}

TEST_F(CoSpawnException, ValueCoroutineExceptionReachesHandlerWithDefaultValue) {
  std::exception_ptr error;
  int value = -1;
  ringport::co_spawn(ctx(), fails(), [&](std::exception_ptr e, int v) {
    error = e;
    value = v;
  });
  ctx().run();
  ASSERT_TRUE(error);
  EXPECT_EQ(message_of(error), "inner");
  EXPECT_EQ(value, 0);
}

TEST_F(CoSpawnException, CaughtInsideTheCoroutine) {
  int value = 0;
  ringport::co_spawn(ctx(), catches(), [&](std::exception_ptr e, int v) {
    EXPECT_FALSE(e);
    value = v;
  });
  ctx().run();
  EXPECT_EQ(value, 5);
}

}  // namespace co_spawn_exception_test
