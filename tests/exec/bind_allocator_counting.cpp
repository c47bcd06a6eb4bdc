// bind_allocator(a, handler): the handler's associated allocator becomes a, so the operation
// that carries it is allocated (and freed) with a.
#include "context_test.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <memory>
#include <type_traits>

namespace bind_allocator_counting_test {

struct counts {
  int allocations = 0;
  int deallocations = 0;
};

template <typename T>
struct counting_allocator {
  using value_type = T;
  counts* c;
  explicit counting_allocator(counts* p) noexcept : c(p) {}
  template <typename U>
  counting_allocator(const counting_allocator<U>& o) noexcept : c(o.c) {}
  T* allocate(std::size_t n) {
    ++c->allocations;
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    ++c->deallocations;
    std::allocator<T>().deallocate(p, n);
  }
  template <typename U>
  bool operator==(const counting_allocator<U>& o) const noexcept {
    return c == o.c;
  }
};

using BindAllocatorCounting = ringport::test::context_test;

TEST_F(BindAllocatorCounting, PostAllocatesWithTheBoundAllocator) {
  counts n;
  bool ran = false;
  ringport::post(ctx(),
                 ringport::bind_allocator(counting_allocator<void>(&n), [&] { ran = true; }));
  EXPECT_EQ(n.allocations, 1);
  EXPECT_EQ(n.deallocations, 0);
  ctx().run();
  EXPECT_TRUE(ran);
  EXPECT_EQ(n.deallocations, 1);
}

TEST_F(BindAllocatorCounting, AssociatedAllocatorIsTheBoundOne) {
  counts n;
  auto bound = ringport::bind_allocator(counting_allocator<void>(&n), [] {});
  static_assert(
      std::is_same_v<ringport::associated_allocator_t<decltype(bound)>, counting_allocator<void>>);
  EXPECT_EQ(ringport::get_associated_allocator(bound).c, &n);
  EXPECT_EQ(bound.get_allocator().c, &n);
}

TEST_F(BindAllocatorCounting, TargetExecutorIsKept) {
  // Bound to a strand and to an allocator: it runs in the strand, and the strand's queued
  // operation is allocated with the allocator.
  counts n;
  auto strand = ringport::make_strand(ctx());
  bool inside = false;
  auto handler = ringport::bind_allocator(
      counting_allocator<void>(&n),
      ringport::bind_executor(strand, [&] { inside = strand.running_in_this_thread(); }));
  static_assert(std::is_same_v<ringport::associated_executor_t<decltype(handler)>,
                               ringport::strand<ringport::io_context::executor_type>>);
  ringport::post(ctx(), std::move(handler));
  ctx().run();
  EXPECT_TRUE(inside);
  EXPECT_GE(n.allocations, 2) << "both the context's op and the strand's op use it";
  EXPECT_EQ(n.allocations, n.deallocations);
}

TEST_F(BindAllocatorCounting, PostToStrandUsesTheAllocator) {
  counts n;
  auto strand = ringport::make_strand(ctx());
  bool ran = false;
  ringport::post(strand,
                 ringport::bind_allocator(counting_allocator<void>(&n), [&] { ran = true; }));
  EXPECT_GE(n.allocations, 1);  // the queued handler (and, as in Asio, the strand's invoker)
  ctx().run();
  EXPECT_TRUE(ran);
  EXPECT_EQ(n.deallocations, n.allocations);
}

}  // namespace bind_allocator_counting_test
