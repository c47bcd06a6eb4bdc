// A steady-state chain of post() calls (each handler posts the next) allocates nothing: the
// op block is returned to the thread's cache before the handler runs and reused at once.
#include "backend_test.hpp"
#include "counting_new.hpp"

#include "ringport/post.hpp"

namespace post_chain_allocations_test {

using PostChainAllocations = ringport::test::backend_test;

struct chain {
  ringport::io_context* ctx;
  int* left;
  std::size_t* mark;
  std::size_t* counted;
  int warmup;  // value of *left at which counting starts
  void operator()() {
    if (*left == warmup) *mark = ringport::test::allocations();
    if (--*left > 0) {
      ringport::post(*ctx, *this);
    } else {
      *counted = ringport::test::allocations() - *mark;
    }
  }
};

TEST_P(PostChainAllocations, ZeroAllocationsPerPost) {
  constexpr int total = 10100;
  constexpr int warmup = 10000;  // the first 100 posts warm the cache; 10,000 are counted
  int left = total;
  std::size_t mark = 0, counted = 1234567;
  ringport::post(ctx(), chain{&ctx(), &left, &mark, &counted, warmup});
  ctx().run();
  EXPECT_EQ(left, 0);
  EXPECT_EQ(counted, 0u) << "heap allocations over 10,000 steady-state posts";
}

TEST_P(PostChainAllocations, CountingReallyCounts) {
  // Guards the guard: if operator new were not replaced, the test above could not fail.
  std::size_t before = ringport::test::allocations();
  // Direct calls: GCC may elide a new-expression paired with its delete-expression (-O2 and
  // up), which would count nothing even with operator new replaced.
  void* p = ::operator new(sizeof(int));
  ::operator delete(p);
  EXPECT_EQ(ringport::test::allocations() - before, 1u);
}

RINGPORT_INSTANTIATE_BACKENDS(PostChainAllocations);

}  // namespace post_chain_allocations_test
