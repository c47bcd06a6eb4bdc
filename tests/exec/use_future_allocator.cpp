// use_future[alloc]: the promise and the operation's own memory come from `alloc`, and all
// of it is given back.
#include "context_test.hpp"
#include "counting_allocator.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <type_traits>

namespace use_future_allocator_test {

using UseFutureAllocator = ringport::test::context_test;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;

TEST_F(UseFutureAllocator, PromiseAndOperationUseTheTokensAllocator) {
  allocation_counts counts;
  counting_allocator<void> alloc(counts);
  auto token = ringport::use_future[alloc];
  static_assert(std::is_same_v<decltype(token), ringport::use_future_t<counting_allocator<void>>>);
  EXPECT_EQ(token.get_allocator(), alloc);
  {
    std::future<void> f = ringport::post(ctx(), token);
    // One block for the promise's shared state, one for the queued operation.
    EXPECT_GE(counts.allocations, 2);
    ctx().run();
    EXPECT_NO_THROW(f.get());
  }
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_F(UseFutureAllocator, RebindIsTheSameToken) {
  allocation_counts counts;
  auto token = ringport::use_future.rebind(counting_allocator<int>(counts));
  std::future<void> f = ringport::post(ctx(), token);
  ctx().run();
  f.get();
  EXPECT_GE(counts.allocations, 2);
}

}  // namespace use_future_allocator_test
