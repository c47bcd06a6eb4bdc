// glibc: the scheduler's mutex is an adaptive one (spins briefly on a collision before
// sleeping), because with two run() threads its holder changes on every post and handler.
// Spinning only changes timing, which a test must not judge (bench/ measures it), so these
// tests check that the mode is set and that the re-made mutex still behaves as a mutex.
// "Set" is checked against glibc's public initializer for an adaptive mutex: a glibc mutex
// that is unlocked and was never contended holds exactly what its initialization wrote, and
// pthread_mutex_init with the adaptive type writes the same as that initializer.
#include <cstddef>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__)

#include "backend_test.hpp"

#include "common/mutex_spin.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <pthread.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace scheduler_mutex_spins_threads_test {

using SchedulerMutexSpinsThreads = ringport::test::backend_test;

// Static storage: zero-filled beyond what the initializers name.
const pthread_mutex_t adaptive_initializer = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;
const pthread_mutex_t default_initializer = PTHREAD_MUTEX_INITIALIZER;

bool same_as(const pthread_mutex_t* m, const pthread_mutex_t& initializer) {
  return std::memcmp(m, &initializer, sizeof initializer) == 0;
}

TEST_P(SchedulerMutexSpinsThreads, PreferSpinningMakesTheMutexAdaptive) {
  // Without this the comparisons below could not tell the two kinds apart.
  ASSERT_FALSE(same_as(&adaptive_initializer, default_initializer));
  std::mutex m;
  ASSERT_TRUE(same_as(m.native_handle(), default_initializer));
  ringport::detail::prefer_spinning(m);
  EXPECT_TRUE(same_as(m.native_handle(), adaptive_initializer));
}

TEST_P(SchedulerMutexSpinsThreads, SchedulerMutexIsAdaptive) {
  // Nothing has run on the fresh context: its mutex was never contended.
  auto lock = ctx().impl().lock_timers();
  ASSERT_TRUE(lock.owns_lock());
  std::mutex* m = lock.mutex();
  lock.unlock();
  EXPECT_TRUE(same_as(m->native_handle(), adaptive_initializer))
      << "the scheduler did not ask for a spinning mutex";
}

TEST_P(SchedulerMutexSpinsThreads, SpinningMutexStillExcludes) {
  std::mutex m;
  ringport::detail::prefer_spinning(m);
  {
    // Held: neither another thread nor the holder gets it again (the re-made mutex is not
    // a recursive one).
    std::lock_guard held(m);
    const int relock = ::pthread_mutex_trylock(m.native_handle());
    if (relock == 0) ::pthread_mutex_unlock(m.native_handle());  // or the workers would hang
    EXPECT_EQ(relock, EBUSY) << "the holder locked it again";
    std::thread other([&] { EXPECT_FALSE(m.try_lock()); });
    other.join();
  }
  // Contended increments of an unguarded counter lose nothing (TSan also sees the guard).
  constexpr int threads = 4;
  constexpr int rounds = 20000;
  long counter = 0;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      for (int i = 0; i < rounds; ++i) {
        std::lock_guard guard(m);
        ++counter;
      }
    });
  for (auto& w : workers)
    w.join();
  EXPECT_EQ(counter, long{threads} * rounds);
}

TEST_P(SchedulerMutexSpinsThreads, AdaptiveMutexStillGuardsAndWakes) {
  // The condition variable works with the re-made mutex: a post from another thread wakes
  // a run() that waits on it. run(), not run_for(): run_for() waits in one-second slices,
  // which would wake the runner anyway.
  auto guard = ringport::make_work_guard(ctx());
  std::thread runner([this] { ctx().run(); });
  std::promise<void> ran;
  std::thread poster([&] { ringport::post(ctx(), [&] { ran.set_value(); }); });
  poster.join();
  const bool woke =
      ran.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!woke) ctx().stop();  // or the runner could wait forever
  guard.reset();
  runner.join();
  EXPECT_TRUE(woke) << "the post did not wake the thread waiting in run()";
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerMutexSpinsThreads);

}  // namespace scheduler_mutex_spins_threads_test

#endif
