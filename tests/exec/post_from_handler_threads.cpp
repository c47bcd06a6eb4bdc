// With two threads in run(), a handler's post() must be runnable by the other thread while
// the handler is still running (it is not held back in the poster's private queue). The
// handler waits, bounded, for the posted handler to run elsewhere.
#include "context_test.hpp"

#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace post_from_handler_threads_test {

using PostFromHandlerThreads = ringport::test::context_test;

// A rendezvous with a deadline: arrive() returns true once `count` parties arrived.
class rendezvous {
 public:
  explicit rendezvous(int count) : left_(count) {}
  bool arrive() {
    std::unique_lock lock(mutex_);
    if (--left_ <= 0) cv_.notify_all();
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return left_ <= 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int left_;
};

TEST_F(PostFromHandlerThreads, OtherThreadRunsThePostWhileThePosterBlocks) {
  auto guard = ringport::make_work_guard(ctx());
  std::thread other([&] { ctx().run(); });

  // Two handlers that must be running at the same time: proves both threads are in run().
  rendezvous both_running(2);
  bool met[2] = {false, false};
  for (bool& m : met)
    ringport::post(ctx(), [&both_running, &m] { m = both_running.arrive(); });

  bool posted_ran_meanwhile = false;
  std::thread::id poster_thread, posted_thread;
  rendezvous done(2);
  ringport::post(ctx(), [&] {
    poster_thread = std::this_thread::get_id();
    ringport::post(ctx(), [&] {
      posted_thread = std::this_thread::get_id();
      done.arrive();
    });
    posted_ran_meanwhile = done.arrive();
    guard.reset();
  });

  std::thread self([&] { ctx().run(); });
  self.join();
  other.join();
  ASSERT_TRUE(met[0] && met[1]);
  EXPECT_TRUE(posted_ran_meanwhile);
  EXPECT_NE(poster_thread, posted_thread);
}

}  // namespace post_from_handler_threads_test
