// use_future on a void(error_code, T) operation: success yields a std::future<T> holding
// the value.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <type_traits>

namespace use_future_error_code_value_test {

using UseFutureErrorCodeValue = ringport::test::context_test;

// Completes with (ec, value) after one intermediate post.
template <typename Token>
auto async_answer(ringport::io_context& ctx, ringport::error_code ec, int value, Token&& token) {
  return ringport::async_compose<Token, void(ringport::error_code, int)>(
      [ec, value, posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(self.get_executor(), std::move(self));
          return;
        }
        self.complete(ec, value);
      },
      token, ctx);
}

TEST_F(UseFutureErrorCodeValue, SuccessDeliversTheValue) {
  std::future<int> f = async_answer(ctx(), ringport::error_code(), 42, ringport::use_future);
  static_assert(
      std::is_same_v<decltype(async_answer(ctx(), ringport::error_code(), 0, ringport::use_future)),
                     std::future<int>>);
  EXPECT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  ctx().run();
  EXPECT_EQ(f.get(), 42);
}

}  // namespace use_future_error_code_value_test
