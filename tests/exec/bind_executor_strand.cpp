// bind_executor(ex, handler): the handler's associated executor becomes ex, so post() and
// friends run it there; bound completion tokens go through the token's own async_result.
#include "context_test.hpp"
#include "counting_allocator.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace bind_executor_strand_test {

// A completion token with its own async_result: the operation returns 42 and the handler
// calls the token's callback.
struct callback_token {
  std::function<void()> callback;
};

using ringport::test::allocation_counts;
using ringport::test::counting_allocator;

// A handler that names its own allocator.
struct with_allocator {
  using allocator_type = counting_allocator<void>;
  allocator_type allocator;
  std::function<void()> body;
  allocator_type get_allocator() const noexcept { return allocator; }
  void operator()() { body(); }
};

}  // namespace bind_executor_strand_test

template <>
class ringport::async_result<bind_executor_strand_test::callback_token, void()> {
 public:
  using return_type = int;
  template <typename Initiation, typename Token>
  static int initiate(Initiation&& initiation, Token&& token) {
    std::forward<Initiation>(initiation)([cb = std::forward<Token>(token).callback] { cb(); });
    return 42;
  }
};

namespace bind_executor_strand_test {

using BindExecutorStrand = ringport::test::context_test;
using io_strand = ringport::strand<ringport::io_context::executor_type>;

TEST_F(BindExecutorStrand, PostToContextRunsHandlerInsideStrand) {
  auto strand = ringport::make_strand(ctx());
  bool ran = false, inside = false;
  ringport::post(ctx(), ringport::bind_executor(strand, [&] {
                   ran = true;
                   inside = strand.running_in_this_thread();
                 }));
  ctx().run();
  EXPECT_TRUE(ran);
  EXPECT_TRUE(inside);
}

TEST_F(BindExecutorStrand, SingleArgumentFormsUseTheBoundExecutor) {
  auto strand = ringport::make_strand(ctx());
  int inside = 0;
  ringport::post(
      ringport::bind_executor(strand, [&] { inside += strand.running_in_this_thread(); }));
  ringport::dispatch(
      ringport::bind_executor(strand, [&] { inside += strand.running_in_this_thread(); }));
  ctx().run();
  EXPECT_EQ(inside, 2);
}

TEST_F(BindExecutorStrand, AssociatedExecutorIsTheBoundOne) {
  auto strand = ringport::make_strand(ctx());
  auto bound = ringport::bind_executor(strand, [] {});
  static_assert(std::is_same_v<ringport::associated_executor_t<decltype(bound)>, io_strand>);
  EXPECT_TRUE(ringport::get_associated_executor(bound) == strand);
  EXPECT_TRUE(ringport::get_associated_executor(bound, ctx().get_executor()) == strand);
  EXPECT_TRUE(bound.get_executor() == strand);
}

TEST_F(BindExecutorStrand, BoundToAnotherContextRunsThere) {
  auto other = make_context();
  bool ran = false, on_other = false;
  ringport::post(ctx(), ringport::bind_executor(*other, [&] {
                   ran = true;
                   on_other = other->get_executor().running_in_this_thread();
                 }));
  ctx().run();
  EXPECT_FALSE(ran) << "ran on the context it was posted to";
  other->run();
  EXPECT_TRUE(ran);
  EXPECT_TRUE(on_other);
}

TEST_F(BindExecutorStrand, TargetAllocatorIsForwarded) {
  // The binder keeps the target's allocator: post() allocates the queued handler with it
  // while the strand still runs the handler.
  auto strand = ringport::make_strand(ctx());
  allocation_counts n;
  bool inside = false;
  auto bound = ringport::bind_executor(
      strand, with_allocator{counting_allocator<void>(n),
                             [&] { inside = strand.running_in_this_thread(); }});
  static_assert(
      std::is_same_v<ringport::associated_allocator_t<decltype(bound)>, counting_allocator<void>>);
  EXPECT_EQ(ringport::get_associated_allocator(bound).counts(), &n);
  ringport::post(ctx(), std::move(bound));
  EXPECT_GE(n.allocations, 1) << "post() did not allocate with the target's allocator";
  ctx().run();
  EXPECT_TRUE(inside);
  EXPECT_EQ(n.deallocations, n.allocations);
}

TEST_F(BindExecutorStrand, BoundCompletionToken) {
  auto strand = ringport::make_strand(ctx());
  bool inside = false;
  int result = ringport::post(
      ctx(), ringport::bind_executor(
                 strand, callback_token{[&] { inside = strand.running_in_this_thread(); }}));
  EXPECT_EQ(result, 42);
  ctx().run();
  EXPECT_TRUE(inside);
}

}  // namespace bind_executor_strand_test
