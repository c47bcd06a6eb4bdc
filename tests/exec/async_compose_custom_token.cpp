// A user-defined completion token that specializes async_result works with async_compose
// and post(): both with the initiate() protocol (its return value becomes the initiating
// function's) and with the older completion_handler_type/get() protocol.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/post.hpp"

#include <type_traits>
#include <vector>

namespace async_compose_custom_token_test {

// initiate() protocol: the initiating function returns a ticket number; the completion
// arguments are appended to a log.
struct ticket_token {
  int ticket;
  std::vector<int>* log;
};

// Older protocol: async_result is built from the handler and get() yields the result.
struct legacy_token {
  std::vector<int>* log;
};

struct legacy_handler {
  explicit legacy_handler(legacy_token t) : log(t.log) {}
  std::vector<int>* log;
  template <typename... Args>
  void operator()(Args... args) {
    (log->push_back(args), ...);
    log->push_back(-1);  // marks "a completion happened" for void() too
  }
};

}  // namespace async_compose_custom_token_test

template <typename R, typename... Args>
class ringport::async_result<async_compose_custom_token_test::ticket_token, R(Args...)> {
 public:
  using return_type = int;

  template <typename Initiation, typename RawToken, typename... InitArgs>
  static return_type initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    std::vector<int>* log = token.log;
    std::forward<Initiation>(initiation)(
        [log](Args... results) {
          (log->push_back(results), ...);
          log->push_back(-1);
        },
        std::forward<InitArgs>(args)...);
    return token.ticket;
  }
};

template <typename R, typename... Args>
class ringport::async_result<async_compose_custom_token_test::legacy_token, R(Args...)> {
 public:
  using completion_handler_type = async_compose_custom_token_test::legacy_handler;
  using return_type = std::size_t;

  explicit async_result(completion_handler_type& handler) : log_(handler.log) {}
  // The log's size when the operation was started (nothing ran inside the initiation).
  return_type get() { return log_->size(); }

 private:
  std::vector<int>* log_;
};

namespace async_compose_custom_token_test {

using AsyncComposeCustomToken = ringport::test::context_test;

template <typename Token>
decltype(auto) async_two_steps(ringport::io_context& ctx, Token&& token) {
  return ringport::async_compose<Token, void(int)>(
      [posted = false](auto& self) mutable {
        if (!posted) {
          posted = true;
          ringport::post(self.get_executor(), std::move(self));
          return;
        }
        self.complete(21);
      },
      token, ctx);
}

TEST_F(AsyncComposeCustomToken, InitiateReturnValueComesBackFromAsyncCompose) {
  std::vector<int> log;
  auto ticket = async_two_steps(ctx(), ticket_token{7, &log});
  static_assert(std::is_same_v<decltype(ticket), int>);
  EXPECT_EQ(ticket, 7);
  EXPECT_TRUE(log.empty());
  ctx().run();
  EXPECT_EQ(log, (std::vector<int>{21, -1}));
}

TEST_F(AsyncComposeCustomToken, InitiateReturnValueComesBackFromPost) {
  std::vector<int> log;
  int ticket = ringport::post(ctx(), ticket_token{3, &log});
  EXPECT_EQ(ticket, 3);
  ctx().run();
  EXPECT_EQ(log, (std::vector<int>{-1}));
}

TEST_F(AsyncComposeCustomToken, LegacyProtocolWorksWithAsyncComposeAndPost) {
  std::vector<int> log;
  std::size_t before = async_two_steps(ctx(), legacy_token{&log});
  EXPECT_EQ(before, 0u);
  std::size_t also_before = ringport::post(ctx(), legacy_token{&log});
  EXPECT_EQ(also_before, 0u);
  ctx().run();
  // The composed op's step was queued first, and its resumption completes it.
  EXPECT_EQ(log, (std::vector<int>{21, -1, -1}));
}

TEST_F(AsyncComposeCustomToken, AsyncCompletionBuildsHandlerAndResult) {
  std::vector<int> log;
  legacy_token token{&log};
  ringport::async_completion<legacy_token, void(int)> completion(token);
  static_assert(std::is_same_v<decltype(completion.completion_handler), legacy_handler>);
  completion.completion_handler(4);
  EXPECT_EQ(completion.result.get(), 2u);
}

}  // namespace async_compose_custom_token_test
