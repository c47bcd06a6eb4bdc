// `self` exposes the final handler's associated allocator, so intermediate operations
// started with it allocate from that allocator, and give everything back.
#include "context_test.hpp"
#include "counting_allocator.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/post.hpp"

#include <type_traits>

namespace async_compose_handler_allocator_test {

using AsyncComposeHandlerAllocator = ringport::test::context_test;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;

struct allocating_handler {
  using allocator_type = counting_allocator<void>;
  allocator_type alloc;
  int* result;
  allocator_type get_allocator() const noexcept { return alloc; }
  void operator()(int n) { *result = n; }
};

TEST_F(AsyncComposeHandlerAllocator, IntermediateOperationsUseIt) {
  allocation_counts counts;
  int result = 0;
  bool allocator_visible = false;
  allocating_handler handler{counting_allocator<void>(counts), &result};
  ringport::async_compose<allocating_handler, void(int)>(
      [&, steps = 0](auto& self) mutable {
        using self_type = std::decay_t<decltype(self)>;
        static_assert(
            std::is_same_v<ringport::associated_allocator_t<self_type>, counting_allocator<void>>);
        allocator_visible = ringport::get_associated_allocator(self).counts() == &counts;
        if (++steps <= 4) {
          ringport::post(ctx(), std::move(self));
          return;
        }
        self.complete(steps);
      },
      handler, ctx());
  ctx().run();
  EXPECT_EQ(result, 5);
  EXPECT_TRUE(allocator_visible);
  EXPECT_EQ(counts.allocations, 4) << "each intermediate post allocates once, from the handler's "
                                      "allocator";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_F(AsyncComposeHandlerAllocator, ImmediateCompletionUsesIt) {
  allocation_counts counts;
  int result = 0;
  allocating_handler handler{counting_allocator<void>(counts), &result};
  ringport::async_compose<allocating_handler, void(int)>([](auto& self) { self.complete(1); },
                                                         handler, ctx());
  EXPECT_EQ(counts.allocations, 1) << "the deferred completion is queued with the allocator";
  ctx().run();
  EXPECT_EQ(result, 1);
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

}  // namespace async_compose_handler_allocator_test
