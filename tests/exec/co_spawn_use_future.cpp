// co_spawn(..., use_future) returns a std::future of the coroutine's value; an exception
// that escapes the coroutine is rethrown by future::get().
#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <stdexcept>

namespace co_spawn_use_future_test {

using CoSpawnUseFuture = ringport::test::context_test;
using ringport::awaitable;

awaitable<int> value() {
  co_return 17;
}
awaitable<void> nothing() {
  co_return;
}
awaitable<void> boom() {
  throw std::logic_error("boom");
  co_return;
}

TEST_F(CoSpawnUseFuture, FutureOfValue) {
  std::future<int> f = ringport::co_spawn(ctx(), value(), ringport::use_future);
  EXPECT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  ctx().run();
  EXPECT_EQ(f.get(), 17);
}

TEST_F(CoSpawnUseFuture, FutureOfVoidAndException) {
  std::future<void> ok = ringport::co_spawn(ctx(), nothing(), ringport::use_future);
  std::future<void> bad = ringport::co_spawn(ctx(), boom(), ringport::use_future);
  ctx().run();
  EXPECT_NO_THROW(ok.get());
  EXPECT_THROW(bad.get(), std::logic_error);
}

}  // namespace co_spawn_use_future_test
