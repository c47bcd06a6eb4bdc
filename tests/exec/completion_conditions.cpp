// transfer_all / transfer_at_least / transfer_exactly: step sizes, completion, and the error
// case, with Asio's 65536-byte cap per step.
#include <gtest/gtest.h>

#include "ringport/completion_condition.hpp"
#include "ringport/error.hpp"

#include <cstddef>

namespace completion_conditions_test {

constexpr std::size_t step = 65536;

TEST(CompletionConditions, TransferAllAsksForAStepUntilAnError) {
  auto cond = ringport::transfer_all();
  const ringport::error_code ok;
  EXPECT_EQ(cond(ok, 0), step);
  EXPECT_EQ(cond(ok, 1'000'000), step);
  EXPECT_EQ(cond(ringport::error_code(ringport::error::eof), 0), 0u);
  EXPECT_EQ(std::size_t(ringport::detail::default_max_transfer_size), step);
}

TEST(CompletionConditions, TransferAtLeastStopsAtTheMinimum) {
  auto cond = ringport::transfer_at_least(100);
  const ringport::error_code ok;
  EXPECT_EQ(cond(ok, 0), step);  // not capped at the minimum: more may arrive at once
  EXPECT_EQ(cond(ok, 99), step);
  EXPECT_EQ(cond(ok, 100), 0u);
  EXPECT_EQ(cond(ok, 5000), 0u);
  EXPECT_EQ(cond(ringport::error_code(ringport::error::connection_reset), 10), 0u);
  EXPECT_EQ(ringport::transfer_at_least(0)(ok, 0), 0u);
}

TEST(CompletionConditions, TransferExactlyAsksForWhatIsLeftCappedPerStep) {
  const ringport::error_code ok;
  auto small = ringport::transfer_exactly(10);
  EXPECT_EQ(small(ok, 0), 10u);
  EXPECT_EQ(small(ok, 7), 3u);
  EXPECT_EQ(small(ok, 10), 0u);
  EXPECT_EQ(small(ok, 12), 0u);

  auto large = ringport::transfer_exactly(200'000);
  EXPECT_EQ(large(ok, 0), step);
  EXPECT_EQ(large(ok, 200'000 - step), step);
  EXPECT_EQ(large(ok, 200'000 - 5), 5u);
  EXPECT_EQ(large(ok, 200'000), 0u);
  EXPECT_EQ(large(ringport::error_code(ringport::error::operation_aborted), 0), 0u);
}

TEST(CompletionConditions, OldBoolConditionsAreAdapted) {
  EXPECT_EQ(ringport::detail::adapt_completion_condition_result(true), 0u);
  EXPECT_EQ(ringport::detail::adapt_completion_condition_result(false), step);
  EXPECT_EQ(ringport::detail::adapt_completion_condition_result(std::size_t(42)), 42u);
}

}  // namespace completion_conditions_test
