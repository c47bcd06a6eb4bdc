// cancel_after / cancel_at: a socket read that never gets data ends with operation_aborted
// once the deadline passes (callback, use_awaitable, use_future, nested in append and
// as_tuple); a read that completes first gets its data and leaves no timer behind, so run()
// runs out of work at once; a timer wait is cancelled by cancel_at (steady and system clock,
// a deadline already past). The user's timer can carry the deadline. The given cancellation
// type is what the operation sees (terminal by default); the handler's own cancellation slot
// still reaches the operation; the handler's executor and allocator are used; the partial
// forms adapt a token or the default one; an operation with two completion signatures
// completes through the right one; a context destroyed while one is pending destroys
// the handler without calling it.
#include "backend_test.hpp"
#include "counting_allocator.hpp"
#include "tcp_pair.hpp"

#include "ringport/append.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancel_after.hpp"
#include "ringport/cancel_at.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/system_timer.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <system_error>
#include <tuple>
#include <utility>

namespace token_cancel_after_test {

using TokenCancelAfter = ringport::test::backend_test;
using ringport::awaitable;
using ringport::cancellation_type;
using ringport::error_code;
using ringport::use_awaitable;
using ringport::test::tcp_pair;
using namespace std::chrono_literals;

const error_code aborted = ringport::error::operation_aborted;

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

auto recording(outcome& o) {
  return [&o](error_code ec, std::size_t n) {
    ++o.calls;
    o.ec = ec;
    o.bytes = n;
  };
}

// Runs until nothing is left to do, bounded; true if it ended because work ran out (a
// forgotten timer or operation would keep it going until the bound).
bool run_out_of_work(ringport::io_context& ctx) {
  ctx.run_for(30s);
  return ctx.stopped();
}

TEST_P(TokenCancelAfter, ReadWithoutDataIsCancelled) {
  tcp_pair p(ctx());
  char buf[8];
  outcome o;
  p.server.async_read_some(ringport::buffer(buf), ringport::cancel_after(20ms, recording(o)));
  EXPECT_TRUE(run_out_of_work(ctx())) << "the read was not cancelled, or the timer lingers";
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, aborted) << o.ec.message();
  EXPECT_EQ(o.bytes, 0u);
}

TEST_P(TokenCancelAfter, ReadCompletingFirstLeavesNoWorkBehind) {
  tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer("abc", 3));
  char buf[8];
  outcome after, at;
  p.server.async_read_some(ringport::buffer(buf), ringport::cancel_after(1h, recording(after)));
  EXPECT_TRUE(run_out_of_work(ctx())) << "run() did not run out of work: the timer lingers";
  EXPECT_EQ(after.calls, 1);
  EXPECT_FALSE(after.ec) << after.ec.message();
  EXPECT_EQ(after.bytes, 3u);

  ctx().restart();
  ringport::write(p.client, ringport::buffer("de", 2));
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::cancel_at(std::chrono::steady_clock::now() + 1h, recording(at)));
  EXPECT_TRUE(run_out_of_work(ctx())) << "run() did not run out of work: the timer lingers";
  EXPECT_EQ(at.calls, 1);
  EXPECT_FALSE(at.ec) << at.ec.message();
  EXPECT_EQ(at.bytes, 2u);
}

TEST_P(TokenCancelAfter, CoroutineReads) {
  tcp_pair p(ctx());
  int done = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        char buf[8];
        auto [ec, n] = co_await p.server.async_read_some(
            ringport::buffer(buf), ringport::cancel_after(20ms, ringport::as_tuple(use_awaitable)));
        EXPECT_EQ(ec, aborted) << ec.message();
        EXPECT_EQ(n, 0u);
        try {
          co_await p.server.async_read_some(ringport::buffer(buf),
                                            ringport::cancel_after(20ms, use_awaitable));
          ADD_FAILURE() << "the cancelled read did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), aborted);
        }
        // Inside another adapter: append passes the operation's executor on; as_tuple does
        // not, and the timer runs on the coroutine's executor.
        auto [ec2, n2, tag] = co_await p.server.async_read_some(
            ringport::buffer(buf),
            ringport::append(ringport::cancel_after(20ms, ringport::as_tuple(use_awaitable)), 7));
        EXPECT_EQ(ec2, aborted) << ec2.message();
        EXPECT_EQ(tag, 7);
        auto [ec3, n3] = co_await p.server.async_read_some(
            ringport::buffer(buf), ringport::as_tuple(ringport::cancel_after(20ms, use_awaitable)));
        EXPECT_EQ(ec3, aborted) << ec3.message();
        // Data there: the read completes, the deadline goes.
        ringport::write(p.client, ringport::buffer("xyz", 3));
        std::size_t got = co_await p.server.async_read_some(
            ringport::buffer(buf), ringport::cancel_after(1h, use_awaitable));
        EXPECT_EQ(got, 3u);
        ++done;
        (void)n2;
        (void)n3;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  EXPECT_TRUE(run_out_of_work(ctx())) << "work left behind";
  EXPECT_EQ(done, 1);
}

TEST_P(TokenCancelAfter, UseFuture) {
  tcp_pair p(ctx());
  char buf[8];
  std::future<std::size_t> f = p.server.async_read_some(
      ringport::buffer(buf), ringport::cancel_after(20ms, ringport::use_future));
  EXPECT_TRUE(run_out_of_work(ctx()));
  ASSERT_EQ(f.wait_for(0s), std::future_status::ready);
  try {
    f.get();
    ADD_FAILURE() << "the cancelled read did not throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), aborted);
  }
}

TEST_P(TokenCancelAfter, TimerWaitCancelledAt) {
  ringport::steady_timer steady(ctx(), 1h);
  ringport::system_timer system(ctx(), 1h);
  ringport::steady_timer past(ctx(), 1h);
  std::optional<error_code> a, b, c;
  steady.async_wait(
      ringport::cancel_at(std::chrono::steady_clock::now() + 20ms, [&](error_code ec) { a = ec; }));
  system.async_wait(
      ringport::cancel_at(std::chrono::system_clock::now() + 20ms, [&](error_code ec) { b = ec; }));
  past.async_wait(
      ringport::cancel_at(std::chrono::steady_clock::now() - 1s, [&](error_code ec) { c = ec; }));
  EXPECT_TRUE(run_out_of_work(ctx()));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, aborted) << a->message();
  EXPECT_EQ(*b, aborted) << b->message();
  EXPECT_EQ(*c, aborted) << c->message();
}

TEST_P(TokenCancelAfter, UsersTimerCarriesTheDeadline) {
  tcp_pair p(ctx());
  ringport::steady_timer deadline(ctx());
  char buf[8];
  outcome after, at, completed, by_cancel;
  p.server.async_read_some(ringport::buffer(buf),
                           ringport::cancel_after(deadline, 20ms, recording(after)));
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(after.ec, aborted) << after.ec.message();

  ctx().restart();
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::cancel_at(deadline, std::chrono::steady_clock::now() + 20ms, recording(at)));
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(at.ec, aborted) << at.ec.message();

  // The read completes first: the user's timer is left without a wait.
  ctx().restart();
  ringport::write(p.client, ringport::buffer("abcd", 4));
  p.server.async_read_some(ringport::buffer(buf),
                           ringport::cancel_after(deadline, 1h, recording(completed)));
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(completed.bytes, 4u);
  EXPECT_EQ(deadline.cancel(), 0u) << "a wait was left on the user's timer";

  // Cancelling the user's timer ends its wait early: the operation is cancelled then.
  ctx().restart();
  p.server.async_read_some(ringport::buffer(buf),
                           ringport::cancel_after(deadline, 1h, recording(by_cancel)));
  ctx().poll();
  EXPECT_EQ(by_cancel.calls, 0);
  EXPECT_EQ(deadline.cancel(), 1u);
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(by_cancel.ec, aborted) << by_cancel.ec.message();
  EXPECT_EQ(after.calls + at.calls + completed.calls + by_cancel.calls, 4);
}

// An operation that records the cancellation type emitted on its slot and then completes
// with operation_aborted; it names the io_context's executor as its I/O executor.
struct initiate_record_cancel {
  using executor_type = ringport::io_context::executor_type;
  executor_type ex;
  std::optional<cancellation_type>* seen;

  executor_type get_executor() const noexcept { return ex; }

  template <typename Handler>
  void operator()(Handler&& handler) const {
    auto slot = ringport::get_associated_cancellation_slot(handler);
    ASSERT_TRUE(slot.is_connected());
    auto pending = std::make_shared<std::optional<std::decay_t<Handler>>>(std::move(handler));
    slot.assign([pending, seen = seen, ex = ex](cancellation_type type) {
      *seen = type;
      if (!*pending) return;
      ringport::post(ex, [h = std::move(**pending)]() mutable { std::move(h)(aborted); });
      pending->reset();
    });
  }
};

template <typename Token>
void async_record_cancel(ringport::io_context& ctx, std::optional<cancellation_type>& seen,
                         Token&& token) {
  ringport::async_initiate<Token, void(error_code)>(
      initiate_record_cancel{ctx.get_executor(), &seen}, token);
}

TEST_P(TokenCancelAfter, TheGivenCancellationTypeIsEmitted) {
  std::optional<cancellation_type> by_default, partial, total, at_partial;
  int calls = 0;
  auto count = [&](error_code ec) {
    EXPECT_EQ(ec, aborted);
    ++calls;
  };
  async_record_cancel(ctx(), by_default, ringport::cancel_after(1ms, count));
  async_record_cancel(ctx(), partial,
                      ringport::cancel_after(1ms, cancellation_type::partial, count));
  async_record_cancel(ctx(), total, ringport::cancel_after(1ms, cancellation_type::total)(count));
  async_record_cancel(ctx(), at_partial,
                      ringport::cancel_at(std::chrono::steady_clock::now() + 1ms,
                                          cancellation_type::partial, count));
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(by_default, cancellation_type::terminal);
  EXPECT_EQ(partial, cancellation_type::partial);
  EXPECT_EQ(total, cancellation_type::total);
  EXPECT_EQ(at_partial, cancellation_type::partial);
}

// An operation with two completion signatures that completes (later) through the second.
struct initiate_two_signatures {
  using executor_type = ringport::io_context::executor_type;
  executor_type ex;
  executor_type get_executor() const noexcept { return ex; }
  template <typename Handler>
  void operator()(Handler&& handler) const {
    ringport::post(ex, [h = std::move(handler)]() mutable { std::move(h)(error_code(), 5); });
  }
};

struct two_signature_handler {
  int* one;
  int* two;
  void operator()(error_code) { ++*one; }
  void operator()(error_code ec, int v) {
    EXPECT_FALSE(ec);
    *two += v;
  }
};

TEST_P(TokenCancelAfter, SeveralCompletionSignatures) {
  int one = 0, two = 0;
  auto token = ringport::cancel_after(1h, two_signature_handler{&one, &two});
  ringport::async_initiate<decltype(token), void(error_code), void(error_code, int)>(
      initiate_two_signatures{ctx().get_executor()}, token);
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(one, 0);
  EXPECT_EQ(two, 5);
}

TEST_P(TokenCancelAfter, HandlersOwnSlotStillCancels) {
  tcp_pair p(ctx());
  ringport::cancellation_signal signal;
  char buf[8];
  outcome o;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::cancel_after(1h, ringport::bind_cancellation_slot(signal.slot(), recording(o))));
  ctx().poll();
  EXPECT_EQ(o.calls, 0);
  signal.emit(cancellation_type::terminal);
  EXPECT_TRUE(run_out_of_work(ctx())) << "the timer was not cancelled with the operation";
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, aborted) << o.ec.message();
  signal.emit(cancellation_type::terminal);  // after completion: reaches nothing
}

TEST_P(TokenCancelAfter, HandlersExecutorAndAllocator) {
  tcp_pair p(ctx());
  auto strand = ringport::make_strand(ctx());
  ringport::test::allocation_counts counts;
  char buf[8];
  bool in_strand = false;
  outcome o;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::cancel_after(20ms, ringport::bind_executor(strand, [&](error_code ec, std::size_t) {
                               in_strand = strand.running_in_this_thread();
                               EXPECT_EQ(ec, aborted);
                             })));
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::cancel_after(
          20ms, ringport::bind_allocator(ringport::test::counting_allocator<void>(counts),
                                         recording(o))));
  // The operation's block, the timer's wait and the read itself.
  EXPECT_GE(counts.allocations, 3);
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_TRUE(in_strand) << "the handler did not run in its strand";
  EXPECT_EQ(o.ec, aborted);
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_P(TokenCancelAfter, PartialFormsAdaptTheDefaultToken) {
  using timer_t = ringport::use_awaitable_t<>::as_default_on_t<ringport::steady_timer>;
  int done = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        timer_t t(co_await ringport::this_coro::executor, 1h);
        try {
          co_await t.async_wait(ringport::cancel_after(20ms));
          ADD_FAILURE() << "the cancelled wait did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), aborted);
        }
        ringport::steady_timer deadline(co_await ringport::this_coro::executor);
        try {
          co_await t.async_wait(ringport::cancel_after(deadline, 20ms));
          ADD_FAILURE() << "the cancelled wait did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), aborted);
        }
        try {
          co_await t.async_wait(ringport::cancel_at(std::chrono::steady_clock::now() + 20ms));
          ADD_FAILURE() << "the cancelled wait did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), aborted);
        }
        ++done;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  EXPECT_TRUE(run_out_of_work(ctx()));
  EXPECT_EQ(done, 1);
}

// Counts its own destruction; the handler owns one.
struct destruction_probe {
  explicit destruction_probe(int* d) : destroyed(d) {}
  destruction_probe(const destruction_probe&) = delete;
  ~destruction_probe() { ++*destroyed; }
  int* destroyed;
};

TEST_P(TokenCancelAfter, ContextDestroyedWhilePending) {
  int called = 0, destroyed = 0;
  {
    // The handler owns the timer it waits on, so nothing outlives the context.
    auto t = std::make_shared<ringport::steady_timer>(ctx(), 1h);
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    t->async_wait(ringport::cancel_after(1h, [t, probe, &called](error_code) { ++called; }));
  }
  ctx().poll();
  EXPECT_EQ(destroyed, 0);
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(TokenCancelAfter);

}  // namespace token_cancel_after_test
