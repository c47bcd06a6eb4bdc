// any_io_executor never touches the global heap for io_context executors and strands: the
// executor sits in the object's own buffer, and a steady chain of posts through it reuses
// the recycled blocks of the erased function and the op.
#include "backend_test.hpp"
#include "counting_new.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

namespace any_io_executor_allocations_test {

using AnyIoExecutorAllocations = ringport::test::backend_test;
namespace execution = ringport::execution;

TEST_P(AnyIoExecutorAllocations, WrappingIoContextExecutorAllocatesNothing) {
  auto ex = ctx().get_executor();
  std::size_t before = ringport::test::allocations();
  {
    ringport::any_io_executor a = ex;
    ringport::any_io_executor b = a;
    ringport::any_io_executor c = std::move(b);
    ringport::any_io_executor never = ringport::require(a, execution::blocking.never);
    ringport::any_io_executor tracked = ringport::prefer(c, execution::outstanding_work.tracked);
    b = tracked;
    swap(a, b);
  }
  EXPECT_EQ(ringport::test::allocations() - before, 0u);
}

TEST_P(AnyIoExecutorAllocations, WrappingStrandAllocatesNothing) {
  auto strand = ringport::make_strand(ctx());  // the strand itself allocates its state once
  std::size_t before = ringport::test::allocations();
  {
    ringport::any_io_executor a = strand;
    ringport::any_io_executor b = a;
    ringport::any_io_executor never = ringport::require(b, execution::blocking.never);
    ringport::any_io_executor cont = ringport::prefer(never, execution::relationship.continuation);
    a = cont;
  }
  EXPECT_EQ(ringport::test::allocations() - before, 0u);
}

// Each link posts the next through the same any_io_executor.
struct chain {
  const ringport::any_io_executor* ex;
  int* left;
  std::size_t* mark;
  std::size_t* counted;
  int warmup;
  void operator()() {
    if (*left == warmup) *mark = ringport::test::allocations();
    if (--*left > 0) {
      ringport::post(*ex, *this);
    } else {
      *counted = ringport::test::allocations() - *mark;
    }
  }
};

TEST_P(AnyIoExecutorAllocations, SteadyPostChainThroughIoContextExecutor) {
  const ringport::any_io_executor ex = ctx().get_executor();
  int left = 10100;
  std::size_t mark = 0, counted = 1234567;
  ringport::post(ex, chain{&ex, &left, &mark, &counted, 10000});
  ctx().run();
  EXPECT_EQ(left, 0);
  EXPECT_EQ(counted, 0u) << "heap allocations over 10,000 steady-state posts";
}

TEST_P(AnyIoExecutorAllocations, SteadyPostChainThroughStrand) {
  const ringport::any_io_executor ex = ringport::make_strand(ctx());
  int left = 10100;
  std::size_t mark = 0, counted = 1234567;
  ringport::post(ex, chain{&ex, &left, &mark, &counted, 10000});
  ctx().run();
  EXPECT_EQ(left, 0);
  EXPECT_EQ(counted, 0u) << "heap allocations over 10,000 steady-state posts";
}

// A handler of one pointer makes the erased function's block smaller than the op's: the two
// freed blocks differ in size, and each must be matched to its own request again.
struct small_chain_state {
  const ringport::any_io_executor* ex;
  int left;
  std::size_t mark;
  std::size_t counted;
};

struct small_chain {
  small_chain_state* state;
  void operator()() {
    if (state->left == 10000) state->mark = ringport::test::allocations();
    if (--state->left > 0) {
      ringport::post(*state->ex, *this);
    } else {
      state->counted = ringport::test::allocations() - state->mark;
    }
  }
};

TEST_P(AnyIoExecutorAllocations, SteadyPostChainWithSmallHandler) {
  const ringport::any_io_executor ex = ctx().get_executor();
  small_chain_state state{&ex, 10100, 0, 1234567};
  ringport::post(ex, small_chain{&state});
  ctx().run();
  EXPECT_EQ(state.left, 0);
  EXPECT_EQ(state.counted, 0u) << "heap allocations over 10,000 steady-state posts";
}

TEST_P(AnyIoExecutorAllocations, SteadyPostChainThroughStrandWithSmallHandler) {
  const ringport::any_io_executor ex = ringport::make_strand(ctx());
  small_chain_state state{&ex, 10100, 0, 1234567};
  ringport::post(ex, small_chain{&state});
  ctx().run();
  EXPECT_EQ(state.left, 0);
  EXPECT_EQ(state.counted, 0u) << "heap allocations over 10,000 steady-state posts";
}

RINGPORT_INSTANTIATE_BACKENDS(AnyIoExecutorAllocations);

}  // namespace any_io_executor_allocations_test
