// Timers fire in deadline order, whatever order their waits were started in.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace timer_fires_in_deadline_order_test {

using TimerDeadlineOrder = ringport::test::backend_test;
using namespace std::chrono_literals;

TEST_P(TimerDeadlineOrder, HandlersRunEarliestFirst) {
  const int offsets_ms[] = {50, 10, 40, 20, 30, 5, 45, 15};
  auto base = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<ringport::steady_timer>> timers;
  std::vector<int> fired;
  for (int ms : offsets_ms) {
    auto t = std::make_unique<ringport::steady_timer>(ctx(), base + std::chrono::milliseconds(ms));
    t->async_wait([&fired, ms](ringport::error_code ec) {
      EXPECT_FALSE(ec) << ec.message();
      fired.push_back(ms);
    });
    timers.push_back(std::move(t));
  }
  EXPECT_EQ(ctx().run(), 8u);
  ASSERT_EQ(fired.size(), 8u);
  EXPECT_TRUE(std::is_sorted(fired.begin(), fired.end()));
}

TEST_P(TimerDeadlineOrder, TimersOfOneDeadlineBatchAreOrderedToo) {
  // All deadlines already passed when run() starts: one collection pass must still hand them
  // over earliest first.
  auto base = std::chrono::steady_clock::now() - 1s;
  std::vector<std::unique_ptr<ringport::steady_timer>> timers;
  std::vector<int> fired;
  for (int i = 20; i > 0; --i) {
    auto t = std::make_unique<ringport::steady_timer>(ctx(), base + std::chrono::microseconds(i));
    t->async_wait([&fired, i](ringport::error_code) { fired.push_back(i); });
    timers.push_back(std::move(t));
  }
  ctx().run();
  ASSERT_EQ(fired.size(), 20u);
  EXPECT_TRUE(std::is_sorted(fired.begin(), fired.end()));
}

RINGPORT_INSTANTIATE_BACKENDS(TimerDeadlineOrder);

}  // namespace timer_fires_in_deadline_order_test
