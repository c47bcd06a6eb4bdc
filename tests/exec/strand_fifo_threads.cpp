// A strand runs handlers in the order they were submitted: everything one thread submits
// comes out in that thread's order, whichever run() thread executes it.
#include "context_test.hpp"

#include "ringport/dispatch.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <thread>
#include <vector>

namespace strand_fifo_threads_test {

using StrandFifoThreads = ringport::test::context_test;

TEST_F(StrandFifoThreads, PostOrderIsRunOrder) {
  constexpr int count = 3000;
  auto strand = ringport::make_strand(ctx());
  std::vector<int> order;  // touched only inside the strand: no lock
  order.reserve(count);
  for (int i = 0; i < count; ++i) {
    // Alternate post and dispatch: from outside the context both queue in order.
    if (i % 2)
      ringport::post(strand, [&order, i] { order.push_back(i); });
    else
      ringport::dispatch(strand, [&order, i] { order.push_back(i); });
  }
  std::thread other([&] { ctx().run(); });
  ctx().run();
  other.join();
  ASSERT_EQ(order.size(), std::size_t(count));
  for (int i = 0; i < count; ++i)
    ASSERT_EQ(order[i], i) << "at position " << i;
}

TEST_F(StrandFifoThreads, EachProducerKeepsItsOrder) {
  constexpr int producers = 3;
  constexpr int per_producer = 1000;
  auto strand = ringport::make_strand(ctx());
  std::vector<std::vector<int>> seen(producers);  // strand-protected
  auto work = ringport::prefer(ctx().get_executor(), ringport::execution::outstanding_work.tracked);
  std::thread runners[2];
  for (auto& t : runners)
    t = std::thread([&] { ctx().run(); });
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i)
        ringport::post(strand, [&seen, p, i] { seen[p].push_back(i); });
    });
  for (auto& t : threads)
    t.join();
  { auto release = std::move(work); }
  for (auto& t : runners)
    t.join();
  for (int p = 0; p < producers; ++p) {
    ASSERT_EQ(seen[p].size(), std::size_t(per_producer));
    for (int i = 0; i < per_producer; ++i)
      ASSERT_EQ(seen[p][i], i) << "producer " << p;
  }
}

}  // namespace strand_fifo_threads_test
