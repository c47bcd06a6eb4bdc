// any_io_executor over a strand keeps the strand's guarantees: with run() on two threads the
// handlers submitted through it never overlap and keep their order.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace any_io_executor_wraps_strand_threads_test {

using AnyIoExecutorWrapsStrandThreads = ringport::test::context_test;
using io_strand = ringport::strand<ringport::io_context::executor_type>;

TEST_F(AnyIoExecutorWrapsStrandThreads, SerializedAndOrdered) {
  constexpr int count = 3000;
  auto strand = ringport::make_strand(ctx());
  ringport::any_io_executor ex = strand;
  ASSERT_NE(ex.target<io_strand>(), nullptr);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> outside_strand{0};
  std::vector<int> order;  // strand-protected
  for (int i = 0; i < count; ++i)
    ringport::post(ex, [&, i] {
      if (inside.fetch_add(1) != 0) overlapped = true;
      if (!strand.running_in_this_thread()) ++outside_strand;
      order.push_back(i);
      inside.fetch_sub(1);
    });
  std::thread other([&] { ctx().run(); });
  ctx().run();
  other.join();
  EXPECT_FALSE(overlapped.load());
  EXPECT_EQ(outside_strand.load(), 0);
  ASSERT_EQ(order.size(), std::size_t(count));
  for (int i = 0; i < count; ++i)
    ASSERT_EQ(order[i], i);
}

}  // namespace any_io_executor_wraps_strand_threads_test
