// `self` exposes the final handler's associated executor (by default, the first I/O
// object's), so intermediate completions, and with them every resumption of the
// implementation, run through it.
#include "context_test.hpp"
#include "recording_executor.hpp"

#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/post.hpp"

#include <type_traits>

namespace async_compose_handler_executor_test {

using AsyncComposeHandlerExecutor = ringport::test::context_test;
using ringport::test::execution_record;
using ringport::test::recording_executor;

struct recorded_handler {
  using executor_type = recording_executor<ringport::io_context::executor_type>;
  executor_type ex;
  int* result;
  executor_type get_executor() const noexcept { return ex; }
  void operator()(int n) { *result = n; }
};

TEST_F(AsyncComposeHandlerExecutor, ResumptionsRunThroughIt) {
  execution_record record;
  int result = 0;
  int resumed_outside = 0;
  recorded_handler handler{{ctx().get_executor(), record}, &result};
  ringport::async_compose<recorded_handler, void(int)>(
      [&, steps = 0](auto& self, auto&&...) mutable {
        static_assert(
            std::is_same_v<decltype(self.get_executor()), recorded_handler::executor_type>);
        if (steps > 0 && record.running.load() == 0) ++resumed_outside;
        if (++steps <= 3) {
          // Posted to the I/O context, but the handler names another executor: the
          // resumption is dispatched through that one.
          ringport::post(ctx(), std::move(self));
          return;
        }
        self.complete(steps);
      },
      handler, ctx());
  ctx().run();
  EXPECT_EQ(result, 4);
  EXPECT_EQ(resumed_outside, 0);
  EXPECT_GE(record.submitted.load(), 3);
}

TEST_F(AsyncComposeHandlerExecutor, DefaultsToTheFirstIoObjectsExecutor) {
  auto other = make_context();
  bool checked = false;
  auto handler = [](int) {};
  ringport::async_compose<decltype(handler), void(int)>(
      [&](auto& self) {
        checked = self.get_executor() == other->get_executor();
        self.complete(0);
      },
      handler, *other, ctx());
  EXPECT_TRUE(checked);
  EXPECT_EQ(ctx().run(), 0u);
  EXPECT_EQ(other->run(), 1u) << "the immediate completion belongs to the first I/O object";
}

}  // namespace async_compose_handler_executor_test
