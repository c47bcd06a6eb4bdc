// use_future on a void(error_code, T) operation: a failure makes future::get() throw a
// system_error carrying the operation's error_code.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>

namespace use_future_error_code_throws_test {

using UseFutureErrorCodeThrows = ringport::test::context_test;

template <typename Token>
auto async_fail(ringport::io_context& ctx, ringport::error_code ec, Token&& token) {
  return ringport::async_compose<Token, void(ringport::error_code, int)>(
      [ec, posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(self.get_executor(), std::move(self));
          return;
        }
        self.complete(ec, 7);
      },
      token, ctx);
}

TEST_F(UseFutureErrorCodeThrows, GetThrowsSystemErrorWithTheCode) {
  const ringport::error_code expected = ringport::error::operation_aborted;
  std::future<int> f = async_fail(ctx(), expected, ringport::use_future);
  ctx().run();
  try {
    f.get();
    FAIL() << "future::get() should have thrown";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), expected);
  }
}

TEST_F(UseFutureErrorCodeThrows, ErrorOnlySignatureThrowsToo) {
  const ringport::error_code expected = ringport::error::connection_refused;
  auto op = [&](auto&& token) {
    return ringport::async_compose<decltype(token), void(ringport::error_code)>(
        [expected, posted = false](auto& self) mutable {
          if (!posted) {
            posted = true;
            ringport::post(self.get_executor(), std::move(self));
            return;
          }
          self.complete(expected);
        },
        token, ctx());
  };
  std::future<void> failed = op(ringport::use_future);
  ctx().run();
  try {
    failed.get();
    FAIL() << "future::get() should have thrown";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), expected);
  }
}

}  // namespace use_future_error_code_throws_test
