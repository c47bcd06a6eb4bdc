// cancel_one() aborts only the oldest pending wait; the others keep waiting for the expiry.
#include "backend_test.hpp"

#include "ringport/error.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>
#include <vector>

namespace timer_cancel_one_test {

using TimerCancelOne = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerCancelOne, AbortsOldestWaitOnly) {
  ringport::steady_timer t(ctx(), 30ms);
  std::vector<std::pair<int, ringport::error_code>> done;
  for (int i = 0; i < 3; ++i)
    t.async_wait([&done, i](ringport::error_code ec) { done.emplace_back(i, ec); });
  EXPECT_EQ(t.cancel_one(), 1u);
  EXPECT_EQ(t.cancel_one(), 1u);
  EXPECT_EQ(ctx().run(), 3u);
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[0].first, 0);
  EXPECT_EQ(done[0].second, ringport::error::operation_aborted);
  EXPECT_EQ(done[1].first, 1);
  EXPECT_EQ(done[1].second, ringport::error::operation_aborted);
  EXPECT_EQ(done[2].first, 2);
  EXPECT_FALSE(done[2].second) << "the last wait must fire normally";
}

TEST_P(TimerCancelOne, NothingPendingReturnsZero) {
  ringport::steady_timer t(ctx(), 1h);
  EXPECT_EQ(t.cancel_one(), 0u);
  int calls = 0;
  t.async_wait([&](ringport::error_code) { ++calls; });
  EXPECT_EQ(t.cancel_one(), 1u);
  EXPECT_EQ(t.cancel_one(), 0u);
  ctx().run();
  EXPECT_EQ(calls, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerCancelOne);

}  // namespace timer_cancel_one_test
