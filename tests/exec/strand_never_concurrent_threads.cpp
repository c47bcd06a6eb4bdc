// A strand never runs two of its handlers at once, even with run() on two threads and other
// work competing for those threads.
#include "context_test.hpp"

#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace strand_never_concurrent_threads_test {

using StrandNeverConcurrentThreads = ringport::test::context_test;

// Enters the strand, does a little work, leaves; notes if anyone else was inside.
struct exclusive_section {
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> runs{0};

  void enter_and_leave() {
    if (inside.fetch_add(1) != 0) overlapped = true;
    volatile int sink = 0;
    for (int i = 0; i < 200; ++i)
      sink = sink + i;
    if (inside.fetch_sub(1) != 1) overlapped = true;
    ++runs;
  }
};

TEST_F(StrandNeverConcurrentThreads, HandlersPostedBeforeRun) {
  constexpr int count = 4000;
  auto strand = ringport::make_strand(ctx());
  exclusive_section section;
  std::atomic<int> plain{0};
  for (int i = 0; i < count; ++i) {
    ringport::post(strand, [&] { section.enter_and_leave(); });
    ringport::post(ctx(), [&] { ++plain; });  // competes for the two threads
  }
  std::thread other([&] { ctx().run(); });
  ctx().run();
  other.join();
  EXPECT_EQ(section.runs.load(), count);
  EXPECT_EQ(plain.load(), count);
  EXPECT_FALSE(section.overlapped.load()) << "two strand handlers ran at the same time";
}

TEST_F(StrandNeverConcurrentThreads, HandlersPostedFromManyThreadsWhileRunning) {
  constexpr int per_producer = 1500;
  auto strand = ringport::make_strand(ctx());
  exclusive_section section;
  std::mutex mutex;
  std::set<std::thread::id> ran_on;
  auto guard =
      ringport::prefer(ctx().get_executor(), ringport::execution::outstanding_work.tracked);
  std::thread runners[2];
  for (auto& t : runners)
    t = std::thread([&] { ctx().run(); });
  std::thread producers[3];
  for (auto& t : producers)
    t = std::thread([&] {
      for (int i = 0; i < per_producer; ++i)
        ringport::post(strand, [&] {
          section.enter_and_leave();
          std::lock_guard lock(mutex);
          ran_on.insert(std::this_thread::get_id());
        });
    });
  for (auto& t : producers)
    t.join();
  { auto release = std::move(guard); }
  for (auto& t : runners)
    t.join();
  EXPECT_EQ(section.runs.load(), 3 * per_producer);
  EXPECT_FALSE(section.overlapped.load()) << "two strand handlers ran at the same time";
  EXPECT_GE(ran_on.size(), 1u);
}

TEST_F(StrandNeverConcurrentThreads, HandlersThatPostToTheirOwnStrand) {
  // Chains re-enter the strand from inside it, which queues behind the running batch.
  constexpr int chains = 4;
  constexpr int links = 500;
  auto strand = ringport::make_strand(ctx());
  exclusive_section section;
  struct link {
    ringport::strand<ringport::io_context::executor_type> strand;
    exclusive_section* section;
    int left;
    void operator()() {
      section->enter_and_leave();
      if (--left > 0) ringport::post(strand, *this);
    }
  };
  for (int c = 0; c < chains; ++c)
    ringport::post(strand, link{strand, &section, links});
  std::thread other([&] { ctx().run(); });
  ctx().run();
  other.join();
  EXPECT_EQ(section.runs.load(), chains * links);
  EXPECT_FALSE(section.overlapped.load());
}

}  // namespace strand_never_concurrent_threads_test
