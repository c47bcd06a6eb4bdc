// use_future maps every completion signature shape onto one future value: void(T) gives T,
// several values give a std::tuple, and a leading error_code is the error channel.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>

namespace use_future_several_values_test {

using UseFutureSeveralValues = ringport::test::context_test;

template <typename Signature, typename Token, typename... Args>
auto async_deliver_values(ringport::io_context& ctx, Token&& token, Args... args) {
  return ringport::async_compose<Token, Signature>(
      [args..., posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(self.get_executor(), std::move(self));
          return;
        }
        self.complete(std::move(args)...);
      },
      token, ctx);
}

TEST_F(UseFutureSeveralValues, SingleValue) {
  std::future<std::string> f =
      async_deliver_values<void(std::string)>(ctx(), ringport::use_future, std::string("one"));
  ctx().run();
  EXPECT_EQ(f.get(), "one");
}

TEST_F(UseFutureSeveralValues, ErrorCodeThenTwoValuesIsATuple) {
  auto f = async_deliver_values<void(ringport::error_code, int, std::string)>(
      ctx(), ringport::use_future, ringport::error_code(), 3, std::string("three"));
  static_assert(std::is_same_v<decltype(f), std::future<std::tuple<int, std::string>>>);
  ctx().run();
  EXPECT_EQ(f.get(), std::make_tuple(3, std::string("three")));
}

TEST_F(UseFutureSeveralValues, PlainValuesAreATuple) {
  auto f = async_deliver_values<void(int, double)>(ctx(), ringport::use_future, 1, 2.5);
  static_assert(std::is_same_v<decltype(f), std::future<std::tuple<int, double>>>);
  ctx().run();
  EXPECT_EQ(f.get(), std::make_tuple(1, 2.5));
}

TEST_F(UseFutureSeveralValues, ReferenceArgumentsAreDecayed) {
  auto f = async_deliver_values<void(const ringport::error_code&, const std::string&)>(
      ctx(), ringport::use_future, ringport::error_code(), std::string("ref"));
  static_assert(std::is_same_v<decltype(f), std::future<std::string>>);
  ctx().run();
  EXPECT_EQ(f.get(), "ref");
}

}  // namespace use_future_several_values_test
