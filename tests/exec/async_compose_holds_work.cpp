// While a composed operation is pending, its I/O executors and its handler's executor count
// as outstanding work, even when no intermediate operation is queued anywhere: run() does not
// return early. Completing releases that work.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/post.hpp"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace async_compose_holds_work_test {

// Parks `self` in a slot on the first call (nothing queued), completes when resumed.
template <typename Slot>
struct park_then_complete {
  Slot* slot;
  template <typename Self>
  void operator()(Self& self) {
    slot->park(std::move(self));
  }
  template <typename Self>
  void operator()(Self& self, int resumed) {
    self.complete(resumed);
  }
};

// Stores a parked composed op type-erased behind a callable that resumes it with a value.
struct parking_slot {
  std::mutex mutex;
  std::function<void(int)> resume;

  template <typename Self>
  void park(Self&& self) {
    auto op = std::make_shared<std::optional<std::decay_t<Self>>>(std::move(self));
    std::lock_guard lock(mutex);
    resume = [op](int v) { (**op)(v); };
  }
};

template <typename Handler>
void async_parked(ringport::io_context& ctx, parking_slot& slot, Handler&& handler) {
  ringport::async_compose<Handler, void(int)>(park_then_complete<parking_slot>{&slot}, handler,
                                              ctx);
}

using AsyncComposeHoldsWork = ringport::test::context_test;

TEST_F(AsyncComposeHoldsWork, PendingOpKeepsContextFromStopping) {
  parking_slot slot;
  int result = 0;
  async_parked(ctx(), slot, [&](int v) { result = v; });
  ASSERT_TRUE(slot.resume);
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_FALSE(ctx().stopped()) << "a pending composed op must count as work";
  ringport::post(ctx(), [&] { slot.resume(7); });
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_EQ(result, 7);
  EXPECT_TRUE(ctx().stopped()) << "completion must release the work";
}

// The handler names a second context's executor: that context is held too.
struct handler_on {
  using executor_type = ringport::io_context::executor_type;
  executor_type ex;
  int* result;
  executor_type get_executor() const noexcept { return ex; }
  void operator()(int v) { *result = v; }
};

TEST_F(AsyncComposeHoldsWork, HandlerExecutorIsHeldToo) {
  auto other = make_context();
  parking_slot slot;
  int result = 0;
  async_parked(ctx(), slot, handler_on{other->get_executor(), &result});
  EXPECT_EQ(other->poll(), 0u);
  EXPECT_FALSE(other->stopped()) << "the handler's context must be held while the op is pending";
  slot.resume(3);  // completes at once: it is not the first call
  EXPECT_EQ(result, 3);
  EXPECT_EQ(other->run(), 0u);
  EXPECT_TRUE(other->stopped());
  EXPECT_EQ(ctx().run(), 0u);
}

TEST_F(AsyncComposeHoldsWork, EveryIoExecutorIsHeld) {
  auto second = make_context();
  parking_slot slot;
  int result = 0;
  auto handler = [&](int v) { result = v; };
  ringport::async_compose<decltype(handler), void(int)>(park_then_complete<parking_slot>{&slot},
                                                        handler, ctx(), second->get_executor());
  EXPECT_EQ(second->poll(), 0u);
  EXPECT_FALSE(second->stopped());
  slot.resume(1);
  EXPECT_EQ(result, 1);
  EXPECT_EQ(second->run(), 0u);
  EXPECT_EQ(ctx().run(), 0u);
}

using AsyncComposeHoldsWorkThreads = ringport::test::context_test;

TEST_F(AsyncComposeHoldsWorkThreads, RunWaitsForAnOpResumedFromAnotherThread) {
  parking_slot slot;
  int result = 0;
  async_parked(ctx(), slot, [&](int v) { result = v; });
  std::thread resumer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::function<void(int)> resume;
    {
      std::lock_guard lock(slot.mutex);
      resume = slot.resume;
    }
    // The op is resumed on the context, as an intermediate completion would be.
    ringport::post(ctx(), [resume] { resume(42); });
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(ctx().run(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(40))
      << "run() returned before the composed op completed";
  resumer.join();
  EXPECT_EQ(result, 42);
}

}  // namespace async_compose_holds_work_test
