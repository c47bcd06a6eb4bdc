// strand::running_in_this_thread() is true exactly while the calling thread runs one of that
// strand's handlers (including a handler of another strand dispatched from inside it).
#include "context_test.hpp"

#include "ringport/dispatch.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

namespace strand_running_in_this_thread_test {

using StrandRunningInThisThread = ringport::test::context_test;

TEST_F(StrandRunningInThisThread, OnlyInsideItsOwnHandlers) {
  auto s1 = ringport::make_strand(ctx());
  auto s2 = ringport::make_strand(ctx());
  EXPECT_FALSE(s1.running_in_this_thread());
  bool in_s1 = false, s2_in_s1 = false, in_plain = true, after = true;
  ringport::post(s1, [&] {
    in_s1 = s1.running_in_this_thread();
    s2_in_s1 = s2.running_in_this_thread();
  });
  ringport::post(ctx(), [&] { in_plain = s1.running_in_this_thread(); });
  ringport::post(s1, [&] { ringport::post(ctx(), [&] { after = s1.running_in_this_thread(); }); });
  ctx().run();
  EXPECT_TRUE(in_s1);
  EXPECT_FALSE(s2_in_s1);
  EXPECT_FALSE(in_plain);
  EXPECT_FALSE(after) << "a plain handler queued from a strand does not run in it";
}

TEST_F(StrandRunningInThisThread, NestedDispatchIsInsideBoth) {
  auto s1 = ringport::make_strand(ctx());
  auto s2 = ringport::make_strand(ctx());
  bool both = false;
  ringport::post(s1, [&] {
    // s2 is idle and the context may block, so dispatch enters s2 at once.
    ringport::dispatch(s2,
                       [&] { both = s1.running_in_this_thread() && s2.running_in_this_thread(); });
  });
  ctx().run();
  EXPECT_TRUE(both);
}

TEST_F(StrandRunningInThisThread, CopiesAndRebindsShareTheStrand) {
  auto s = ringport::make_strand(ctx());
  auto copy = s;
  auto never = ringport::require(s, ringport::execution::blocking.never);
  ringport::strand<ringport::io_context::executor_type> other = ringport::make_strand(ctx());
  bool copy_inside = false, never_inside = false, other_inside = true;
  ringport::post(s, [&] {
    copy_inside = copy.running_in_this_thread();
    never_inside = never.running_in_this_thread();
    other_inside = other.running_in_this_thread();
  });
  ctx().run();
  EXPECT_TRUE(copy_inside);
  EXPECT_TRUE(never_inside);
  EXPECT_FALSE(other_inside);
}

}  // namespace strand_running_in_this_thread_test
