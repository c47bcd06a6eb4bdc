// A wait whose expiry has already passed still completes later, from run(), never inside
// async_wait(): neither from outside the context nor from a handler running in it.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <chrono>

namespace timer_never_completes_inline_test {

using TimerNoInline = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerNoInline, ExpiredTimerOutsideRun) {
  ringport::steady_timer t(ctx(), std::chrono::steady_clock::now() - 1s);
  bool fired = false;
  t.async_wait([&](ringport::error_code ec) { fired = !ec; });
  EXPECT_FALSE(fired);
  EXPECT_EQ(ctx().poll(), 1u);
  EXPECT_TRUE(fired);
}

TEST_P(TimerNoInline, ExpiredTimerInsideHandler) {
  ringport::steady_timer t(ctx());
  bool inner = false, returned = false;
  t.async_wait([&](ringport::error_code) {
    t.async_wait([&](ringport::error_code) {
      inner = true;
      EXPECT_TRUE(returned) << "the inner handler ran inside async_wait";
    });
    returned = true;
    EXPECT_FALSE(inner);
  });
  EXPECT_EQ(ctx().run(), 2u);
  EXPECT_TRUE(inner);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerNoInline);

}  // namespace timer_never_completes_inline_test
