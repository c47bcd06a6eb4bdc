// A strand over a thread_pool's executor keeps its guarantees with several pool threads:
// one handler at a time, in submission order.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/thread_pool.hpp"

#include <atomic>
#include <vector>

namespace strand_on_thread_pool_threads_test {

using StrandOnThreadPoolThreads = ringport::test::context_test;

TEST_F(StrandOnThreadPoolThreads, ExclusiveAndInOrder) {
  constexpr int count = 3000;
  ringport::thread_pool pool(3);
  auto strand = ringport::make_strand(pool);
  static_assert(
      std::is_same_v<decltype(strand), ringport::strand<ringport::thread_pool::executor_type>>);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> not_on_pool{0};
  std::vector<int> order;  // strand-protected
  order.reserve(count);
  for (int i = 0; i < count; ++i)
    ringport::post(strand, [&, i] {
      if (inside.fetch_add(1) != 0) overlapped = true;
      if (!pool.get_executor().running_in_this_thread()) ++not_on_pool;
      order.push_back(i);
      inside.fetch_sub(1);
    });
  pool.wait();  // returns once the pool has no work left
  EXPECT_FALSE(overlapped.load());
  EXPECT_EQ(not_on_pool.load(), 0);
  ASSERT_EQ(order.size(), std::size_t(count));
  for (int i = 0; i < count; ++i)
    ASSERT_EQ(order[i], i);
}

TEST_F(StrandOnThreadPoolThreads, TwoStrandsOnOnePool) {
  constexpr int count = 1000;
  ringport::thread_pool pool(2);
  auto a = ringport::make_strand(pool.get_executor());
  auto b = ringport::make_strand(pool.get_executor());
  std::atomic<int> in_a{0}, in_b{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> ran{0};
  for (int i = 0; i < count; ++i) {
    ringport::post(a, [&] {
      if (in_a.fetch_add(1) != 0) overlapped = true;
      in_a.fetch_sub(1);
      ++ran;
    });
    ringport::post(b, [&] {
      if (in_b.fetch_add(1) != 0) overlapped = true;
      in_b.fetch_sub(1);
      ++ran;
    });
  }
  pool.wait();
  EXPECT_EQ(ran.load(), 2 * count);
  EXPECT_FALSE(overlapped.load());
}

}  // namespace strand_on_thread_pool_threads_test
