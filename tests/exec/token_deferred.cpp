// deferred (also as experimental::deferred): an operation given the deferred token starts
// nothing until the returned object is called with a token, which may be any token
// (callback, use_future, use_awaitable); compositions with deferred(f) and `|`,
// deferred.values, deferred.when(...).then(...).otherwise(...); co_await of a deferred
// operation; the final handler's executor, cancellation slot and allocator reach every step.
#include "context_test.hpp"
#include "counting_allocator.hpp"

#include "ringport/async_result.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/deferred.hpp"
#include "ringport/error.hpp"
#include "ringport/experimental/deferred.hpp"
#include "ringport/post.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace token_deferred_test {

using TokenDeferred = ringport::test::context_test;
using ringport::awaitable;
using ringport::deferred;
using ringport::error_code;
using namespace std::chrono_literals;

// An in-memory operation: counts its starts, then completes through the context with
// (ec, value).
template <typename Token>
decltype(auto) async_tick(ringport::io_context& ctx, int& starts, int value, Token&& token,
                          error_code ec = error_code()) {
  return ringport::async_initiate<Token, void(error_code, int)>(
      [&ctx, &starts](auto handler, int v, error_code e) {
        ++starts;
        ringport::post(ctx, [h = std::move(handler), v, e]() mutable { std::move(h)(e, v); });
      },
      token, value, ec);
}

// An operation with two completion signatures; it completes (at once) through the second.
template <typename Token>
decltype(auto) async_two_ways(Token&& token) {
  return ringport::async_initiate<Token, void(int), void(std::string)>(
      [](auto handler) { std::move(handler)(std::string("second")); }, token);
}

TEST_F(TokenDeferred, NothingStartsBeforeTheCall) {
  int starts = 0;
  auto op = async_tick(ctx(), starts, 7, deferred);
  static_assert(ringport::is_deferred<decltype(op)>::value);
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_EQ(starts, 0);
  ctx().restart();

  ringport::steady_timer t(ctx(), 1h);
  auto wait = t.async_wait(deferred);
  EXPECT_EQ(t.cancel(), 0u) << "the wait started before it was called";

  auto moved = std::move(wait);
  error_code got;
  std::move(moved)([&](error_code ec) { got = ec; });
  EXPECT_EQ(t.cancel(), 1u);

  int value = 0;
  std::move(op)([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    value = v;
  });
  EXPECT_EQ(starts, 1);
  ctx().run();
  EXPECT_EQ(value, 7);
  EXPECT_TRUE(got == ringport::error::operation_aborted) << got.message();
}

TEST_F(TokenDeferred, DroppedWithoutACallStartsNothing) {
  int starts = 0;
  {
    auto op = async_tick(ctx(), starts, 1, deferred);
    auto chain = std::move(op) | deferred([&](error_code, int v) {
                   return async_tick(ctx(), starts, v, deferred);
                 });
    static_assert(ringport::is_deferred<decltype(chain)>::value);
    [[maybe_unused]] auto moved = std::move(chain);
  }
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_EQ(starts, 0);
}

TEST_F(TokenDeferred, CalledWithUseFuture) {
  int starts = 0;
  auto op = async_tick(ctx(), starts, 42, deferred);
  std::future<int> f = std::move(op)(ringport::use_future);
  EXPECT_EQ(starts, 1);
  ctx().run();
  EXPECT_EQ(f.get(), 42);

  auto failing = async_tick(ctx(), starts, 0, deferred, make_error_code(std::errc::io_error));
  std::future<int> g = std::move(failing)(ringport::use_future);
  ctx().restart();
  ctx().run();
  EXPECT_THROW(g.get(), std::system_error);
}

TEST_F(TokenDeferred, ContinuationRunsNextAndItsCompletionIsTheChains) {
  int starts = 0;
  std::vector<int> seen;
  auto chain = async_tick(ctx(), starts, 1, deferred([&](error_code ec, int a) {
                            EXPECT_FALSE(ec);
                            seen.push_back(a);
                            return async_tick(ctx(), starts, a + 1, deferred);
                          }));
  EXPECT_EQ(starts, 0);
  int final_value = 0;
  std::move(chain)([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    final_value = v;
  });
  EXPECT_EQ(starts, 1);
  ctx().run();
  EXPECT_EQ(starts, 2);
  EXPECT_EQ(seen, std::vector<int>{1});
  EXPECT_EQ(final_value, 2);
}

TEST_F(TokenDeferred, PipeChainsSteps) {
  int starts = 0;
  auto chain =
      async_tick(ctx(), starts, 1, deferred) |
      deferred([&](error_code, int a) { return async_tick(ctx(), starts, a * 10, deferred); }) |
      deferred([](error_code, int b) { return deferred.values(b + 5, std::string("x")); });
  EXPECT_EQ(starts, 0);
  int got = 0;
  std::string s;
  // A plain callback at the end of a pipe is the completion handler: the chain starts.
  std::move(chain) | [&](int v, std::string str) {
    got = v;
    s = std::move(str);
  };
  EXPECT_EQ(starts, 1);
  ctx().run();
  EXPECT_EQ(got, 15);
  EXPECT_EQ(s, "x");
  EXPECT_EQ(starts, 2);
}

TEST_F(TokenDeferred, ValuesCompleteInsideTheCall) {
  int a = 0;
  std::string s;
  deferred.values(3, std::string("abc"))([&](int x, std::string y) {
    a = x;
    s = std::move(y);
  });
  EXPECT_EQ(a, 3);
  EXPECT_EQ(s, "abc");

  // An lvalue call starts a copy (contents copyable), leaving the object as it was.
  const auto v = deferred.values(9);
  int first = 0, second = 0;
  v([&](int x) { first = x; });
  v([&](int x) { second = x; });
  EXPECT_EQ(first, 9);
  EXPECT_EQ(second, 9);

  std::future<int> f = deferred.values(11)(ringport::use_future);
  EXPECT_EQ(f.get(), 11);
  EXPECT_EQ(ctx().poll(), 0u);
}

TEST_F(TokenDeferred, MoveOnlyContentsMakeASingleShotObject) {
  auto v = deferred.values(std::make_unique<int>(4));
  using callback = void (*)(std::unique_ptr<int>);
  static_assert(std::is_move_constructible_v<decltype(v)>);
  static_assert(!std::is_copy_constructible_v<decltype(v)>);
  static_assert(std::is_invocable_v<decltype(v)&&, callback>);
  static_assert(!std::is_invocable_v<const decltype(v)&, callback>);
  auto moved = std::move(v);
  int got = 0;
  std::move(moved)([&](std::unique_ptr<int> p) { got = *p; });
  EXPECT_EQ(got, 4);
}

TEST_F(TokenDeferred, WhenThenOtherwiseStartsOnlyTheChosenBranch) {
  int starts = 0;
  auto branch = [&](ringport::steady_timer& t) {
    return t.async_wait(deferred([&](error_code ec) {
      return deferred.when(!ec)
          .then(async_tick(ctx(), starts, 5, deferred))
          .otherwise(deferred.values(ec, -1));
    }));
  };
  ringport::steady_timer fires(ctx(), 0ms);
  ringport::steady_timer aborted(ctx(), 1h);
  int fired_value = 0, aborted_value = 0;
  error_code aborted_ec;
  branch(fires)([&](error_code ec, int v) {
    EXPECT_FALSE(ec);
    fired_value = v;
  });
  branch(aborted)([&](error_code ec, int v) {
    aborted_ec = ec;
    aborted_value = v;
  });
  EXPECT_EQ(starts, 0);
  EXPECT_EQ(aborted.cancel(), 1u);
  ctx().run();
  EXPECT_EQ(fired_value, 5);
  EXPECT_EQ(aborted_value, -1);
  EXPECT_TRUE(aborted_ec == ringport::error::operation_aborted) << aborted_ec.message();
  EXPECT_EQ(starts, 1) << "only the true branch of the expired timer starts an operation";
}

TEST_F(TokenDeferred, ThenWithoutOtherwiseIsANoOpBranch) {
  int calls = 0;
  auto c = deferred.when(false).then(deferred.values(1));
  std::move(c)([&](int) { ++calls; });
  EXPECT_EQ(calls, 0);
  deferred.when(true).then(deferred.values(1))([&](int) { ++calls; });
  EXPECT_EQ(calls, 1);
}

TEST_F(TokenDeferred, CoAwaitDirectlyAndWithUseAwaitable) {
  int starts = 0;
  std::vector<int> results;
  bool threw = false;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto ex = co_await ringport::this_coro::executor;
        ringport::steady_timer t(ex, 0ms);
        co_await t.async_wait(deferred);
        results.push_back(co_await deferred.values(5));
        results.push_back(co_await async_tick(ctx(), starts, 6, deferred));
        results.push_back(
            co_await (async_tick(ctx(), starts, 1, deferred) | deferred([&](error_code, int a) {
                        return async_tick(ctx(), starts, a + 6, deferred);
                      })));
        auto d = async_tick(ctx(), starts, 8, deferred);
        results.push_back(co_await std::move(d)(ringport::use_awaitable));
        const auto lvalue = deferred.values(9);
        results.push_back(co_await lvalue);
        co_await deferred.values();
        auto [i, s] = co_await deferred.values(10, std::string("ten"));
        results.push_back(s == "ten" ? i : -1);
        try {
          co_await async_tick(ctx(), starts, 0, deferred, make_error_code(std::errc::io_error));
        } catch (const std::system_error& e) {
          threw = e.code() == std::errc::io_error;
        }
        done = true;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_TRUE(done);
  EXPECT_TRUE(threw);
  EXPECT_EQ(results, (std::vector<int>{5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(starts, 5);
}

TEST_F(TokenDeferred, CoAwaitOfValuesAsTheLastStep) {
  // The values complete inside the co_await, and the coroutine (and co_spawn's thread of
  // frames) ends before the await returns to its caller.
  std::string got;
  ringport::co_spawn(
      ctx(), [&]() -> awaitable<void> { got = co_await deferred.values(std::string(40, 'v')); },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_EQ(got, std::string(40, 'v'));
}

TEST_F(TokenDeferred, CoAwaitOfAChainHonoursCancellation) {
  error_code got;
  ringport::cancellation_signal sig;
  ringport::steady_timer t(ctx(), 1h);
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        try {
          co_await (deferred.values(0) | deferred([&](int) { return t.async_wait(deferred); }));
        } catch (const std::system_error& e) {
          got = e.code();
        }
      },
      ringport::bind_cancellation_slot(sig.slot(), [](std::exception_ptr e) { EXPECT_FALSE(e); }));
  ctx().poll();
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_TRUE(got == ringport::error::operation_aborted) << got.message();
}

TEST_F(TokenDeferred, EveryStepRunsOnTheFinalHandlersExecutor) {
  auto s = ringport::make_strand(ctx());
  bool step_in_strand = false, final_in_strand = false;
  auto chain = ringport::post(ctx(), deferred) | deferred([&] {
                 step_in_strand = s.running_in_this_thread();
                 return ringport::post(ctx(), deferred);
               });
  std::move(chain)(
      ringport::bind_executor(s, [&] { final_in_strand = s.running_in_this_thread(); }));
  ctx().run();
  EXPECT_TRUE(step_in_strand);
  EXPECT_TRUE(final_in_strand);
}

TEST_F(TokenDeferred, TheFinalHandlersSlotCancelsTheStepInProgress) {
  ringport::steady_timer first(ctx(), 0ms);
  ringport::steady_timer second(ctx(), 1h);
  error_code first_ec = make_error_code(std::errc::io_error);
  error_code last_ec;
  bool last_called = false;
  auto chain = first.async_wait(deferred([&](error_code ec) {
    first_ec = ec;
    return second.async_wait(deferred);
  }));
  ringport::cancellation_signal sig;
  std::move(chain)(ringport::bind_cancellation_slot(sig.slot(), [&](error_code ec) {
    last_called = true;
    last_ec = ec;
  }));
  for (int i = 0; i < 100 && first_ec; ++i)
    ctx().run_one();
  ASSERT_FALSE(first_ec);
  ctx().poll();
  EXPECT_FALSE(last_called);
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_TRUE(last_called);
  EXPECT_TRUE(last_ec == ringport::error::operation_aborted) << last_ec.message();
}

TEST_F(TokenDeferred, CancellingTheFirstStepReachesTheContinuation) {
  ringport::steady_timer first(ctx(), 1h);
  ringport::steady_timer second(ctx(), 1h);
  auto chain = first.async_wait(deferred([&](error_code ec) {
    return deferred.when(!ec).then(second.async_wait(deferred)).otherwise(deferred.values(ec));
  }));
  ringport::cancellation_signal sig;
  error_code got;
  std::move(chain)(ringport::bind_cancellation_slot(sig.slot(), [&](error_code ec) { got = ec; }));
  ctx().poll();
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_TRUE(got == ringport::error::operation_aborted) << got.message();
  EXPECT_EQ(second.cancel(), 0u) << "the other branch started";
}

TEST_F(TokenDeferred, EveryStepAllocatesWithTheFinalHandlersAllocator) {
  ringport::test::allocation_counts counts;
  int calls = 0;
  auto chain =
      ringport::post(ctx(), deferred) | deferred([&] { return ringport::post(ctx(), deferred); });
  std::move(chain)(
      ringport::bind_allocator(ringport::test::counting_allocator<void>(counts), [&] { ++calls; }));
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(counts.allocations, 2);
  EXPECT_EQ(counts.deallocations, 2);
}

TEST_F(TokenDeferred, DefaultTokenOfAnObject) {
  using deferred_timer = ringport::deferred_t::as_default_on_t<ringport::steady_timer>;
  deferred_timer t(ctx(), 0ms);
  auto op = t.async_wait();
  static_assert(ringport::is_deferred<decltype(op)>::value);
  auto t2 = ringport::deferred_t::as_default_on(ringport::steady_timer(ctx(), 0ms));
  auto op2 = t2.async_wait();
  int calls = 0;
  std::move(op)([&](error_code ec) { calls += !ec; });
  std::move(op2)([&](error_code ec) { calls += !ec; });
  ctx().run();
  EXPECT_EQ(calls, 2);
}

TEST_F(TokenDeferred, ExperimentalNameAndPassThrough) {
  static_assert(std::is_same_v<ringport::experimental::deferred_t, ringport::deferred_t>);
  int starts = 0;
  auto op = async_tick(ctx(), starts, 3, ringport::experimental::deferred);
  // deferred(d) of a deferred object is that object.
  auto same = deferred(std::move(op));
  static_assert(std::is_same_v<decltype(same), decltype(op)>);
  int got = 0;
  std::move(same)([&](error_code, int v) { got = v; });
  ctx().run();
  EXPECT_EQ(got, 3);
}

TEST_F(TokenDeferred, SeveralCompletionSignatures) {
  auto op = async_two_ways(deferred);
  std::string got;
  std::move(op)([&](auto v) {
    if constexpr (std::is_same_v<decltype(v), std::string>) got = v;
  });
  EXPECT_EQ(got, "second");
}

}  // namespace token_deferred_test
