// consign(token, values...): the handler gets the completion arguments unchanged, and the
// values live until the handler has run, then are destroyed (with the handler if it never
// runs). It works with a callback, use_future and use_awaitable, inside and around as_tuple
// and redirect_error, and forwards the handler's associated executor, allocator and
// cancellation slot.
#include "context_test.hpp"
#include "counting_allocator.hpp"
#include "recording_executor.hpp"

#include "ringport/as_tuple.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/consign.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
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

namespace token_consign_test {

using TokenConsign = ringport::test::context_test;
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

static_assert(std::is_same_v<decltype(ringport::consign(use_awaitable, std::string(), 1)),
                             ringport::consign_t<ringport::use_awaitable_t<>, std::string, int>>);

TEST_F(TokenConsign, ArgumentsUnchangedValuesAliveUntilTheHandlerRan) {
  auto keep = std::make_shared<int>(1);
  std::weak_ptr<int> watch = keep;
  int calls = 0;
  bool alive_in_handler = false;
  async_answer(ctx(), broken, 9,
               ringport::consign(
                   [&](error_code ec, int v) {
                     ++calls;
                     EXPECT_EQ(ec, broken);
                     EXPECT_EQ(v, 9);
                     alive_in_handler = !watch.expired();
                   },
                   std::move(keep), std::string("second value")));
  EXPECT_FALSE(watch.expired()) << "the pending operation does not hold the value";
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(alive_in_handler) << "the value was gone before the handler ran";
  EXPECT_TRUE(watch.expired()) << "the value outlived the handler";
}

// The value's destructor runs after the handler has returned, not before it is called.
struct order_probe {
  explicit order_probe(std::string* log) : log_(log) {}
  order_probe(order_probe&& other) noexcept : log_(std::exchange(other.log_, nullptr)) {}
  order_probe& operator=(order_probe&&) = delete;
  ~order_probe() {
    if (log_ != nullptr) *log_ += "destroyed;";
  }
  std::string* log_;
};

TEST_F(TokenConsign, ValuesDestroyedAfterTheHandlerReturned) {
  std::string log;
  async_answer(ctx(), error_code(), 1,
               ringport::consign([&](error_code, int) { log += "handler;"; }, order_probe(&log)));
  EXPECT_EQ(log, "");
  ctx().run();
  EXPECT_EQ(log, "handler;destroyed;");
}

TEST_F(TokenConsign, ValuesGoWithAHandlerThatNeverRuns) {
  auto keep = std::make_shared<int>(1);
  std::weak_ptr<int> watch = keep;
  bool called = false;
  {
    auto other = make_context();
    ringport::post(*other, ringport::consign([&] { called = true; }, std::move(keep)));
    EXPECT_FALSE(watch.expired());
  }  // destroyed without running: the queued handler goes, its values with it
  EXPECT_FALSE(called);
  EXPECT_TRUE(watch.expired());
}

TEST_F(TokenConsign, ATokenInAVariableCopiesItsValues) {
  auto keep = std::make_shared<int>(1);
  int calls = 0;
  auto token = ringport::consign([&](error_code, int) { ++calls; }, keep);
  async_answer(ctx(), error_code(), 1, token);
  async_answer(ctx(), error_code(), 2, token);
  EXPECT_EQ(keep.use_count(), 4) << "the local, the token and one per pending operation";
  ctx().run();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(keep.use_count(), 2);
}

TEST_F(TokenConsign, UseFuture) {
  auto keep = std::make_shared<int>(1);
  std::weak_ptr<int> watch = keep;
  std::future<int> ok = async_answer(ctx(), error_code(), 5,
                                     ringport::consign(ringport::use_future, std::move(keep)));
  std::future<int> failed =
      async_answer(ctx(), broken, 6, ringport::consign(ringport::use_future, std::string("x")));
  EXPECT_FALSE(watch.expired());
  ctx().run();
  EXPECT_EQ(ok.get(), 5);
  EXPECT_TRUE(watch.expired());
  try {
    failed.get();
    ADD_FAILURE() << "the error_code did not throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), broken);
  }
}

TEST_F(TokenConsign, UseAwaitableAndNesting) {
  auto keep = std::make_shared<int>(1);
  std::weak_ptr<int> watch = keep;
  int done = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        int v = co_await async_answer(ctx(), error_code(), 3,
                                      ringport::consign(use_awaitable, std::move(keep)));
        EXPECT_EQ(v, 3);
        // consign around as_tuple, and as_tuple around consign: arguments unchanged.
        std::tuple<error_code, int> a = co_await async_answer(
            ctx(), broken, 4, ringport::consign(ringport::as_tuple(use_awaitable), 1, 2));
        EXPECT_EQ(a, std::make_tuple(broken, 4));
        std::tuple<error_code, int> b = co_await async_answer(
            ctx(), broken, 5, ringport::as_tuple(ringport::consign(use_awaitable, 1)));
        EXPECT_EQ(b, std::make_tuple(broken, 5));
        // consign around redirect_error and redirect_error around consign.
        error_code ec;
        int c = co_await async_answer(
            ctx(), broken, 6, ringport::consign(ringport::redirect_error(use_awaitable, ec), 1));
        EXPECT_EQ(c, 6);
        EXPECT_EQ(ec, broken);
        error_code ec2;
        int d = co_await async_answer(
            ctx(), broken, 7, ringport::redirect_error(ringport::consign(use_awaitable, 1), ec2));
        EXPECT_EQ(d, 7);
        EXPECT_EQ(ec2, broken);
        try {
          co_await async_answer(ctx(), broken, 8, ringport::consign(use_awaitable, 1));
          ADD_FAILURE() << "the error_code did not throw";
        } catch (const std::system_error& e) {
          EXPECT_EQ(e.code(), broken);
        }
        ++done;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_EQ(done, 1);
  EXPECT_TRUE(watch.expired());
}

// A handler naming an executor, an allocator and a cancellation slot of its own.
struct associated_handler {
  using executor_type = recording_executor<ringport::io_context::executor_type>;
  using allocator_type = counting_allocator<void>;
  using cancellation_slot_type = ringport::cancellation_slot;

  executor_type ex;
  allocator_type alloc;
  ringport::cancellation_slot slot;
  int* calls;
  bool* through_executor;

  executor_type get_executor() const noexcept { return ex; }
  allocator_type get_allocator() const noexcept { return alloc; }
  cancellation_slot_type get_cancellation_slot() const noexcept { return slot; }

  void operator()() {
    ++*calls;
    *through_executor = ex.record().running.load() > 0;
  }
};

TEST_F(TokenConsign, AssociationsAreTheHandlers) {
  execution_record record;
  allocation_counts counts;
  ringport::cancellation_signal signal;
  int calls = 0;
  bool through_executor = false;
  associated_handler h{{ctx().get_executor(), record},
                       counting_allocator<void>(counts),
                       signal.slot(),
                       &calls,
                       &through_executor};

  bool checked = false;
  auto initiation = [&](auto&& handler) {
    EXPECT_EQ(ringport::get_associated_executor(handler), h.ex);
    EXPECT_EQ(ringport::get_associated_allocator(handler), h.alloc);
    EXPECT_EQ(ringport::get_associated_cancellation_slot(handler), h.slot);
    checked = true;
  };
  auto token = ringport::consign(h, std::string("kept"));
  ringport::async_initiate<decltype(token), void()>(initiation, token);
  EXPECT_TRUE(checked);

  ringport::post(ctx(), ringport::consign(h, std::make_shared<int>(1)));
  EXPECT_GE(counts.allocations, 1);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(through_executor) << "the handler did not run through its associated executor";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

}  // namespace token_consign_test
