// 100,000 nested co_awaits (each awaitable awaits the next, the last returns at once) run
// without growing the stack: frames hand over to each other through a trampoline. The
// chain runs on a thread with a 1 MiB stack, so a recursive resumption would overflow.
#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>
#include <pthread.h>

namespace coro_deep_chain_test {

using CoroDeepChain = ringport::test::context_test;
using ringport::awaitable;

awaitable<long> depth(int n) {
  if (n == 0) co_return 0;
  co_return 1 + co_await depth(n - 1);
}

awaitable<void> throw_at_bottom(int n) {
  if (n == 0) throw 7;
  co_await throw_at_bottom(n - 1);
}

struct job {
  ringport::io_context* ctx;
  long result = -1;
  int thrown = 0;
};

void* run_job(void* arg) {
  auto* j = static_cast<job*>(arg);
  ringport::co_spawn(*j->ctx, depth(100000), [j](std::exception_ptr e, long v) {
    if (!e) j->result = v;
  });
  ringport::co_spawn(*j->ctx, throw_at_bottom(100000), [j](std::exception_ptr e) {
    try {
      if (e) std::rethrow_exception(e);
    } catch (int v) {
      j->thrown = v;
    }
  });
  j->ctx->run();
  return nullptr;
}

TEST_F(CoroDeepChain, HundredThousandNestedAwaits) {
  job j{&ctx()};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_t th;
  ASSERT_EQ(pthread_create(&th, &attr, &run_job, &j), 0);
  pthread_join(th, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(j.result, 100000);
  EXPECT_EQ(j.thrown, 7);
}

}  // namespace coro_deep_chain_test
