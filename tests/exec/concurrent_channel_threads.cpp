// experimental::concurrent_channel used by several threads at once: handler chains on two
// run() threads, producers and consumers on threads of their own (use_future, try_send,
// try_receive), a close() racing with sends, and slot cancellation racing with sends. In each
// case every message that was sent successfully is received exactly once, and every
// consumer sees each producer's messages in the order they were sent.
#include "context_test.hpp"

#include "ringport/as_tuple.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/concurrent_channel.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_future.hpp"

#include <algorithm>
#include <functional>
#include <atomic>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace concurrent_channel_threads_test {

using ConcurrentChannelThreads = ringport::test::context_test;
using ringport::error_code;
namespace ex = ringport::experimental;

using int_channel = ex::concurrent_channel<void(error_code, int)>;

constexpr int value_of(int producer, int seq, int per_producer) {
  return producer * per_producer + seq;
}

// What the consumers saw; each consumer appends to its own list.
struct received {
  explicit received(int consumers) : lists(consumers) {}
  std::vector<std::vector<int>> lists;

  // Every value in `sent` exactly once, nothing else; per consumer, each producer's values
  // in increasing order.
  void check(std::vector<int> sent, int per_producer) const {
    std::vector<int> all;
    for (const auto& list : lists) {
      std::vector<int> last(64, -1);
      for (int v : list) {
        const int producer = v / per_producer;
        ASSERT_GT(v, last[producer]) << "producer " << producer << " out of order";
        last[producer] = v;
      }
      all.insert(all.end(), list.begin(), list.end());
    }
    std::sort(all.begin(), all.end());
    std::sort(sent.begin(), sent.end());
    ASSERT_EQ(all.size(), sent.size());
    EXPECT_TRUE(all == sent) << "a message was lost or duplicated";
  }
};

// Receives until the channel reports an error (closed), appending to `list`; the consumer
// that receives the last expected message closes the channel.
struct consumer {
  int_channel* ch;
  std::vector<int>* list;
  std::atomic<int>* count;
  int total;

  void start() { ch->async_receive(*this); }
  void operator()(error_code ec, int v) {
    if (ec) {
      EXPECT_EQ(ec, ex::error::channel_closed);
      return;
    }
    list->push_back(v);
    if (count->fetch_add(1) + 1 == total) ch->close();
    start();
  }
};

// Sends seq, seq + 1, ... up to count values, one at a time.
struct producer {
  int_channel* ch;
  int id;
  int seq;
  int count;

  void start() { ch->async_send(error_code(), value_of(id, seq, count), *this); }
  void operator()(error_code ec) {
    ASSERT_FALSE(ec);
    if (++seq < count) start();
  }
};

void run_on_two_threads(ringport::io_context& ctx) {
  std::thread other([&] { ctx.run(); });
  ctx.run();
  other.join();
}

TEST_F(ConcurrentChannelThreads, HandlerChainsOnTwoRunThreads) {
  constexpr int producers = 3;
  constexpr int per_producer = 1500;
  constexpr int consumers = 2;
  for (std::size_t capacity : {0u, 4u}) {
    int_channel ch(ctx(), capacity);
    received got(consumers);
    std::atomic<int> count{0};
    std::vector<int> sent;
    for (int p = 0; p < producers; ++p) {
      producer{&ch, p, 0, per_producer}.start();
      for (int i = 0; i < per_producer; ++i)
        sent.push_back(value_of(p, i, per_producer));
    }
    for (int c = 0; c < consumers; ++c)
      consumer{&ch, &got.lists[c], &count, producers * per_producer}.start();
    ctx().restart();
    run_on_two_threads(ctx());
    got.check(sent, per_producer);
  }
}

TEST_F(ConcurrentChannelThreads, BlockingProducersOnOwnThreads) {
  constexpr int producers = 3;
  constexpr int per_producer = 400;
  for (std::size_t capacity : {0u, 2u}) {
    int_channel ch(ctx(), capacity);
    received got(2);
    std::atomic<int> count{0};
    for (int c = 0; c < 2; ++c)
      consumer{&ch, &got.lists[c], &count, producers * per_producer}.start();
    ctx().restart();
    std::thread runners[2];
    for (auto& t : runners)
      t = std::thread([&] { ctx().run(); });
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p)
      threads.emplace_back([&ch, p] {
        for (int i = 0; i < per_producer; ++i)
          ch.async_send(error_code(), value_of(p, i, per_producer), ringport::use_future).get();
      });
    for (auto& t : threads)
      t.join();
    for (auto& t : runners)
      t.join();  // the consumers close the channel after the last message
    std::vector<int> sent;
    for (int p = 0; p < producers; ++p)
      for (int i = 0; i < per_producer; ++i)
        sent.push_back(value_of(p, i, per_producer));
    got.check(sent, per_producer);
  }
}

TEST_F(ConcurrentChannelThreads, TrySendAndTryReceiveFromThreads) {
  constexpr int producers = 3;
  constexpr int per_producer = 500;
  constexpr int consumers = 2;
  int_channel ch(ctx(), 3);
  auto work = ringport::prefer(ctx().get_executor(), ringport::execution::outstanding_work.tracked);
  std::thread runner([&] { ctx().run(); });
  std::atomic<int> fallbacks{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i) {
        const int v = value_of(p, i, per_producer);
        if (!ch.try_send(error_code(), v)) {
          // Full: wait for room instead of spinning.
          ++fallbacks;
          ch.async_send(error_code(), v, ringport::use_future).get();
        }
      }
    });
  received got(consumers);
  std::atomic<int> remaining{producers * per_producer};
  std::vector<std::thread> takers;
  for (int c = 0; c < consumers; ++c)
    takers.emplace_back([&, c] {
      auto& list = got.lists[c];
      while (remaining.fetch_sub(1) > 0) {
        int v = -1;
        if (!ch.try_receive([&](error_code ec, int x) {
              EXPECT_FALSE(ec);
              v = x;
            }))
          v = ch.async_receive(ringport::use_future).get();
        list.push_back(v);
      }
    });
  for (auto& t : threads)
    t.join();
  for (auto& t : takers)
    t.join();
  { auto release = std::move(work); }
  runner.join();
  std::vector<int> sent;
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < per_producer; ++i)
      sent.push_back(value_of(p, i, per_producer));
  got.check(sent, per_producer);
  EXPECT_FALSE(ch.ready());
}

TEST_F(ConcurrentChannelThreads, CloseRacingWithSendsLosesNothing) {
  constexpr int producers = 3;
  constexpr int per_producer = 2000;
  constexpr int close_after = 1000;
  int_channel ch(ctx(), 8);
  received got(2);
  std::atomic<int> count{0};
  // The consumers close the channel after close_after messages, then drain it.
  for (int c = 0; c < 2; ++c)
    consumer{&ch, &got.lists[c], &count, close_after}.start();
  // Sends refused after the close still complete through the context.
  auto work = ringport::prefer(ctx().get_executor(), ringport::execution::outstanding_work.tracked);
  std::thread runners[2];
  for (auto& t : runners)
    t = std::thread([&] { ctx().run(); });
  std::mutex sent_mutex;
  std::vector<int> sent;
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i) {
        const int v = value_of(p, i, per_producer);
        // The refusal as a value (as_tuple), not as an exception: an exception_ptr released
        // on another thread is invisible to ThreadSanitizer inside libstdc++.
        const auto [e] =
            ch.async_send(error_code(), v, ringport::as_tuple(ringport::use_future)).get();
        if (e) {
          EXPECT_EQ(e, ex::error::channel_closed);
          return;
        }
        std::lock_guard lock(sent_mutex);
        sent.push_back(v);
      }
      ADD_FAILURE() << "the channel closed before every message was sent";
    });
  for (auto& t : threads)
    t.join();
  { auto release = std::move(work); }
  for (auto& t : runners)
    t.join();
  EXPECT_FALSE(ch.is_open());
  EXPECT_GE(sent.size(), std::size_t(close_after));
  got.check(sent, per_producer);
}

// Receives on a strand, re-arming after each message or cancellation, with a slot the
// strand's emitter fires at; stops after `total` messages.
struct cancellable_consumer {
  int_channel* ch;
  ringport::strand<ringport::io_context::executor_type>* strand;
  ringport::cancellation_signal* signal;
  std::vector<int>* list;
  int* cancellations;
  int total;

  void start() {
    ch->async_receive(
        ringport::bind_cancellation_slot(signal->slot(), ringport::bind_executor(*strand, *this)));
  }
  void operator()(error_code ec, int v) {
    if (ec) {
      EXPECT_EQ(ec, ex::error::channel_cancelled);
      ++*cancellations;
    } else {
      list->push_back(v);
    }
    if (static_cast<int>(list->size()) < total) start();
  }
};

TEST_F(ConcurrentChannelThreads, SlotCancellationRacesWithSends) {
  constexpr int producers = 2;
  constexpr int per_producer = 1500;
  constexpr int emits = 3000;
  int_channel ch(ctx());
  auto strand = ringport::make_strand(ctx());
  ringport::cancellation_signal signal;  // used only inside the strand
  received got(1);
  int cancellations = 0;
  ringport::post(strand, [&] {
    cancellable_consumer{&ch,           &strand,        &signal,
                         &got.lists[0], &cancellations, producers * per_producer}
        .start();
  });
  // Emits from the strand while the producers' threads send.
  std::function<void(int)> emit = [&](int left) {
    signal.emit(ringport::cancellation_type::terminal);
    if (left > 0) ringport::post(strand, [&emit, left] { emit(left - 1); });
  };
  ringport::post(strand, [&] { emit(emits); });
  std::thread runners[2];
  for (auto& t : runners)
    t = std::thread([&] { ctx().run(); });
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&ch, p] {
      for (int i = 0; i < per_producer; ++i)
        ch.async_send(error_code(), value_of(p, i, per_producer), ringport::use_future).get();
    });
  for (auto& t : threads)
    t.join();
  for (auto& t : runners)
    t.join();
  std::vector<int> sent;
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < per_producer; ++i)
      sent.push_back(value_of(p, i, per_producer));
  got.check(sent, per_producer);
  EXPECT_FALSE(ch.ready());
  (void)cancellations;  // how many receives the emits caught depends on the interleaving
}

}  // namespace concurrent_channel_threads_test
