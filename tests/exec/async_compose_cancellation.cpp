// `self` carries a cancellation state hooked into the final handler's slot: a cancellation
// emitted there shows in self.cancelled() and reaches the slot `self` hands to child
// operations, filtered (terminal only unless reset_cancellation_state says otherwise).
#include "context_test.hpp"

#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"

#include <optional>

namespace async_compose_cancellation_test {

using AsyncComposeCancellation = ringport::test::context_test;
using ringport::cancellation_type;

// What the implementation saw; filled in as it runs.
struct observations {
  bool child_slot_connected = false;
  bool child_slot_is_parents = true;
  cancellation_type child_saw = cancellation_type::none;
  cancellation_type cancelled_at_resume = cancellation_type::none;
};

// First call: installs a stand-in child cancellation handler and posts itself once.
// Resumption: completes with operation_aborted if cancelled.
template <typename Token, typename Filter>
void async_cancellable(ringport::io_context& ctx, ringport::cancellation_slot parent,
                       observations& seen, std::optional<Filter> filter, Token&& token) {
  ringport::async_compose<Token, void(ringport::error_code)>(
      [&ctx, &seen, parent, filter, started = false](auto& self) mutable {
        if (!started) {
          started = true;
          if (filter) self.reset_cancellation_state(*filter);
          auto child = ringport::get_associated_cancellation_slot(self);
          seen.child_slot_connected = child.is_connected();
          seen.child_slot_is_parents = child == parent;
          if (child.is_connected())
            child.assign([&seen](cancellation_type t) { seen.child_saw = t; });
          ringport::post(ctx, std::move(self));
          return;
        }
        seen.cancelled_at_resume = self.cancelled();
        self.complete(self.cancelled() != cancellation_type::none
                          ? ringport::error_code(ringport::error::operation_aborted)
                          : ringport::error_code());
      },
      token, ctx);
}

TEST_F(AsyncComposeCancellation, TerminalCancellationReachesSelfAndChild) {
  ringport::cancellation_signal signal;
  observations seen;
  ringport::error_code result;
  async_cancellable(ctx(), signal.slot(), seen,
                    std::optional<ringport::enable_terminal_cancellation>(),
                    ringport::bind_cancellation_slot(
                        signal.slot(), [&](ringport::error_code ec) { result = ec; }));
  EXPECT_TRUE(seen.child_slot_connected);
  EXPECT_FALSE(seen.child_slot_is_parents) << "children get the state's own slot";
  signal.emit(cancellation_type::terminal);
  EXPECT_EQ(seen.child_saw, cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(seen.cancelled_at_resume, cancellation_type::terminal);
  EXPECT_EQ(result, ringport::error::operation_aborted);
}

TEST_F(AsyncComposeCancellation, PartialIsFilteredOutByDefault) {
  ringport::cancellation_signal signal;
  observations seen;
  ringport::error_code result = ringport::error::operation_aborted;
  async_cancellable(ctx(), signal.slot(), seen,
                    std::optional<ringport::enable_terminal_cancellation>(),
                    ringport::bind_cancellation_slot(
                        signal.slot(), [&](ringport::error_code ec) { result = ec; }));
  signal.emit(cancellation_type::partial);
  EXPECT_EQ(seen.child_saw, cancellation_type::none);
  ctx().run();
  EXPECT_EQ(seen.cancelled_at_resume, cancellation_type::none);
  EXPECT_FALSE(result);
}

TEST_F(AsyncComposeCancellation, ResetWithWiderFilterLetsPartialThrough) {
  ringport::cancellation_signal signal;
  observations seen;
  ringport::error_code result;
  async_cancellable(ctx(), signal.slot(), seen,
                    std::optional(ringport::enable_partial_cancellation()),
                    ringport::bind_cancellation_slot(
                        signal.slot(), [&](ringport::error_code ec) { result = ec; }));
  signal.emit(cancellation_type::partial);
  EXPECT_EQ(seen.child_saw, cancellation_type::partial);
  ctx().run();
  EXPECT_EQ(seen.cancelled_at_resume, cancellation_type::partial);
  EXPECT_EQ(result, ringport::error::operation_aborted);
}

TEST_F(AsyncComposeCancellation, HandlerWithoutSlotGivesUnconnectedChildSlot) {
  observations seen;
  ringport::error_code result = ringport::error::operation_aborted;
  async_cancellable(ctx(), ringport::cancellation_slot(), seen,
                    std::optional<ringport::enable_terminal_cancellation>(),
                    [&](ringport::error_code ec) { result = ec; });
  EXPECT_FALSE(seen.child_slot_connected);
  ctx().run();
  EXPECT_EQ(seen.cancelled_at_resume, cancellation_type::none);
  EXPECT_FALSE(result);
}

}  // namespace async_compose_cancellation_test
