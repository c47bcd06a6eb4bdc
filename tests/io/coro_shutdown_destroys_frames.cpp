// A coroutine still suspended on an operation when its context is destroyed is destroyed
// with it: its locals run their destructors, nothing leaks, no handler runs. The same for a
// coroutine whose start was posted but never ran, and for a pending (a || b).
#include "backend_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/experimental/awaitable_operators.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_awaitable.hpp"

#include <chrono>
#include <exception>

namespace coro_shutdown_destroys_frames_test {

using CoroShutdownDestroysFrames = ringport::test::backend_test;
using ringport::awaitable;
using ringport::use_awaitable;
using namespace ringport::experimental::awaitable_operators;
using namespace std::chrono_literals;

struct counted {
  int* live;
  explicit counted(int* l) : live(l) { ++*live; }
  counted(const counted&) = delete;
  ~counted() { --*live; }
};

awaitable<void> wait_forever(int* live) {
  counted c(live);
  ringport::steady_timer t(co_await ringport::this_coro::executor, 1h);
  co_await t.async_wait(use_awaitable);
}

awaitable<void> outer(int* live) {
  counted c(live);
  co_await wait_forever(live);
}

TEST_P(CoroShutdownDestroysFrames, PendingCoroutinesDieWithTheContext) {
  int live = 0;
  int handlers = 0;
  auto other = make_context();
  ringport::co_spawn(*other, outer(&live), [&](std::exception_ptr) { ++handlers; });
  ringport::co_spawn(*other, outer(&live), [&](std::exception_ptr) { ++handlers; });
  other->poll();
  EXPECT_EQ(live, 4);
  ringport::co_spawn(
      *other, [&]() -> awaitable<void> { co_await (wait_forever(&live) || wait_forever(&live)); },
      [&](std::exception_ptr) { ++handlers; });
  other->poll();
  EXPECT_EQ(live, 6);
  // Posted but never started: only its unstarted frames exist.
  ringport::co_spawn(*other, outer(&live), [&](std::exception_ptr) { ++handlers; });
  other.reset();
  EXPECT_EQ(live, 0);
  EXPECT_EQ(handlers, 0);
}

RINGPORT_INSTANTIATE_BACKENDS(CoroShutdownDestroysFrames);

}  // namespace coro_shutdown_destroys_frames_test
