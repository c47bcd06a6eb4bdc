// experimental::channel: how operations end without a message. close() completes waiting
// receives with the traits' closed notification and waiting sends with channel_closed, and
// leaves buffered messages receivable; cancel(), reset() and destruction complete waiting
// operations with channel_cancelled; a handler's cancellation slot cancels its own operation
// only; the notification's form follows the channel traits; shutting the context down
// destroys waiting operations without calling them.
#include "context_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/experimental/channel.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/channel_traits.hpp"
#include "ringport/use_awaitable.hpp"

#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace channel_close_cancel_test {

using ChannelCloseCancel = ringport::test::context_test;
using ringport::cancellation_type;
using ringport::error_code;
namespace ex = ringport::experimental;

using int_channel = ex::channel<void(error_code, int)>;

// Runs every handler that is ready, without blocking: a test whose operation never completes
// fails instead of hanging.
void drain(ringport::io_context& ctx) {
  ctx.restart();
  ctx.poll();
}

// Records what each receive got.
struct receive_log {
  std::vector<std::pair<error_code, int>> entries;
  auto handler() {
    return [this](error_code ec, int v) { entries.emplace_back(ec, v); };
  }
};

struct send_log {
  std::vector<error_code> entries;
  auto handler() {
    return [this](error_code ec) { entries.push_back(ec); };
  }
};

const error_code closed = ex::error::channel_closed;
const error_code cancelled = ex::error::channel_cancelled;

TEST_F(ChannelCloseCancel, CloseCompletesWaitingReceives) {
  int_channel ch(ctx());
  receive_log log;
  ch.async_receive(log.handler());
  ch.async_receive(log.handler());
  ch.close();
  EXPECT_TRUE(log.entries.empty()) << "never inside close()";
  EXPECT_FALSE(ch.is_open());
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 2u);
  for (auto& [ec, v] : log.entries) {
    EXPECT_EQ(ec, closed);
    EXPECT_EQ(v, 0) << "the other arguments are value-initialised";
  }
}

TEST_F(ChannelCloseCancel, ClosedChannelRefusesEverything) {
  int_channel ch(ctx(), 2);
  ch.close();
  EXPECT_FALSE(ch.is_open());
  EXPECT_TRUE(ch.ready()) << "a receive completes at once on a closed channel";
  EXPECT_FALSE(ch.try_send(error_code(), 1));
  EXPECT_EQ(ch.try_send_n(3, error_code(), 1), 0u);
  int calls = 0;
  EXPECT_FALSE(ch.try_receive([&](error_code, int) { ++calls; }));
  send_log sends;
  receive_log receives;
  ch.async_send(error_code(), 2, sends.handler());
  ch.async_receive(receives.handler());
  EXPECT_TRUE(sends.entries.empty());
  EXPECT_TRUE(receives.entries.empty());
  drain(ctx());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(sends.entries, std::vector<error_code>{closed});
  ASSERT_EQ(receives.entries.size(), 1u);
  EXPECT_EQ(receives.entries[0].first, closed);
}

TEST_F(ChannelCloseCancel, BufferedMessagesOutliveClose) {
  int_channel ch(ctx(), 3);
  EXPECT_TRUE(ch.try_send(error_code(), 1));
  EXPECT_TRUE(ch.try_send(error_code(), 2));
  ch.close();
  EXPECT_TRUE(ch.ready());
  int v = 0;
  EXPECT_TRUE(ch.try_receive([&](error_code ec, int x) {
    EXPECT_FALSE(ec);
    v = x;
  }));
  EXPECT_EQ(v, 1);
  receive_log log;
  ch.async_receive(log.handler());
  ch.async_receive(log.handler());
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 2u);
  EXPECT_FALSE(log.entries[0].first);
  EXPECT_EQ(log.entries[0].second, 2);
  EXPECT_EQ(log.entries[1].first, closed) << "once drained, receives see the close";
}

TEST_F(ChannelCloseCancel, CloseCompletesWaitingSends) {
  for (std::size_t capacity : {0u, 1u}) {
    int_channel ch(ctx(), capacity);
    send_log sends;
    for (std::size_t i = 0; i <= capacity; ++i)
      ch.async_send(error_code(), static_cast<int>(i) + 1, sends.handler());
    drain(ctx());
    EXPECT_EQ(sends.entries.size(), capacity) << "the last send waits";
    ch.close();
    drain(ctx());
    ASSERT_EQ(sends.entries.size(), capacity + 1);
    EXPECT_EQ(sends.entries.back(), closed) << "capacity " << capacity;
    receive_log receives;
    ch.async_receive(receives.handler());
    ch.async_receive(receives.handler());
    drain(ctx());
    ASSERT_EQ(receives.entries.size(), 2u);
    if (capacity == 1) {
      EXPECT_FALSE(receives.entries[0].first);
      EXPECT_EQ(receives.entries[0].second, 1) << "the buffered message is still delivered";
    } else {
      EXPECT_EQ(receives.entries[0].first, closed) << "the refused message is gone";
    }
    EXPECT_EQ(receives.entries[1].first, closed);
  }
}

TEST_F(ChannelCloseCancel, CancelEndsWaitingOpsButKeepsChannel) {
  int_channel ch(ctx(), 1);
  receive_log receives;
  ch.async_receive(receives.handler());
  ch.async_receive(receives.handler());
  ch.cancel();
  EXPECT_TRUE(receives.entries.empty()) << "never inside cancel()";
  drain(ctx());
  ASSERT_EQ(receives.entries.size(), 2u);
  EXPECT_EQ(receives.entries[0].first, cancelled);
  EXPECT_EQ(receives.entries[1].first, cancelled);
  EXPECT_TRUE(ch.is_open());

  send_log sends;
  ch.async_send(error_code(), 1, sends.handler());
  ch.async_send(error_code(), 2, sends.handler());
  ch.cancel();
  drain(ctx());
  EXPECT_EQ(sends.entries, (std::vector<error_code>{error_code(), cancelled}));
  int v = 0;
  EXPECT_TRUE(ch.try_receive([&](error_code, int x) { v = x; })) << "the buffer is kept";
  EXPECT_EQ(v, 1);
  EXPECT_TRUE(ch.try_send(error_code(), 3));
}

TEST_F(ChannelCloseCancel, ResetReopensAndDiscards) {
  int_channel ch(ctx(), 2);
  EXPECT_TRUE(ch.try_send(error_code(), 1));
  ch.close();
  ch.reset();
  EXPECT_TRUE(ch.is_open());
  EXPECT_FALSE(ch.ready()) << "buffered messages are discarded";
  EXPECT_TRUE(ch.try_send(error_code(), 2));

  int_channel rendezvous(ctx());
  receive_log receives;
  rendezvous.async_receive(receives.handler());
  rendezvous.reset();
  drain(ctx());
  ASSERT_EQ(receives.entries.size(), 1u);
  EXPECT_EQ(receives.entries[0].first, cancelled);
}

TEST_F(ChannelCloseCancel, DestructionCancelsWaitingOps) {
  receive_log receives;
  send_log sends;
  {
    int_channel a(ctx());
    a.async_receive(receives.handler());
    int_channel b(ctx());
    b.async_send(error_code(), 1, sends.handler());
  }
  EXPECT_TRUE(receives.entries.empty());
  drain(ctx());
  ASSERT_EQ(receives.entries.size(), 1u);
  EXPECT_EQ(receives.entries[0].first, cancelled);
  EXPECT_EQ(sends.entries, std::vector<error_code>{cancelled});
}

TEST_F(ChannelCloseCancel, SlotCancelsOnlyItsOperation) {
  for (cancellation_type type :
       {cancellation_type::terminal, cancellation_type::partial, cancellation_type::total}) {
    int_channel ch(ctx());
    ringport::cancellation_signal first, second;
    receive_log log1, log2;
    ch.async_receive(ringport::bind_cancellation_slot(first.slot(), log1.handler()));
    ch.async_receive(ringport::bind_cancellation_slot(second.slot(), log2.handler()));
    first.emit(type);
    EXPECT_TRUE(log1.entries.empty()) << "never inside emit()";
    EXPECT_TRUE(ch.try_send(error_code(), 5)) << "the second receive still waits";
    drain(ctx());
    ASSERT_EQ(log1.entries.size(), 1u);
    EXPECT_EQ(log1.entries[0].first, cancelled);
    ASSERT_EQ(log2.entries.size(), 1u);
    EXPECT_FALSE(log2.entries[0].first);
    EXPECT_EQ(log2.entries[0].second, 5);
    second.emit(type);  // after completion: nothing happens
    first.emit(type);
    EXPECT_EQ(ctx().poll(), 0u);
  }
}

TEST_F(ChannelCloseCancel, SlotWithoutCancellationTypeIsIgnored) {
  int_channel ch(ctx());
  ringport::cancellation_signal signal;
  receive_log log;
  ch.async_receive(ringport::bind_cancellation_slot(signal.slot(), log.handler()));
  signal.emit(cancellation_type::none);
  ctx().poll();
  EXPECT_TRUE(log.entries.empty());
  EXPECT_TRUE(ch.try_send(error_code(), 1));
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 1u);
  EXPECT_FALSE(log.entries[0].first);
}

TEST_F(ChannelCloseCancel, SlotCancelsWaitingSend) {
  int_channel ch(ctx());
  ringport::cancellation_signal signal;
  send_log sends;
  ch.async_send(error_code(), 1, ringport::bind_cancellation_slot(signal.slot(), sends.handler()));
  ch.async_send(error_code(), 2, sends.handler());
  signal.emit(cancellation_type::terminal);
  int v = 0;
  EXPECT_TRUE(ch.try_receive([&](error_code, int x) { v = x; }));
  EXPECT_EQ(v, 2) << "the cancelled send's message is not delivered";
  drain(ctx());
  EXPECT_EQ(sends.entries, (std::vector<error_code>{cancelled, error_code()}));
}

TEST_F(ChannelCloseCancel, SlotReusedAcrossOperations) {
  int_channel ch(ctx(), 1);
  ringport::cancellation_signal signal;
  receive_log log;
  // A completed receive leaves its handler in the slot; the next one replaces it.
  EXPECT_TRUE(ch.try_send(error_code(), 1));
  ch.async_receive(ringport::bind_cancellation_slot(signal.slot(), log.handler()));
  ch.async_receive(ringport::bind_cancellation_slot(signal.slot(), log.handler()));
  signal.emit(cancellation_type::terminal);
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 2u);
  EXPECT_FALSE(log.entries[0].first);
  EXPECT_EQ(log.entries[1].first, cancelled);
}

TEST_F(ChannelCloseCancel, SlotFollowsMovedChannel) {
  auto a = std::make_unique<int_channel>(ctx());
  ringport::cancellation_signal signal;
  receive_log log;
  a->async_receive(ringport::bind_cancellation_slot(signal.slot(), log.handler()));
  int_channel b(std::move(*a));
  a.reset();  // the channel the receive started on is gone
  signal.emit(cancellation_type::terminal);
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 1u);
  EXPECT_EQ(log.entries[0].first, cancelled);
  EXPECT_FALSE(b.ready());
}

ringport::awaitable<int> receive_one(int_channel& ch) {
  co_return co_await ch.async_receive(ringport::use_awaitable);
}

TEST_F(ChannelCloseCancel, CancelledCoroutineSeesChannelCancelled) {
  int_channel ch(ctx());
  ringport::cancellation_signal signal;
  int calls = 0;
  ringport::co_spawn(
      ctx(), receive_one(ch),
      ringport::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, int) {
        ++calls;
        ASSERT_TRUE(e);
        try {
          std::rethrow_exception(e);
        } catch (const std::system_error& se) {
          EXPECT_EQ(se.code(), cancelled);
        }
      }));
  ctx().poll();  // the coroutine now waits in async_receive
  EXPECT_EQ(calls, 0);
  signal.emit(cancellation_type::terminal);
  drain(ctx());
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(ch.ready());
}

TEST_F(ChannelCloseCancel, ExceptionPtrTraits) {
  ex::channel<void(std::exception_ptr, int)> ch(ctx());
  std::vector<std::pair<std::exception_ptr, int>> got;
  auto handler = [&](std::exception_ptr e, int v) { got.emplace_back(e, v); };
  ch.async_receive(handler);
  ch.cancel();
  ch.async_receive(handler);
  ch.close();
  drain(ctx());
  ASSERT_EQ(got.size(), 2u);
  std::vector<error_code> codes;
  for (auto& [e, v] : got) {
    EXPECT_EQ(v, 0);
    ASSERT_TRUE(e);
    try {
      std::rethrow_exception(e);
    } catch (const std::system_error& se) {
      codes.push_back(se.code());
    }
  }
  EXPECT_EQ(codes, (std::vector<error_code>{cancelled, closed}));
}

// channel<void(int)>: closed and cancelled receives get void(error_code).
struct int_or_error {
  std::vector<std::string>* log;
  void operator()(int v) { log->push_back(std::to_string(v)); }
  void operator()(error_code ec) { log->push_back(ec == closed ? "closed" : "other"); }
};

TEST_F(ChannelCloseCancel, SingleValueTraits) {
  static_assert(
      std::is_same_v<ex::channel_traits<void(int)>::receive_closed_signature, void(error_code)>);
  static_assert(std::is_same_v<ex::channel_traits<void(error_code)>::receive_cancelled_signature,
                               void(error_code)>);
  ex::channel<void(int)> ch(ctx(), 1);
  std::vector<std::string> log;
  EXPECT_TRUE(ch.try_send(4));
  ch.async_receive(int_or_error{&log});
  ch.async_receive(int_or_error{&log});
  ch.close();
  drain(ctx());
  EXPECT_EQ(log, (std::vector<std::string>{"4", "closed"}));
}

// Traits of one's own: notifications carry -1 and -2 instead of a default value.
template <typename... Signatures>
struct marked_traits {
  template <typename... New>
  struct rebind {
    using other = marked_traits<New...>;
  };
  template <typename Element>
  struct container {
    using type = std::deque<Element>;
  };
  using receive_cancelled_signature = void(error_code, int);
  using receive_closed_signature = void(error_code, int);
  template <typename F>
  static void invoke_receive_cancelled(F f) {
    std::move(f)(error_code(ex::error::channel_cancelled), -1);
  }
  template <typename F>
  static void invoke_receive_closed(F f) {
    std::move(f)(error_code(ex::error::channel_closed), -2);
  }
};

TEST_F(ChannelCloseCancel, CustomTraits) {
  ex::basic_channel<ringport::any_io_executor, marked_traits<>, void(error_code, int)> ch(ctx());
  static_assert(std::is_same_v<decltype(ch)::traits_type, marked_traits<void(error_code, int)>>);
  receive_log log;
  ch.async_receive(log.handler());
  ch.cancel();
  ch.async_receive(log.handler());
  ch.close();
  drain(ctx());
  ASSERT_EQ(log.entries.size(), 2u);
  EXPECT_EQ(log.entries[0], std::make_pair(cancelled, -1));
  EXPECT_EQ(log.entries[1], std::make_pair(closed, -2));
}

// A handler that owns the channel its receive waits on, and says whether it was called.
struct owning_handler {
  std::shared_ptr<int_channel> channel;
  std::shared_ptr<int> calls;
  void operator()(error_code, int) { ++*calls; }
};

TEST_F(ChannelCloseCancel, ShutdownDestroysWaitingOps) {
  auto other = make_context();
  auto calls = std::make_shared<int>(0);
  std::weak_ptr<int_channel> watch;
  {
    auto ch = std::make_shared<int_channel>(*other);
    watch = ch;
    ch->async_receive(owning_handler{ch, calls});
  }
  EXPECT_FALSE(watch.expired()) << "the waiting handler keeps its channel";
  other.reset();
  EXPECT_TRUE(watch.expired()) << "shutdown destroyed the waiting handler, and the channel";
  EXPECT_EQ(*calls, 0) << "without calling it";
}

TEST_F(ChannelCloseCancel, ShutdownDetachesSlots) {
  auto other = make_context();
  ringport::cancellation_signal signal;
  auto calls = std::make_shared<int>(0);
  {
    auto ch = std::make_shared<int_channel>(*other);
    ch->async_receive(ringport::bind_cancellation_slot(signal.slot(), owning_handler{ch, calls}));
  }
  other.reset();
  signal.emit(cancellation_type::terminal);  // the op is gone: nothing happens
  EXPECT_EQ(*calls, 0);
}

}  // namespace channel_close_cancel_test
