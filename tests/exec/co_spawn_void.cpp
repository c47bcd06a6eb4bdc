// co_spawn of an awaitable<void> completes with void(std::exception_ptr): a null pointer
// once the body has run to its end.
#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>

namespace co_spawn_void_test {

using CoSpawnVoid = ringport::test::context_test;
using ringport::awaitable;

awaitable<void> bump(int& n) {
  ++n;
  co_return;
}

awaitable<void> body(int& n) {
  co_await bump(n);
  co_await bump(n);
}

TEST_F(CoSpawnVoid, CompletesWithNullException) {
  int n = 0;
  int calls = 0;
  ringport::co_spawn(ctx(), body(n), [&](std::exception_ptr e) {
    ++calls;
    EXPECT_FALSE(e);
    EXPECT_EQ(n, 2);  // the handler runs after the body
  });
  EXPECT_EQ(n, 0);  // the body does not run inside co_spawn
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(n, 2);
}

}  // namespace co_spawn_void_test
