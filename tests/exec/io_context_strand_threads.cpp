// io_context::strand, as older code uses it: constructed from the context, given to post(),
// dispatch() and bind_executor() like any executor, and through its own post/dispatch/wrap
// members. Run by two threads, its handlers never overlap and keep their submission order.

#include "context_test.hpp"

#include "ringport/bind_executor.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/io_context.hpp"
#include "ringport/io_context_strand.hpp"
#include "ringport/post.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace io_context_strand_threads_test {

using IoContextStrandThreads = ringport::test::context_test;

// Records overlap and order for handlers that must run one at a time.
struct serial_check {
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  std::vector<int> order;  // written only inside the strand

  void enter(int id) {
    if (inside.fetch_add(1) != 0) ++overlaps;
    order.push_back(id);
    // A little work, so that a second thread would have the chance to overlap.
    volatile int sink = 0;
    for (int i = 0; i < 200; ++i)
      sink = sink + i;
    inside.fetch_sub(1);
  }
};

void run_on_two_threads(ringport::io_context& ctx) {
  std::thread other([&] { ctx.run(); });
  ctx.run();
  other.join();
}

TEST_F(IoContextStrandThreads, HandlersRunOneAtATimeInOrder) {
  ringport::io_context::strand strand(ctx());
  EXPECT_EQ(&strand.context(), &ctx());
  EXPECT_FALSE(strand.running_in_this_thread());
  static_assert(ringport::execution::executor<ringport::io_context::strand>);

  serial_check check;
  constexpr int per_form = 500;
  int next = 0;
  std::atomic<int> outside_strand{0};
  for (int i = 0; i < per_form; ++i) {
    const int id_post = next++;
    ringport::post(strand, [&, id_post] {
      if (!strand.running_in_this_thread()) ++outside_strand;
      check.enter(id_post);
    });
    const int id_bound = next++;
    // A handler bound to the strand, posted to the context: it still runs in the strand.
    ringport::post(ctx(), ringport::bind_executor(strand, [&, id_bound] {
                     if (!strand.running_in_this_thread()) ++outside_strand;
                     check.enter(id_bound);
                   }));
    const int id_legacy = next++;
    strand.post([&, id_legacy] { check.enter(id_legacy); });
  }
  run_on_two_threads(ctx());

  EXPECT_EQ(check.overlaps.load(), 0);
  EXPECT_EQ(outside_strand.load(), 0);
  ASSERT_EQ(check.order.size(), static_cast<std::size_t>(3 * per_form));
  // Handlers given straight to the strand keep their order; a bound handler is queued on the
  // strand when the context runs it, so only the direct ones are compared.
  std::vector<int> direct;
  for (int id : check.order)
    if (id % 3 != 1) direct.push_back(id);
  for (std::size_t i = 1; i < direct.size(); ++i)
    EXPECT_LT(direct[i - 1], direct[i]) << "at " << i;
}

TEST_F(IoContextStrandThreads, DispatchRunsInlineInsideTheContext) {
  ringport::io_context::strand strand(ctx());
  ringport::io_context::strand other(ctx());
  EXPECT_TRUE(strand == strand);
  EXPECT_FALSE(strand == other);
  std::vector<int> order;
  strand.post([&] {
    order.push_back(1);
    strand.dispatch([&] { order.push_back(2); });  // inside: runs at once
    ringport::dispatch(strand, [&] { order.push_back(3); });
    // Another strand, idle, inside its context's thread: runs at once too (as in Asio).
    ringport::dispatch(other, [&] { order.push_back(4); });
    ringport::post(other, [&] { order.push_back(6); });  // post: always queued
    order.push_back(5);
  });
  ctx().run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST_F(IoContextStrandThreads, WrappedHandlersCalledFromTwoThreadsNeverOverlap) {
  ringport::io_context::strand strand(ctx());
  serial_check check;
  std::atomic<int> outside_strand{0};
  auto wrapped = strand.wrap([&](int id) {
    if (!strand.running_in_this_thread()) ++outside_strand;
    check.enter(id);
  });
  constexpr int count = 1000;
  // Plain posts to the context call the wrapper from whichever thread runs them.
  for (int i = 0; i < count; ++i)
    ringport::post(ctx(), [wrapped, i]() mutable { wrapped(i); });
  run_on_two_threads(ctx());
  EXPECT_EQ(check.overlaps.load(), 0);
  EXPECT_EQ(outside_strand.load(), 0);
  EXPECT_EQ(check.order.size(), static_cast<std::size_t>(count));
}

}  // namespace io_context_strand_threads_test
