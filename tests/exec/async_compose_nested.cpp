// A composed operation may be the handler of another: the outer `self` is moved into the
// inner operation, the inner one's completions resume the outer one, and a cancellation
// emitted on the outer handler's slot reaches the inner operation through the outer state.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"

namespace async_compose_nested_test {

using AsyncComposeNested = ringport::test::context_test;

// Posts once, then yields 1, or operation_aborted if cancelled meanwhile.
template <typename Token>
void async_inner(ringport::io_context& ctx, Token&& token) {
  ringport::async_compose<Token, void(ringport::error_code, int)>(
      [&ctx, posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(ctx, std::move(self));
          return;
        }
        if (self.cancelled() != ringport::cancellation_type::none)
          self.complete(ringport::error::operation_aborted, 0);
        else
          self.complete(ringport::error_code(), 1);
      },
      token, ctx);
}

// Runs async_inner `count` times in sequence and completes with the sum.
template <typename Token>
void async_outer(ringport::io_context& ctx, int count, Token&& token) {
  ringport::async_compose<Token, void(ringport::error_code, int)>(
      [&ctx, count, started = 0, total = 0](auto& self, ringport::error_code ec = {},
                                            int n = 0) mutable {
        if (ec) {
          self.complete(ec, total);
          return;
        }
        total += n;
        if (started++ < count) {
          async_inner(ctx, std::move(self));
          return;
        }
        self.complete(ringport::error_code(), total);
      },
      token, ctx);
}

TEST_F(AsyncComposeNested, InnerCompletionsResumeTheOuterOp) {
  ringport::error_code result_ec = ringport::error::operation_aborted;
  int result = 0;
  async_outer(ctx(), 3, [&](ringport::error_code ec, int n) {
    result_ec = ec;
    result = n;
  });
  ctx().run();
  EXPECT_FALSE(result_ec);
  EXPECT_EQ(result, 3);
}

TEST_F(AsyncComposeNested, CancellationReachesTheInnerOp) {
  ringport::cancellation_signal signal;
  ringport::error_code result_ec;
  int result = -1;
  async_outer(ctx(), 3,
              ringport::bind_cancellation_slot(signal.slot(), [&](ringport::error_code ec, int n) {
                result_ec = ec;
                result = n;
              }));
  signal.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(result_ec, ringport::error::operation_aborted);
  EXPECT_EQ(result, 0);
}

}  // namespace async_compose_nested_test
