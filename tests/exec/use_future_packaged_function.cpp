// use_future(f): the future holds what f returns when called with the completion
// arguments; an exception thrown by f is stored instead.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <stdexcept>
#include <type_traits>

namespace use_future_packaged_function_test {

using UseFuturePackagedFunction = ringport::test::context_test;

TEST_F(UseFuturePackagedFunction, PostReturnsTheFunctionsResult) {
  std::future<int> f = ringport::post(ctx(), ringport::use_future([] { return 42; }));
  ctx().run();
  EXPECT_EQ(f.get(), 42);
}

TEST_F(UseFuturePackagedFunction, FunctionSeesTheCompletionArguments) {
  auto op = [&](auto&& token) {
    return ringport::async_compose<decltype(token), void(ringport::error_code, int)>(
        [posted = false](auto& self) mutable {
          if (!posted) {
            posted = true;
            ringport::post(self.get_executor(), std::move(self));
            return;
          }
          self.complete(ringport::error::operation_aborted, 5);
        },
        token, ctx());
  };
  std::future<bool> f = op(ringport::use_future([](ringport::error_code ec, int n) {
    return ec == ringport::error::operation_aborted && n == 5;
  }));
  ctx().run();
  EXPECT_TRUE(f.get());
}

TEST_F(UseFuturePackagedFunction, ThrownExceptionLandsInTheFuture) {
  std::future<void> f = ringport::post(
      ctx(), ringport::use_future([] { throw std::runtime_error("from the function"); }));
  EXPECT_NO_THROW(ctx().run()) << "the exception must not escape run()";
  EXPECT_THROW(f.get(), std::runtime_error);
}

}  // namespace use_future_packaged_function_test
