// append(token, values...) passes the values after the completion arguments, prepend before
// them; experimental::append/prepend are the same adapters. They work with a callback,
// use_future and use_awaitable, inside and around as_tuple and redirect_error, copy their
// values from a token kept in a variable (move them from a temporary, move-only ones too),
// and forward the handler's associated executor, allocator and cancellation slot.
#include "context_test.hpp"
#include "counting_allocator.hpp"
#include "recording_executor.hpp"

#include "ringport/append.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/error.hpp"
#include "ringport/experimental/append.hpp"
#include "ringport/experimental/prepend.hpp"
#include "ringport/post.hpp"
#include "ringport/prepend.hpp"
#include "ringport/redirect_error.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <exception>
#include <future>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <type_traits>

namespace token_append_prepend_test {

using TokenAppendPrepend = ringport::test::context_test;
using ringport::awaitable;
using ringport::error_code;
using ringport::use_awaitable;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;
using ringport::test::execution_record;
using ringport::test::recording_executor;

// An operation with the completion signature void(error_code, int) that completes with
// (ec, value), delivered later through the handler's associated executor.
struct answer_impl {
  error_code ec;
  int value;
  template <typename Self>
  void operator()(Self& self) {
    self.complete(ec, value);
  }
};

template <typename Token>
decltype(auto) async_answer(ringport::io_context& ctx, error_code ec, int value, Token&& token) {
  return ringport::async_compose<Token, void(error_code, int)>(answer_impl{ec, value}, token, ctx);
}

const error_code broken = make_error_code(std::errc::connection_reset);

static_assert(std::is_same_v<decltype(ringport::experimental::append(use_awaitable, 1)),
                             decltype(ringport::append(use_awaitable, 1))>);
static_assert(std::is_same_v<decltype(ringport::experimental::prepend(use_awaitable, 1)),
                             decltype(ringport::prepend(use_awaitable, 1))>);
static_assert(std::is_same_v<decltype(ringport::append(use_awaitable, std::string(), 1)),
                             ringport::append_t<ringport::use_awaitable_t<>, std::string, int>>);

TEST_F(TokenAppendPrepend, AppendPassesValuesAfterTheArguments) {
  int calls = 0;
  async_answer(ctx(), broken, 4,
               ringport::append(
                   [&](error_code ec, int v, std::string s, int extra) {
                     ++calls;
                     EXPECT_EQ(ec, broken);
                     EXPECT_EQ(v, 4);
                     EXPECT_EQ(s, "tag");
                     EXPECT_EQ(extra, 7);
                   },
                   std::string("tag"), 7));
  EXPECT_EQ(calls, 0) << "the handler ran inside the initiating function";
  ctx().run();
  EXPECT_EQ(calls, 1);
}

TEST_F(TokenAppendPrepend, PrependPassesValuesBeforeTheArguments) {
  int calls = 0;
  async_answer(ctx(), error_code(), 5,
               ringport::prepend(
                   [&](std::string s, int extra, error_code ec, int v) {
                     ++calls;
                     EXPECT_EQ(s, "tag");
                     EXPECT_EQ(extra, 7);
                     EXPECT_FALSE(ec);
                     EXPECT_EQ(v, 5);
                   },
                   std::string("tag"), 7));
  ctx().run();
  EXPECT_EQ(calls, 1);
}

TEST_F(TokenAppendPrepend, ExperimentalNamesWork) {
  int sum = 0;
  async_answer(ctx(), error_code(), 1,
               ringport::experimental::append([&](error_code, int v, int a) { sum += v * a; }, 10));
  async_answer(
      ctx(), error_code(), 2,
      ringport::experimental::prepend([&](int a, error_code, int v) { sum += v * a; }, 100));
  ctx().run();
  EXPECT_EQ(sum, 210);
}

TEST_F(TokenAppendPrepend, ATokenInAVariableCopiesItsValues) {
  std::string seen;
  auto token = ringport::append(
      [&](error_code, int v, std::string s) { seen += s + char('0' + v); }, std::string("x"));
  async_answer(ctx(), error_code(), 1, token);
  async_answer(ctx(), error_code(), 2, token);
  ctx().run();
  EXPECT_EQ(seen, "x1x2");
  EXPECT_EQ(std::get<0>(token.values_), "x") << "an lvalue token gave its values away";
}

TEST_F(TokenAppendPrepend, MoveOnlyValuesMoveThrough) {
  int got = 0;
  async_answer(ctx(), error_code(), 3,
               ringport::prepend([&](std::unique_ptr<int> p, error_code, int v) { got = *p + v; },
                                 std::make_unique<int>(40)));
  ctx().run();
  EXPECT_EQ(got, 43);
}

TEST_F(TokenAppendPrepend, UseFuture) {
  std::future<std::tuple<int, int>> appended =
      async_answer(ctx(), error_code(), 6, ringport::append(ringport::use_future, 60));
  // prepend puts a value first: the error_code is no longer the leading argument, so it is
  // delivered as a value rather than thrown.
  std::future<std::tuple<int, error_code, int>> prepended =
      async_answer(ctx(), broken, 7, ringport::prepend(ringport::use_future, 70));
  std::future<std::tuple<int, int>> failed =
      async_answer(ctx(), broken, 8, ringport::append(ringport::use_future, 80));
  ctx().run();
  EXPECT_EQ(appended.get(), std::make_tuple(6, 60));
  EXPECT_EQ(prepended.get(), std::make_tuple(70, broken, 7));
  try {
    failed.get();
    ADD_FAILURE() << "the leading error_code did not throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), broken);
  }
}

TEST_F(TokenAppendPrepend, UseAwaitable) {
  int done = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto [v, extra] =
            co_await async_answer(ctx(), error_code(), 1, ringport::append(use_awaitable, 2));
        EXPECT_EQ(v, 1);
        EXPECT_EQ(extra, 2);
        auto [first, ec, w] =
            co_await async_answer(ctx(), broken, 3, ringport::prepend(use_awaitable, 4));
        EXPECT_EQ(first, 4);
        EXPECT_EQ(ec, broken);
        EXPECT_EQ(w, 3);
        try {
          co_await async_answer(ctx(), broken, 5, ringport::append(use_awaitable, 6));
          ADD_FAILURE() << "the leading error_code did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), broken);
        }
        ++done;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_EQ(done, 1);
}

TEST_F(TokenAppendPrepend, NestedWithAsTupleAndRedirectError) {
  int done = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        // append around as_tuple: the tuple holds the arguments and the value.
        std::tuple<error_code, int, int> a = co_await async_answer(
            ctx(), broken, 1, ringport::append(ringport::as_tuple(use_awaitable), 2));
        EXPECT_EQ(a, std::make_tuple(broken, 1, 2));
        // as_tuple around append: the value follows the tuple.
        std::tuple<std::tuple<error_code, int>, int> b = co_await async_answer(
            ctx(), broken, 3, ringport::as_tuple(ringport::append(use_awaitable, 4)));
        EXPECT_EQ(b, std::make_tuple(std::make_tuple(broken, 3), 4));
        // append around redirect_error: the error goes to `ec`, the value follows.
        error_code ec;
        std::tuple<int, int> c = co_await async_answer(
            ctx(), broken, 5, ringport::append(ringport::redirect_error(use_awaitable, ec), 6));
        EXPECT_EQ(c, std::make_tuple(5, 6));
        EXPECT_EQ(ec, broken);
        // redirect_error around prepend: the error goes to `ec2`, the value comes first.
        error_code ec2;
        std::tuple<int, int> d = co_await async_answer(
            ctx(), broken, 7, ringport::redirect_error(ringport::prepend(use_awaitable, 8), ec2));
        EXPECT_EQ(d, std::make_tuple(8, 7));
        EXPECT_EQ(ec2, broken);
        ++done;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  error_code redirected;
  int got = 0;
  async_answer(ctx(), broken, 7,
               ringport::redirect_error(ringport::append([&](int v, int a) { got = v * a; }, 3),
                                        redirected));
  ctx().run();
  EXPECT_EQ(done, 1);
  EXPECT_EQ(got, 21);
  EXPECT_EQ(redirected, broken);
}

// A handler naming an executor, an allocator and a cancellation slot of its own.
struct associated_handler {
  using executor_type = recording_executor<ringport::io_context::executor_type>;
  using allocator_type = counting_allocator<void>;
  using cancellation_slot_type = ringport::cancellation_slot;

  executor_type ex;
  allocator_type alloc;
  ringport::cancellation_slot slot;
  int* result;
  bool* through_executor;

  executor_type get_executor() const noexcept { return ex; }
  allocator_type get_allocator() const noexcept { return alloc; }
  cancellation_slot_type get_cancellation_slot() const noexcept { return slot; }

  void operator()(int a, int b) {
    *result = a * 10 + b;
    *through_executor = ex.record().running.load() > 0;
  }
};

template <typename Token>
void check_associations_forwarded(ringport::io_context& ctx, const associated_handler& h,
                                  Token token) {
  bool checked = false;
  auto initiation = [&](auto&& handler) {
    EXPECT_EQ(ringport::get_associated_executor(handler), h.ex);
    EXPECT_EQ(ringport::get_associated_allocator(handler), h.alloc);
    EXPECT_EQ(ringport::get_associated_cancellation_slot(handler), h.slot);
    using handler_t = std::decay_t<decltype(handler)>;
    static_assert(std::is_same_v<ringport::associated_executor_t<handler_t>,
                                 associated_handler::executor_type>);
    static_assert(std::is_same_v<ringport::associated_allocator_t<handler_t>,
                                 associated_handler::allocator_type>);
    checked = true;
  };
  ringport::async_initiate<Token, void(int)>(initiation, token);
  EXPECT_TRUE(checked);
  (void)ctx;
}

TEST_F(TokenAppendPrepend, AssociationsAreTheHandlers) {
  execution_record record;
  allocation_counts counts;
  ringport::cancellation_signal signal;
  int result = 0;
  bool through_executor = false;
  associated_handler h{{ctx().get_executor(), record},
                       counting_allocator<void>(counts),
                       signal.slot(),
                       &result,
                       &through_executor};
  check_associations_forwarded(ctx(), h, ringport::append(h, 1));
  check_associations_forwarded(ctx(), h, ringport::prepend(h, 1));

  // A real operation: post() allocates with the handler's allocator and runs it on its
  // executor; its signature void() becomes void(int, int).
  ringport::post(ctx(), ringport::append(h, 4, 2));
  EXPECT_GE(counts.allocations, 1);
  ctx().run();
  EXPECT_EQ(result, 42);
  EXPECT_TRUE(through_executor) << "the handler did not run through its associated executor";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_F(TokenAppendPrepend, BoundSlotReachesTheOperation) {
  ringport::cancellation_signal signal;
  ringport::cancellation_slot seen;
  auto initiation = [&](auto&& handler) {
    seen = ringport::get_associated_cancellation_slot(handler);
  };
  auto token =
      ringport::prepend(ringport::bind_cancellation_slot(signal.slot(), [](int, int) {}), 1);
  ringport::async_initiate<decltype(token), void(int)>(initiation, token);
  EXPECT_EQ(seen, signal.slot());
}

}  // namespace token_append_prepend_test
