// Timers fire in deadline order, whatever order their waits were started in.
#include "backend_test.hpp"

#include "ringport/steady_timer.hpp"

#include "ringport/error.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
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

TEST_P(TimerDeadlineOrder, ManyTimersStayOrderedWhenOthersLeaveFromTheMiddle) {
  // Enough timers for several levels of the queue's heap; a third of them leave it before
  // run() (cancelled, or re-armed to a new deadline), so entries are taken out of every
  // position and the ones moved into the holes must go up or down to where they belong.
  constexpr int count = 3000;
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  // Deadlines already passed, all distinct: one collection pass hands every timer over.
  const auto base = std::chrono::steady_clock::now() - 1h;
  std::vector<int> deadline_us(count);
  for (int i = 0; i < count; ++i)
    deadline_us[i] = i * 3;
  for (int i = count - 1; i > 0; --i)
    std::swap(deadline_us[i], deadline_us[next() % (i + 1)]);
  std::vector<std::unique_ptr<ringport::steady_timer>> timers;
  std::vector<int> fired;
  int aborted = 0;
  auto start_wait = [&](ringport::steady_timer& t, int us) {
    t.async_wait([&fired, &aborted, us](ringport::error_code ec) {
      if (ec == ringport::error::operation_aborted)
        ++aborted;
      else if (!ec)
        fired.push_back(us);
    });
  };
  for (int i = 0; i < count; ++i) {
    timers.push_back(std::make_unique<ringport::steady_timer>(
        ctx(), base + std::chrono::microseconds(deadline_us[i])));
    start_wait(*timers.back(), deadline_us[i]);
  }
  int cancelled = 0, rearmed = 0;
  for (int i = 0; i < count; ++i) {
    switch (next() % 6) {
      case 0:
        EXPECT_EQ(timers[i]->cancel(), 1u);
        ++cancelled;
        break;
      case 1: {
        // A new deadline between the old ones (one past a multiple of 3: still distinct).
        const int us = static_cast<int>(next() % count) * 3 + 1;
        EXPECT_EQ(timers[i]->expires_at(base + std::chrono::microseconds(us)), 1u);
        start_wait(*timers[i], us);
        ++rearmed;
        break;
      }
      default:
        break;
    }
  }
  ASSERT_GT(cancelled, count / 10);
  ASSERT_GT(rearmed, count / 10);
  ctx().run();
  EXPECT_EQ(aborted, cancelled + rearmed);
  ASSERT_EQ(fired.size(), static_cast<std::size_t>(count - cancelled));
  EXPECT_TRUE(std::is_sorted(fired.begin(), fired.end()));
}

TEST_P(TimerDeadlineOrder, ABurstOfExpiredTimersAmongLaterOnesKeepsTheOrder) {
  // Most timers are already due when run() starts and the rest are not: the collection that
  // takes the due ones in a burst must hand them over earliest first and leave the others a
  // heap that still fires them in order and can still find each of them to cancel it.
  constexpr int due = 4000, later = 1000;
  std::uint32_t seed = 777;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  const auto now = std::chrono::steady_clock::now();
  const auto base = now - 1h;
  // Offsets from `base` in microseconds: the due ones an hour ago, the later ones 200 ms on.
  std::vector<std::int64_t> offsets;
  for (int i = 0; i < due; ++i)
    offsets.push_back(i * 3);
  const std::int64_t later_from =
      std::chrono::duration_cast<std::chrono::microseconds>(now + 200ms - base).count();
  for (int i = 0; i < later; ++i)
    offsets.push_back(later_from + i * 7);
  for (std::size_t i = offsets.size() - 1; i > 0; --i)
    std::swap(offsets[i], offsets[next() % (i + 1)]);

  std::vector<std::unique_ptr<ringport::steady_timer>> timers;
  std::vector<std::int64_t> fired;
  std::size_t cancelled = 0;
  int aborted = 0;
  for (std::int64_t us : offsets) {
    timers.push_back(
        std::make_unique<ringport::steady_timer>(ctx(), base + std::chrono::microseconds(us)));
    timers.back()->async_wait([&, us](ringport::error_code ec) {
      if (ec == ringport::error::operation_aborted) {
        ++aborted;
        return;
      }
      EXPECT_FALSE(ec) << ec.message();
      fired.push_back(us);
      if (fired.size() == 1) {
        // Every due timer has been collected by now: cancel a third of the later ones, each
        // found through the index the rebuilt heap gave it.
        for (std::size_t i = 0; i < timers.size(); i += 3)
          cancelled += timers[i]->cancel();
      }
    });
  }
  ctx().run();
  ASSERT_GT(cancelled, static_cast<std::size_t>(later / 5));
  EXPECT_EQ(static_cast<std::size_t>(aborted), cancelled);
  ASSERT_EQ(fired.size(), static_cast<std::size_t>(due + later) - cancelled);
  EXPECT_TRUE(std::is_sorted(fired.begin(), fired.end()));
  EXPECT_GE(
      std::count_if(fired.begin(), fired.end(), [&](std::int64_t us) { return us >= later_from; }),
      later / 2);
}

RINGPORT_INSTANTIATE_BACKENDS(TimerDeadlineOrder);

}  // namespace timer_fires_in_deadline_order_test
