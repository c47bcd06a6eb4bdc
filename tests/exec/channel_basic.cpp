// experimental::channel: rendezvous and buffered sends, try_send/try_send_n/try_receive,
// several signatures, completion tokens (callbacks, use_future, use_awaitable), handlers run
// through their associated executor and allocator and never inside the initiating call, a
// waiting operation holding work, moves, and the channel error category.
#include "context_test.hpp"
#include "counting_allocator.hpp"
#include "recording_executor.hpp"

#include "ringport/bind_allocator.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/experimental/channel.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <exception>
#include <future>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace channel_basic_test {

using ChannelBasic = ringport::test::context_test;
using ringport::error_code;
namespace ex = ringport::experimental;

using int_channel = ex::channel<void(error_code, int)>;

// Runs every handler that is ready, without blocking: a test whose operation never completes
// fails instead of hanging.
void drain(ringport::io_context& ctx) {
  ctx.restart();
  ctx.poll();
}

TEST_F(ChannelBasic, RendezvousSendWaitsForReceive) {
  int_channel ch(ctx());
  EXPECT_EQ(ch.capacity(), 0u);
  EXPECT_TRUE(ch.is_open());
  EXPECT_FALSE(ch.ready());
  EXPECT_FALSE(ch.try_send(error_code(), 1)) << "no buffer and no waiting receive";

  int sent = 0;
  error_code send_ec = ex::error::channel_closed;
  ch.async_send(error_code(), 7, [&](error_code ec) {
    ++sent;
    send_ec = ec;
  });
  ctx().poll();
  ctx().restart();
  EXPECT_EQ(sent, 0) << "a rendezvous send waits for a receive";
  EXPECT_TRUE(ch.ready());

  int received = 0;
  int value = 0;
  ch.async_receive([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    ++received;
    value = v;
  });
  EXPECT_EQ(received, 0) << "never inside async_receive";
  EXPECT_EQ(sent, 0) << "never inside async_receive";
  drain(ctx());
  EXPECT_EQ(sent, 1);
  EXPECT_FALSE(send_ec);
  EXPECT_EQ(received, 1);
  EXPECT_EQ(value, 7);
  EXPECT_FALSE(ch.ready());
}

TEST_F(ChannelBasic, WaitingReceiveTakesTheNextSend) {
  int_channel ch(ctx());
  std::vector<int> got;
  for (int i = 0; i < 3; ++i)
    ch.async_receive([&](error_code ec, int v) {
      EXPECT_FALSE(ec);
      got.push_back(v);
    });
  EXPECT_FALSE(ch.ready());
  EXPECT_TRUE(ch.try_send(error_code(), 10));
  int send_calls = 0;
  ch.async_send(error_code(), 11, [&](error_code ec) {
    EXPECT_FALSE(ec);
    ++send_calls;
  });
  EXPECT_TRUE(ch.try_send(error_code(), 12));
  EXPECT_TRUE(got.empty()) << "receive handlers are posted, not run by the sender";
  EXPECT_EQ(send_calls, 0);
  drain(ctx());
  EXPECT_EQ(got, (std::vector<int>{10, 11, 12})) << "receives are served in FIFO order";
  EXPECT_EQ(send_calls, 1);
}

TEST_F(ChannelBasic, BufferedSendsCompleteUntilFull) {
  int_channel ch(ctx(), 2);
  EXPECT_EQ(ch.capacity(), 2u);
  std::vector<int> completed;
  for (int i = 1; i <= 3; ++i)
    ch.async_send(error_code(), i, [&completed, i](error_code ec) {
      EXPECT_FALSE(ec);
      completed.push_back(i);
    });
  ctx().poll();
  ctx().restart();
  EXPECT_EQ(completed, (std::vector<int>{1, 2})) << "the third send waits for room";
  EXPECT_TRUE(ch.ready());
  EXPECT_FALSE(ch.try_send(error_code(), 4)) << "buffer full";

  std::vector<int> got;
  for (int i = 0; i < 3; ++i)
    ch.async_receive([&](error_code ec, int v) {
      EXPECT_FALSE(ec);
      got.push_back(v);
    });
  drain(ctx());
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(completed, (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(ch.ready());
}

TEST_F(ChannelBasic, NeverInsideTheInitiatingCallEvenInsideTheContext) {
  int_channel ch(ctx(), 1);
  std::vector<std::string> events;
  ringport::post(ctx(), [&] {
    // Inside run(), where an executor could run a handler at once: none may.
    ch.async_receive([&](error_code, int v) { events.push_back("received " + std::to_string(v)); });
    ch.async_send(error_code(), 1, [&](error_code) { events.push_back("sent 1"); });
    ch.async_send(error_code(), 2, [&](error_code) { events.push_back("sent 2"); });
    ch.async_send(error_code(), 3, [&](error_code ec) {
      events.push_back(ec == ex::error::channel_closed ? "refused 3" : "sent 3");
    });
    ch.close();
    events.push_back("initiated");
  });
  drain(ctx());
  EXPECT_EQ(events,
            (std::vector<std::string>{"initiated", "received 1", "sent 1", "sent 2", "refused 3"}));
}

TEST_F(ChannelBasic, TryReceiveCallsHandlerInline) {
  int_channel ch(ctx(), 1);
  int calls = 0;
  EXPECT_FALSE(ch.try_receive([&](error_code, int) { ++calls; }));
  EXPECT_EQ(calls, 0);

  EXPECT_TRUE(ch.try_send(error_code(), 5));
  int sent = 0;
  ch.async_send(error_code(), 6, [&](error_code ec) {
    EXPECT_FALSE(ec);
    ++sent;
  });  // waits: buffer full
  int value = 0;
  EXPECT_TRUE(ch.try_receive([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    ++calls;
    value = v;
  }));
  EXPECT_EQ(calls, 1) << "try_receive calls its handler inside the call";
  EXPECT_EQ(value, 5);
  EXPECT_EQ(sent, 0) << "the freed sender completes through its executor";
  drain(ctx());
  EXPECT_EQ(sent, 1);
  EXPECT_TRUE(ch.try_receive([&](error_code, int v) { value = v; }));
  EXPECT_EQ(value, 6) << "the waiting sender's message moved into the buffer";
  EXPECT_FALSE(ch.try_receive([&](error_code, int) { ++calls; }));
}

TEST_F(ChannelBasic, TryReceiveTakesFromWaitingSender) {
  int_channel ch(ctx());
  int sent = 0;
  ch.async_send(error_code(), 9, [&](error_code ec) {
    EXPECT_FALSE(ec);
    ++sent;
  });
  int value = 0;
  EXPECT_TRUE(ch.try_receive([&](error_code, int v) { value = v; }));
  EXPECT_EQ(value, 9);
  drain(ctx());
  EXPECT_EQ(sent, 1);
}

TEST_F(ChannelBasic, TrySendN) {
  int_channel ch(ctx(), 3);
  EXPECT_EQ(ch.try_send_n(0, error_code(), 1), 0u);
  EXPECT_EQ(ch.try_send_n(5, error_code(), 1), 3u) << "as many as the buffer holds";
  EXPECT_EQ(ch.try_send_n(1, error_code(), 2), 0u);
  std::vector<int> got;
  while (ch.try_receive([&](error_code, int v) { got.push_back(v); })) {
  }
  EXPECT_EQ(got, (std::vector<int>{1, 1, 1}));

  int_channel one(ctx(), 1);
  std::vector<int> received;
  for (int i = 0; i < 2; ++i)
    one.async_receive([&](error_code ec, int v) {
      EXPECT_FALSE(ec);
      received.push_back(v);
    });
  EXPECT_EQ(one.try_send_n(4, error_code(), 8), 3u) << "two waiting receives, then one buffered";
  drain(ctx());
  EXPECT_EQ(received, (std::vector<int>{8, 8}));
  int last = 0;
  EXPECT_TRUE(one.try_receive([&](error_code, int v) { last = v; }));
  EXPECT_EQ(last, 8);
}

TEST_F(ChannelBasic, TrySendViaDispatchMayRunReceiverInline) {
  int_channel ch(ctx());
  std::vector<std::string> events;
  for (int i = 0; i < 2; ++i)
    ch.async_receive([&](error_code, int v) { events.push_back("received " + std::to_string(v)); });
  ringport::post(ctx(), [&] {
    // Inside the context: the receive handler's executor may run it at once.
    EXPECT_TRUE(ch.try_send_via_dispatch(error_code(), 1));
    events.push_back("after dispatch");
    EXPECT_TRUE(ch.try_send(error_code(), 2));
    events.push_back("after send");
  });
  drain(ctx());
  EXPECT_EQ(events,
            (std::vector<std::string>{"received 1", "after dispatch", "after send", "received 2"}));
}

TEST_F(ChannelBasic, TrySendNViaDispatch) {
  int_channel ch(ctx());
  int received = 0;
  bool inside = false;
  for (int i = 0; i < 3; ++i)
    ch.async_receive([&](error_code, int) {
      EXPECT_TRUE(inside);
      ++received;
    });
  ringport::post(ctx(), [&] {
    inside = true;
    EXPECT_EQ(ch.try_send_n_via_dispatch(5, error_code(), 4), 3u);
    inside = false;
  });
  drain(ctx());
  EXPECT_EQ(received, 3);
}

// A receive handler of a channel with several signatures takes each of them.
struct variant_receiver {
  std::vector<std::string>* log;
  void operator()(error_code ec, std::string s) { log->push_back((ec ? "E:" : "s:") + s); }
  void operator()(error_code ec, int i) { log->push_back((ec ? "E:" : "i:") + std::to_string(i)); }
};

TEST_F(ChannelBasic, SeveralSignatures) {
  ex::channel<void(error_code, std::string), void(error_code, int)> ch(ctx(), 4);
  EXPECT_TRUE(ch.try_send(error_code(), "text")) << "const char* builds the string message";
  EXPECT_TRUE(ch.try_send(error_code(), 3)) << "an int builds the int message";
  ch.async_send(error_code(), std::string("more"), [](error_code ec) { EXPECT_FALSE(ec); });
  ch.async_send(error_code(), 4, [](error_code ec) { EXPECT_FALSE(ec); });
  std::vector<std::string> log;
  for (int i = 0; i < 4; ++i)
    ch.async_receive(variant_receiver{&log});
  drain(ctx());
  EXPECT_EQ(log, (std::vector<std::string>{"s:text", "i:3", "s:more", "i:4"}));

  ch.async_receive(variant_receiver{&log});
  ch.close();
  drain(ctx());
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log.back(), "E:") << "closed: the first signature's form, (channel_closed, \"\")";
}

TEST_F(ChannelBasic, TryReceiveWithSeveralSignatures) {
  ex::channel<void(error_code, std::string), void(error_code, int)> ch(ctx(), 2);
  EXPECT_TRUE(ch.try_send(error_code(), 12));
  std::vector<std::string> log;
  EXPECT_TRUE(ch.try_receive(variant_receiver{&log}));
  EXPECT_EQ(log, (std::vector<std::string>{"i:12"}));
}

TEST_F(ChannelBasic, UseFuture) {
  int_channel ch(ctx(), 1);
  auto work = ringport::prefer(ctx().get_executor(), ringport::execution::outstanding_work.tracked);
  std::thread runner([&] { ctx().run(); });
  std::future<int> received = ch.async_receive(ringport::use_future);
  std::future<void> sent = ch.async_send(error_code(), 31, ringport::use_future);
  EXPECT_EQ(received.get(), 31);
  sent.get();
  std::future<int> closed = ch.async_receive(ringport::use_future);
  ringport::post(ctx(), [&] { ch.close(); });
  try {
    closed.get();
    ADD_FAILURE() << "a receive on a closed channel throws";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ex::error::channel_closed);
  }
  { auto release = std::move(work); }
  runner.join();
}

ringport::awaitable<void> produce(int_channel& ch, int count) {
  for (int i = 0; i < count; ++i)
    co_await ch.async_send(error_code(), i, ringport::use_awaitable);
  ch.close();
}

ringport::awaitable<int> consume(int_channel& ch, std::vector<int>& got) {
  try {
    for (;;)
      got.push_back(co_await ch.async_receive(ringport::use_awaitable));
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ex::error::channel_closed);
  }
  co_return static_cast<int>(got.size());
}

TEST_F(ChannelBasic, Coroutines) {
  for (std::size_t capacity : {0u, 3u}) {
    int_channel ch(ctx(), capacity);
    std::vector<int> got;
    int produced_done = 0;
    int consumed = -1;
    ringport::co_spawn(ctx(), produce(ch, 100), [&](std::exception_ptr e) {
      EXPECT_FALSE(e);
      ++produced_done;
    });
    ringport::co_spawn(ctx(), consume(ch, got), [&](std::exception_ptr e, int n) {
      EXPECT_FALSE(e);
      consumed = n;
    });
    drain(ctx());
    EXPECT_EQ(produced_done, 1);
    ASSERT_EQ(consumed, 100) << "capacity " << capacity;
    for (int i = 0; i < 100; ++i)
      ASSERT_EQ(got[i], i);
  }
}

using awaitable_channel = ringport::use_awaitable_t<>::as_default_on_t<int_channel>;

ringport::awaitable<int> echo_through(awaitable_channel& ch, int v) {
  co_await ch.async_send(error_code(), v);  // use_awaitable by default
  co_return co_await ch.async_receive();
}

TEST_F(ChannelBasic, DefaultCompletionToken) {
  awaitable_channel ch(ctx(), 1);
  int got = 0;
  ringport::co_spawn(ctx(), echo_through(ch, 17), [&](std::exception_ptr e, int v) {
    EXPECT_FALSE(e);
    got = v;
  });
  drain(ctx());
  EXPECT_EQ(got, 17);
}

TEST_F(ChannelBasic, HandlersRunThroughTheirExecutor) {
  int_channel ch(ctx());
  auto strand = ringport::make_strand(ctx());
  ringport::test::execution_record record;
  ringport::test::recording_executor<ringport::io_context::executor_type> recording(
      ctx().get_executor(), record);
  bool receive_in_strand = false;
  bool send_recorded = false;
  ch.async_receive(ringport::bind_executor(
      strand, [&](error_code, int) { receive_in_strand = strand.running_in_this_thread(); }));
  ch.async_send(error_code(), 1, ringport::bind_executor(recording, [&](error_code) {
                  send_recorded = record.running.load() == 1;
                }));
  EXPECT_EQ(record.submitted.load(), 1) << "submitted once, at completion";
  drain(ctx());
  EXPECT_TRUE(receive_in_strand);
  EXPECT_TRUE(send_recorded);
}

TEST_F(ChannelBasic, WaitingOperationHoldsWork) {
  auto other = make_context();
  int_channel ch(ctx());
  int calls = 0;
  ch.async_receive(ringport::bind_executor(*other, [&](error_code ec, int) {
    EXPECT_EQ(ec, ex::error::channel_cancelled);
    ++calls;
  }));
  ctx().poll();
  other->poll();
  EXPECT_FALSE(ctx().stopped()) << "the channel's context has work while the receive waits";
  EXPECT_FALSE(other->stopped()) << "so has the handler's";
  ch.cancel();
  ctx().poll();
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(calls, 0) << "the handler runs on its own executor";
  drain(*other);
  EXPECT_EQ(calls, 1);
}

TEST_F(ChannelBasic, HandlerAllocatorIsUsed) {
  ringport::test::allocation_counts counts;
  {
    int_channel ch(ctx());
    ch.async_receive(ringport::bind_allocator(ringport::test::counting_allocator<void>(counts),
                                              [](error_code, int) {}));
    ch.async_send(error_code(), 2,
                  ringport::bind_allocator(ringport::test::counting_allocator<void>(counts),
                                           [](error_code) {}));
    drain(ctx());
  }
  EXPECT_GE(counts.allocations, 2) << "each op comes from its handler's allocator";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_F(ChannelBasic, MoveTakesWaitingOperations) {
  int_channel a(ctx(), 2);
  int got = 0;
  a.async_receive([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    got = v;
  });
  int_channel b(std::move(a));
  EXPECT_EQ(b.capacity(), 2u);
  EXPECT_TRUE(a.is_open()) << "the moved-from channel stays usable";
  EXPECT_EQ(a.capacity(), 2u);
  EXPECT_TRUE(a.try_send(error_code(), 1)) << "buffered in the moved-from channel";
  EXPECT_TRUE(b.try_send(error_code(), 42)) << "taken by the receive that moved";
  drain(ctx());
  EXPECT_EQ(got, 42);

  int_channel c(ctx(), 1);
  int cancelled = 0;
  c.async_receive([&](error_code ec, int) {
    EXPECT_EQ(ec, ex::error::channel_cancelled);
    ++cancelled;
  });
  c = std::move(a);  // c's waiting receive is cancelled; a's buffered message moves
  int moved_value = 0;
  EXPECT_TRUE(c.try_receive([&](error_code, int v) { moved_value = v; }));
  EXPECT_EQ(moved_value, 1);
  EXPECT_EQ(c.capacity(), 2u);
  drain(ctx());
  EXPECT_EQ(cancelled, 1);
}

TEST_F(ChannelBasic, ConvertingMoveToAnyIoExecutor) {
  ex::channel<ringport::io_context::executor_type, void(error_code, int)> typed(
      ctx().get_executor(), 1);
  EXPECT_TRUE(typed.try_send(error_code(), 3));
  ex::channel<void(error_code, int)> erased(std::move(typed));
  int v = 0;
  EXPECT_TRUE(erased.try_receive([&](error_code, int x) { v = x; }));
  EXPECT_EQ(v, 3);
  using rebound = ex::channel<void(
      error_code, int)>::rebind_executor<ringport::io_context::executor_type>::other;
  static_assert(std::is_same_v<rebound::executor_type, ringport::io_context::executor_type>);
}

// channel<void()>: messages without arguments; closed and cancelled receives get
// void(error_code).
struct void_receiver {
  std::vector<std::string>* log;
  void operator()() { log->push_back("message"); }
  void operator()(error_code ec) { log->push_back(ec.message()); }
};

TEST_F(ChannelBasic, VoidSignature) {
  ex::channel<void()> ch(ctx(), 2);
  EXPECT_TRUE(ch.try_send());
  ch.async_send([](error_code ec) { EXPECT_FALSE(ec); });
  EXPECT_FALSE(ch.try_send());
  std::vector<std::string> log;
  for (int i = 0; i < 3; ++i)
    ch.async_receive(void_receiver{&log});
  ch.close();
  drain(ctx());
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0], "message");
  EXPECT_EQ(log[1], "message");
  EXPECT_EQ(log[2], ringport::error_code(ex::error::channel_closed).message());
}

TEST_F(ChannelBasic, ErrorCategory) {
  error_code closed = ex::error::channel_closed;
  error_code cancelled = ex::channel_errc::channel_cancelled;
  EXPECT_EQ(closed.category(), ex::error::get_channel_category());
  EXPECT_EQ(&ex::error::channel_category, &ex::error::get_channel_category());
  EXPECT_STREQ(closed.category().name(), "ringport.channel");
  EXPECT_EQ(closed.value(), 1);
  EXPECT_EQ(cancelled.value(), 2);
  EXPECT_EQ(closed.message(), "Channel closed");
  EXPECT_EQ(cancelled.message(), "Channel cancelled");
  EXPECT_EQ(ex::error::make_error_code(ex::error::channel_cancelled), cancelled);
  EXPECT_NE(closed, cancelled);
  EXPECT_NE(closed, std::make_error_code(std::errc::operation_canceled));
}

}  // namespace channel_basic_test
