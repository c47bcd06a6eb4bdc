// Binding an executor keeps the target's allocator and cancellation slot, and binding an
// allocator keeps the target's executor and cancellation slot: the binders nest.
#include "context_test.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/recycling_allocator.hpp"
#include "ringport/strand.hpp"

#include <type_traits>

namespace bind_executor_forwards_associations_test {

using BindExecutorForwardsAssociations = ringport::test::context_test;
using io_strand = ringport::strand<ringport::io_context::executor_type>;

TEST_F(BindExecutorForwardsAssociations, ExecutorBinderKeepsAllocatorAndSlot) {
  ringport::cancellation_signal signal;
  auto strand = ringport::make_strand(ctx());
  auto handler = ringport::bind_executor(
      strand,
      ringport::bind_cancellation_slot(
          signal.slot(), ringport::bind_allocator(ringport::recycling_allocator<void>(), [] {})));
  static_assert(std::is_same_v<ringport::associated_executor_t<decltype(handler)>, io_strand>);
  static_assert(std::is_same_v<ringport::associated_allocator_t<decltype(handler)>,
                               ringport::recycling_allocator<void>>);
  EXPECT_TRUE(ringport::get_associated_cancellation_slot(handler) == signal.slot());
  EXPECT_TRUE(ringport::get_associated_executor(handler) == strand);
}

TEST_F(BindExecutorForwardsAssociations, AllocatorBinderKeepsExecutorAndSlot) {
  ringport::cancellation_signal signal;
  auto strand = ringport::make_strand(ctx());
  auto handler = ringport::bind_allocator(
      ringport::recycling_allocator<void>(),
      ringport::bind_cancellation_slot(signal.slot(), ringport::bind_executor(strand, [] {})));
  static_assert(std::is_same_v<ringport::associated_executor_t<decltype(handler)>, io_strand>);
  EXPECT_TRUE(ringport::get_associated_executor(handler) == strand);
  EXPECT_TRUE(ringport::get_associated_cancellation_slot(handler) == signal.slot());
  static_assert(std::is_same_v<ringport::associated_allocator_t<decltype(handler)>,
                               ringport::recycling_allocator<void>>);
}

}  // namespace bind_executor_forwards_associations_test
