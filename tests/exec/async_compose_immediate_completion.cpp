// A composed operation that completes during its first call (before any intermediate
// operation) still delivers its handler later, from run(), through the handler's associated
// executor, never inside async_compose.
#include "context_test.hpp"
#include "recording_executor.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/use_future.hpp"

#include <chrono>
#include <future>

namespace async_compose_immediate_completion_test {

using AsyncComposeImmediateCompletion = ringport::test::context_test;
using ringport::test::execution_record;
using ringport::test::recording_executor;

struct complete_at_once {
  int value;
  template <typename Self>
  void operator()(Self& self) {
    self.complete(ringport::error_code(), value);
  }
};

template <typename Token>
auto async_immediate(ringport::io_context& ctx, int value, Token&& token) {
  return ringport::async_compose<Token, void(ringport::error_code, int)>(complete_at_once{value},
                                                                         token, ctx);
}

// A handler that names a recording executor as its associated executor.
struct recorded_handler {
  using executor_type = recording_executor<ringport::io_context::executor_type>;
  executor_type ex;
  execution_record* record;
  int* result;
  bool* ran_through_executor;

  executor_type get_executor() const noexcept { return ex; }
  void operator()(ringport::error_code ec, int n) {
    EXPECT_FALSE(ec);
    *result = n;
    *ran_through_executor = record->running.load() > 0;
  }
};

TEST_F(AsyncComposeImmediateCompletion, HandlerDoesNotRunInsideInitiation) {
  int result = -1;
  async_immediate(ctx(), 5, [&](ringport::error_code, int n) { result = n; });
  EXPECT_EQ(result, -1) << "the handler ran inside async_compose";
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(result, 5);
}

TEST_F(AsyncComposeImmediateCompletion, HandlerRunsThroughItsAssociatedExecutor) {
  execution_record record;
  int result = -1;
  bool ran_through_executor = false;
  recorded_handler handler{{ctx().get_executor(), record}, &record, &result, &ran_through_executor};
  async_immediate(ctx(), 9, handler);
  EXPECT_EQ(result, -1);
  EXPECT_EQ(record.submitted.load(), 1) << "the completion was not handed to the executor";
  ctx().run();
  EXPECT_EQ(result, 9);
  EXPECT_TRUE(ran_through_executor);
}

TEST_F(AsyncComposeImmediateCompletion, HandlerOnAnotherContextRunsThere) {
  auto other = make_context();
  int result = -1;
  execution_record record;
  bool ran_through_executor = false;
  recorded_handler handler{
      {other->get_executor(), record}, &record, &result, &ran_through_executor};
  async_immediate(ctx(), 3, handler);
  ctx().run();
  EXPECT_EQ(result, -1) << "the handler belongs to the other context";
  EXPECT_EQ(other->run(), 1u);
  EXPECT_EQ(result, 3);
  EXPECT_TRUE(ran_through_executor);
}

// An executor that can only run functions inline (it cannot promise blocking.never).
struct inline_executor {
  int* running;
  template <typename F>
  void execute(F&& f) const {
    ++*running;
    std::forward<F>(f)();
    --*running;
  }
  bool operator==(const inline_executor&) const = default;
};
static_assert(ringport::execution::executor<inline_executor>);
static_assert(!ringport::can_require_v<inline_executor, ringport::execution::blocking_t::never_t>);

struct inline_handler {
  using executor_type = inline_executor;
  int* running;
  bool* called;
  bool* ran_inline;
  executor_type get_executor() const noexcept { return {running}; }
  void operator()(ringport::error_code, int) {
    *called = true;
    *ran_inline = *running > 0;
  }
};

TEST_F(AsyncComposeImmediateCompletion, InlineOnlyExecutorIsReachedThroughTheIoExecutor) {
  int running = 0;
  bool called = false;
  bool ran_inline = false;
  async_immediate(ctx(), 1, inline_handler{&running, &called, &ran_inline});
  EXPECT_FALSE(called) << "the handler ran inside async_compose";
  EXPECT_EQ(ctx().run(), 1u) << "the completion is queued on the I/O object's context";
  EXPECT_TRUE(called);
  EXPECT_TRUE(ran_inline) << "the handler was not run through its inline executor";
}

TEST_F(AsyncComposeImmediateCompletion, FutureIsNotReadyBeforeRun) {
  std::future<int> f = async_immediate(ctx(), 11, ringport::use_future);
  EXPECT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  ctx().run();
  EXPECT_EQ(f.get(), 11);
}

}  // namespace async_compose_immediate_completion_test
