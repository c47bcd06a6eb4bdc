// thread_pool::attach() turns the calling thread into one more pool thread until the pool
// stops or its work runs out.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/thread_pool.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace thread_pool_attach_threads_test {

using ThreadPoolAttachThreads = ringport::test::context_test;

TEST_F(ThreadPoolAttachThreads, PoolWithoutThreadsRunsOnTheAttachedOne) {
  ringport::thread_pool pool(0);
  std::vector<int> order;
  for (int i = 0; i < 10; ++i)
    ringport::post(pool, [&, i] {
      order.push_back(i);
      if (i == 9) pool.stop();
    });
  pool.attach();  // returns when the last handler stops the pool
  ASSERT_EQ(order.size(), 10u);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(order[i], i);
}

TEST_F(ThreadPoolAttachThreads, AttachedThreadLeavesWhenWorkRunsOut) {
  constexpr int count = 500;
  ringport::thread_pool pool(1);
  std::atomic<int> ran{0}, on_attached{0};
  std::thread::id attached_id;
  std::thread attached([&] { pool.attach(); });
  attached_id = attached.get_id();
  for (int i = 0; i < count; ++i)
    ringport::post(pool, [&] {
      ++ran;
      if (!pool.get_executor().running_in_this_thread()) ++on_attached;
    });
  pool.wait();  // releases the pool's own work: the attached thread leaves too
  attached.join();
  EXPECT_EQ(ran.load(), count);
  EXPECT_EQ(on_attached.load(), 0) << "an attached thread counts as inside the pool";
}

}  // namespace thread_pool_attach_threads_test
