// A steady-state chain of timer waits (handler -> expires_after -> async_wait) allocates
// nothing: the op block goes back to the thread's cache before the handler runs and is
// reused at once; a signal reused for each wait keeps its handler memory.
#include "backend_test.hpp"
#include "counting_new.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/steady_timer.hpp"

#include <chrono>

namespace timer_chain_allocations_test {

using TimerChainAllocations = ringport::test::backend_test;

constexpr int total = 2100;
constexpr int warmup = 2000;  // the first 100 waits warm the caches; 2,000 are counted

template <typename Timer>
struct chain {
  Timer* timer;
  int* left;
  std::size_t* mark;
  std::size_t* counted;
  void operator()(ringport::error_code ec) {
    EXPECT_FALSE(ec);
    if (*left == warmup) *mark = ringport::test::allocations();
    if (--*left > 0) {
      timer->expires_after(std::chrono::microseconds(1));
      timer->async_wait(*this);
    } else {
      *counted = ringport::test::allocations() - *mark;
    }
  }
};

template <typename Timer>
struct slotted_chain {
  Timer* timer;
  ringport::cancellation_signal* sig;
  int* left;
  std::size_t* mark;
  std::size_t* counted;
  void operator()(ringport::error_code ec) {
    EXPECT_FALSE(ec);
    if (*left == warmup) *mark = ringport::test::allocations();
    if (--*left > 0) {
      timer->expires_after(std::chrono::microseconds(1));
      timer->async_wait(ringport::bind_cancellation_slot(sig->slot(), *this));
    } else {
      *counted = ringport::test::allocations() - *mark;
    }
  }
};

template <typename Timer>
std::size_t run_chain(ringport::io_context& ctx) {
  Timer t(ctx.get_executor(), std::chrono::microseconds(1));
  int left = total;
  std::size_t mark = 0, counted = 1234567;
  t.async_wait(chain<Timer>{&t, &left, &mark, &counted});
  ctx.run();
  EXPECT_EQ(left, 0);
  return counted;
}

template <typename Timer>
std::size_t run_slotted_chain(ringport::io_context& ctx) {
  Timer t(ctx.get_executor(), std::chrono::microseconds(1));
  ringport::cancellation_signal sig;
  int left = total;
  std::size_t mark = 0, counted = 1234567;
  t.async_wait(ringport::bind_cancellation_slot(
      sig.slot(), slotted_chain<Timer>{&t, &sig, &left, &mark, &counted}));
  ctx.run();
  EXPECT_EQ(left, 0);
  return counted;
}

using native_timer =
    ringport::basic_waitable_timer<std::chrono::steady_clock,
                                   ringport::wait_traits<std::chrono::steady_clock>,
                                   ringport::io_context::executor_type>;

TEST_P(TimerChainAllocations, ZeroAllocationsPerWait) {
  EXPECT_EQ(run_chain<ringport::steady_timer>(ctx()), 0u)
      << "heap allocations over 2,000 steady-state waits";
}

TEST_P(TimerChainAllocations, ZeroAllocationsPerWaitNativeExecutor) {
  EXPECT_EQ(run_chain<native_timer>(ctx()), 0u);
}

TEST_P(TimerChainAllocations, ZeroAllocationsPerWaitWithCancellationSlot) {
  EXPECT_EQ(run_slotted_chain<ringport::steady_timer>(ctx()), 0u)
      << "heap allocations over 2,000 steady-state waits with a cancellation slot";
}

RINGPORT_INSTANTIATE_BACKENDS(TimerChainAllocations);

}  // namespace timer_chain_allocations_test
