// use_future on void(exception_ptr) and void(exception_ptr, T) operations: a null pointer
// means success, a set one is rethrown by future::get().
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <exception>
#include <future>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace use_future_exception_ptr_test {

using UseFutureExceptionPtr = ringport::test::context_test;

// Completes with `args...` after one intermediate post.
template <typename Signature, typename Token, typename... Args>
auto async_deliver_exception(ringport::io_context& ctx, Token&& token, Args... args) {
  return ringport::async_compose<Token, Signature>(
      [args..., posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(self.get_executor(), std::move(self));
          return;
        }
        self.complete(args...);
      },
      token, ctx);
}

TEST_F(UseFutureExceptionPtr, NullPointerIsSuccess) {
  std::future<void> f = async_deliver_exception<void(std::exception_ptr)>(
      ctx(), ringport::use_future, std::exception_ptr());
  ctx().run();
  EXPECT_NO_THROW(f.get());
}

TEST_F(UseFutureExceptionPtr, SetPointerIsRethrown) {
  auto error = std::make_exception_ptr(std::runtime_error("boom"));
  std::future<void> f =
      async_deliver_exception<void(std::exception_ptr)>(ctx(), ringport::use_future, error);
  ctx().run();
  EXPECT_THROW(
      {
        try {
          f.get();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "boom");
          throw;
        }
      },
      std::runtime_error);
}

TEST_F(UseFutureExceptionPtr, ValueFollowsTheErrorChannel) {
  auto ok = async_deliver_exception<void(std::exception_ptr, std::string)>(
      ctx(), ringport::use_future, std::exception_ptr(), std::string("value"));
  static_assert(std::is_same_v<decltype(ok), std::future<std::string>>);
  auto bad = async_deliver_exception<void(std::exception_ptr, std::string)>(
      ctx(), ringport::use_future, std::make_exception_ptr(std::logic_error("bad")),
      std::string("ignored"));
  ctx().run();
  EXPECT_EQ(ok.get(), "value");
  EXPECT_THROW(bad.get(), std::logic_error);
}

}  // namespace use_future_exception_ptr_test
