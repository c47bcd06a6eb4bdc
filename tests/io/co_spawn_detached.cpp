// co_spawn(..., detached) runs the coroutine to its end with no handler; an exception that
// escapes it is dropped, as Asio's detached handler drops it (run() does not throw).
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/detached.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <stdexcept>

namespace co_spawn_detached_test {

using CoSpawnDetached = ringport::test::backend_test;
using ringport::awaitable;
using namespace std::chrono_literals;

TEST_P(CoSpawnDetached, RunsToItsEnd) {
  int steps = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        ++steps;
        ringport::steady_timer t(co_await ringport::this_coro::executor, 1ms);
        co_await t.async_wait(ringport::use_awaitable);
        ++steps;
      },
      ringport::detached);
  EXPECT_EQ(steps, 0);
  ctx().run();
  EXPECT_EQ(steps, 2);
}

TEST_P(CoSpawnDetached, EscapingExceptionIsDropped) {
  bool after = false;
  ringport::co_spawn(
      ctx(),
      []() -> awaitable<void> {
        throw std::runtime_error("dropped");
        co_return;
      },
      ringport::detached);
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        after = true;
        co_return;
      },
      ringport::detached);
  EXPECT_NO_THROW(ctx().run());
  EXPECT_TRUE(after);
}

RINGPORT_INSTANTIATE_BACKENDS(CoSpawnDetached);

}  // namespace co_spawn_detached_test
