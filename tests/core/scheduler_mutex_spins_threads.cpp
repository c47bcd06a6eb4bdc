// glibc: the scheduler's mutex is an adaptive one (spins briefly on a collision before
// sleeping), because with two run() threads its holder changes on every post and handler.
// The kind is read from the mutex itself (glibc's pthread_mutex_t keeps it in __data.__kind).
#include <cstddef>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__)

#include "backend_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <pthread.h>

#include <chrono>
#include <future>
#include <thread>

namespace scheduler_mutex_spins_threads_test {

using SchedulerMutexSpinsThreads = ringport::test::backend_test;

TEST_P(SchedulerMutexSpinsThreads, ReadyQueueMutexIsAdaptive) {
  auto lock = ctx().impl().lock_timers();
  ASSERT_TRUE(lock.owns_lock());
  const pthread_mutex_t* m = lock.mutex()->native_handle();
  EXPECT_EQ(m->__data.__kind & 3, PTHREAD_MUTEX_ADAPTIVE_NP);
}

TEST_P(SchedulerMutexSpinsThreads, AdaptiveMutexStillGuardsAndWakes) {
  // The condition variable works with the re-made mutex: a post from another thread wakes
  // a run() that waits on it.
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([this] { ctx().run(); });
  std::promise<void> ran;
  std::thread poster([&] { ringport::post(ctx(), [&] { ran.set_value(); }); });
  poster.join();
  EXPECT_EQ(ran.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  guard.reset();
  runner.join();
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerMutexSpinsThreads);

}  // namespace scheduler_mutex_spins_threads_test

#endif
