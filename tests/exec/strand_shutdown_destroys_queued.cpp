// Destroying the context destroys handlers still queued in its strands without running them,
// even when those handlers hold the strand themselves (a reference cycle).
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <memory>

namespace strand_shutdown_destroys_queued_test {

using StrandShutdownDestroysQueued = ringport::test::context_test;

TEST_F(StrandShutdownDestroysQueued, QueuedHandlersAreDestroyedNotRun) {
  auto alive = std::make_shared<int>(0);
  bool ran = false;
  {
    auto strand = ringport::make_strand(ctx());
    for (int i = 0; i < 10; ++i)
      ringport::post(strand, [alive, strand, &ran] { ran = true; });
  }
  EXPECT_EQ(alive.use_count(), 11);
  ctx_.reset();  // never ran
  EXPECT_FALSE(ran);
  EXPECT_EQ(alive.use_count(), 1) << "queued strand handlers leaked";
}

TEST_F(StrandShutdownDestroysQueued, WaitingHandlersBehindARunningOneToo) {
  // The first handler stops the context; the ones it queued wait in the strand.
  auto alive = std::make_shared<int>(0);
  auto strand = ringport::make_strand(ctx());
  ringport::post(strand, [&, alive] {
    for (int i = 0; i < 5; ++i)
      ringport::post(strand, [alive, strand] {});
    ctx().stop();
  });
  ctx().run();
  EXPECT_GT(alive.use_count(), 1);
  ctx_.reset();
  EXPECT_EQ(alive.use_count(), 1);
}

TEST_F(StrandShutdownDestroysQueued, StrandMayOutliveItsContext) {
  auto other = make_context();
  auto strand = ringport::make_strand(*other);
  auto copy = strand;
  other.reset();
  SUCCEED();  // copies are destroyed after the context: must not touch it
}

}  // namespace strand_shutdown_destroys_queued_test
