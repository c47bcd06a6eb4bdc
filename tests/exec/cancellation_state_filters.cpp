// cancellation_state hooks into a parent slot, records what was requested through its input
// filter, and re-emits through its output filter to the slot it gives child operations.
#include "context_test.hpp"

#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_state.hpp"

#include <vector>

namespace cancellation_state_filters_test {

using CancellationState = ringport::test::context_test;
using ringport::cancellation_type;

TEST_F(CancellationState, UnconnectedParentGivesUnconnectedState) {
  ringport::cancellation_state state(ringport::cancellation_slot{});
  EXPECT_FALSE(state.slot().is_connected());
  EXPECT_EQ(state.cancelled(), cancellation_type::none);
  ringport::cancellation_state empty;
  EXPECT_FALSE(empty.slot().is_connected());
}

TEST_F(CancellationState, DefaultFilterPassesTerminalOnly) {
  ringport::cancellation_signal parent;
  ringport::cancellation_state state(parent.slot());
  std::vector<cancellation_type> child_seen;
  state.slot().assign([&](cancellation_type t) { child_seen.push_back(t); });

  parent.emit(cancellation_type::partial);
  EXPECT_EQ(state.cancelled(), cancellation_type::none);
  EXPECT_TRUE(child_seen.empty());

  parent.emit(cancellation_type::terminal | cancellation_type::partial);
  EXPECT_EQ(state.cancelled(), cancellation_type::terminal);
  ASSERT_EQ(child_seen.size(), 1u);
  EXPECT_EQ(child_seen[0], cancellation_type::terminal);

  state.clear();
  EXPECT_EQ(state.cancelled(), cancellation_type::none);
}

TEST_F(CancellationState, TotalFilterPassesAllThree) {
  ringport::cancellation_signal parent;
  ringport::cancellation_state state(parent.slot(), ringport::enable_total_cancellation());
  std::vector<cancellation_type> child_seen;
  state.slot().assign([&](cancellation_type t) { child_seen.push_back(t); });
  parent.emit(cancellation_type::total);
  EXPECT_EQ(state.cancelled(), cancellation_type::total);
  ASSERT_EQ(child_seen.size(), 1u);
  EXPECT_EQ(child_seen[0], cancellation_type::total);
}

TEST_F(CancellationState, SeparateInAndOutFilters) {
  ringport::cancellation_signal parent;
  ringport::cancellation_state state(parent.slot(), ringport::enable_partial_cancellation(),
                                     ringport::disable_cancellation());
  int child_calls = 0;
  state.slot().assign([&](cancellation_type) { ++child_calls; });
  parent.emit(cancellation_type::partial);
  EXPECT_EQ(state.cancelled(), cancellation_type::partial);
  EXPECT_EQ(child_calls, 0) << "the output filter blocks everything";
  state.clear(cancellation_type::terminal);
  EXPECT_EQ(state.cancelled(), cancellation_type::partial) << "clear(mask) clears only mask";
}

TEST_F(CancellationState, FilterValues) {
  EXPECT_EQ(ringport::enable_terminal_cancellation()(cancellation_type::all),
            cancellation_type::terminal);
  EXPECT_EQ(ringport::enable_partial_cancellation()(cancellation_type::all),
            cancellation_type::terminal | cancellation_type::partial);
  EXPECT_EQ(ringport::enable_total_cancellation()(cancellation_type::all),
            cancellation_type::terminal | cancellation_type::partial | cancellation_type::total);
  EXPECT_EQ(ringport::disable_cancellation()(cancellation_type::all), cancellation_type::none);
}

}  // namespace cancellation_state_filters_test
