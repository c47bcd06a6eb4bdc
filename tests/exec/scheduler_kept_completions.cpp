// A thread alone in run() keeps the completions one backend wait collected and runs them
// without the scheduler's mutex. These tests check that keeping them changes nothing users
// can see: a thread that enters run() while a kept handler blocks runs the others; stop()
// inside one leaves the rest for the next run(); a nested run() or poll() inside one runs the
// rest; each handler runs exactly once, and run() counts it. The completions are made to arrive
// together: the data is written while the running thread is held in a handler, so its next wait
// finds every read complete at once. Waits are bounded (10 s) so a broken scheduler fails instead
// of hanging.
#include "arrival_counter.hpp"
#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/writable_pipe.hpp"

#include <array>
#include <chrono>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace scheduler_kept_completions_test {

using SchedulerKeptCompletions = ringport::test::backend_test;
using namespace std::chrono_literals;

constexpr int pipes = 4;

using counter = ringport::test::arrival_counter;

// `pipes` pipes with a one-byte read pending on each. arrive_together() writes a byte into
// every pipe while the thread in run() is held inside a handler, so that its next wait
// collects all the reads at once.
struct pending_reads {
  explicit pending_reads(ringport::io_context& ctx) {
    for (int i = 0; i < pipes; ++i) {
      readers.push_back(std::make_unique<ringport::readable_pipe>(ctx));
      writers.push_back(std::make_unique<ringport::writable_pipe>(ctx));
      ringport::connect_pipe(*readers.back(), *writers.back());
    }
  }
  // Starts the reads; each completion calls on_read(i) with no error and one byte.
  void start(std::function<void(int)> on_read) {
    for (int i = 0; i < pipes; ++i)
      readers[static_cast<std::size_t>(i)]->async_read_some(
          ringport::buffer(&bytes[static_cast<std::size_t>(i)], 1),
          [this, i, on_read](const std::error_code& ec, std::size_t n) {
            if (!ec && n == 1) on_read(i);
          });
  }
  // Call from outside: holds the run() thread in a posted handler while every pipe gets its
  // byte, so the reads complete while nobody waits in the backend.
  void arrive_together(ringport::io_context& ctx) {
    ringport::post(ctx, [this] {
      held.arrive();
      written.wait_for_count(1);
    });
    ASSERT_TRUE(held.wait_for_count(1));
    for (auto& w : writers) {
      char c = 'x';
      std::error_code ec;
      ASSERT_EQ(w->write_some(ringport::buffer(&c, 1), ec), 1u) << ec.message();
    }
    // Give the kernel a moment to finish the reads (io_uring) or mark the pipes readable
    // (epoll) before the held thread waits again; correctness does not depend on it.
    std::this_thread::sleep_for(20ms);
    written.arrive();
  }

  std::vector<std::unique_ptr<ringport::readable_pipe>> readers;
  std::vector<std::unique_ptr<ringport::writable_pipe>> writers;
  std::array<char, pipes> bytes{};
  counter held, written;  // outlive the holding handler
};

TEST_P(SchedulerKeptCompletions, AThreadThatEntersRunRunsTheOthersWhileOneBlocks) {
  // The first read's handler starts a second thread in run() and waits for the other reads'
  // handlers: only that thread can run them, taking them from the first thread's batch.
  pending_reads reads(ctx());
  counter others;
  std::atomic<bool> first_taken{false};
  std::atomic<bool> others_ran_meanwhile{false};
  std::thread::id first_thread;
  std::thread second;
  std::atomic<int> ran_on_first_thread{0};
  reads.start([&](int) {
    if (!first_taken.exchange(true)) {
      first_thread = std::this_thread::get_id();
      second = std::thread([this] { ctx().run(); });
      others_ran_meanwhile = others.wait_for_count(pipes - 1);
      return;
    }
    if (std::this_thread::get_id() == first_thread) ++ran_on_first_thread;
    others.arrive();
  });
  std::thread first([this] { ctx().run(); });
  reads.arrive_together(ctx());
  first.join();
  if (second.joinable()) second.join();
  EXPECT_TRUE(first_taken);
  EXPECT_TRUE(others_ran_meanwhile);
  EXPECT_EQ(others.count(), pipes - 1);
  EXPECT_EQ(ran_on_first_thread, 0);
}

TEST_P(SchedulerKeptCompletions, StopInOneLeavesTheOthersForTheNextRun) {
  pending_reads reads(ctx());
  std::array<int, pipes> runs{};
  std::atomic<int> stops{0};
  reads.start([&](int i) {
    ++runs[static_cast<std::size_t>(i)];
    if (stops++ == 0) ctx().stop();
  });
  std::size_t first_run = 0;
  std::thread first([&] { first_run = ctx().run(); });
  reads.arrive_together(ctx());
  first.join();
  // The holding handler and the one read handler that stopped the context.
  EXPECT_EQ(first_run, 2u);
  EXPECT_EQ(stops, 1);
  ctx().restart();
  std::size_t second_run = ctx().run();
  EXPECT_EQ(second_run, static_cast<std::size_t>(pipes - 1));
  for (int r : runs)
    EXPECT_EQ(r, 1);
}

TEST_P(SchedulerKeptCompletions, APollInsideOneRunsTheOthers) {
  pending_reads reads(ctx());
  std::array<int, pipes> runs{};
  int polled_inside = -1;
  bool first = true;
  reads.start([&](int i) {
    ++runs[static_cast<std::size_t>(i)];
    if (first) {
      first = false;
      polled_inside = static_cast<int>(ctx().poll());
    }
  });
  std::thread runner([this] { ctx().run(); });
  reads.arrive_together(ctx());
  runner.join();
  EXPECT_EQ(polled_inside, pipes - 1);
  for (int r : runs)
    EXPECT_EQ(r, 1);
}

TEST_P(SchedulerKeptCompletions, RunCountsEveryHandler) {
  pending_reads reads(ctx());
  std::array<int, pipes> runs{};
  reads.start([&](int i) { ++runs[static_cast<std::size_t>(i)]; });
  std::size_t ran = 0;
  std::thread runner([&] { ran = ctx().run(); });
  reads.arrive_together(ctx());
  runner.join();
  EXPECT_EQ(ran, static_cast<std::size_t>(1 + pipes));  // the holding handler and the reads
  for (int r : runs)
    EXPECT_EQ(r, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerKeptCompletions);

}  // namespace scheduler_kept_completions_test
