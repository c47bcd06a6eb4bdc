// async_compose: the implementation is called once to start, then once per intermediate
// completion, and complete() delivers the result to the final handler exactly once.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/error.hpp"
#include "ringport/post.hpp"

#include <vector>

namespace async_compose_posts_steps_test {

using AsyncComposePostsSteps = ringport::test::context_test;

// Posts itself `steps` times, recording each resumption, then completes with the count.
struct counting_steps {
  int steps;
  std::vector<int>* calls;
  int done = 0;

  template <typename Self>
  void operator()(Self& self) {
    calls->push_back(done);
    if (done == steps) {
      self.complete(ringport::error_code(), done);
      return;
    }
    ++done;
    ringport::post(self.get_executor(), std::move(self));
  }
};

template <typename Token>
auto async_steps(ringport::io_context& ctx, int steps, std::vector<int>& calls, Token&& token) {
  return ringport::async_compose<Token, void(ringport::error_code, int)>(
      counting_steps{steps, &calls}, token, ctx);
}

TEST_F(AsyncComposePostsSteps, RunsEveryStepThenCompletesOnce) {
  constexpr int steps = 10;
  std::vector<int> calls;
  int completions = 0;
  int result = -1;
  async_steps(ctx(), steps, calls, [&](ringport::error_code ec, int n) {
    EXPECT_FALSE(ec);
    ++completions;
    result = n;
  });
  ASSERT_EQ(calls.size(), 1u) << "only the first call happens inside async_compose";
  EXPECT_EQ(completions, 0);
  // `steps` intermediate posts; the last resumption calls the handler directly.
  EXPECT_EQ(ctx().run(), static_cast<std::size_t>(steps));
  EXPECT_EQ(completions, 1);
  EXPECT_EQ(result, steps);
  ASSERT_EQ(calls.size(), static_cast<std::size_t>(steps + 1));
  for (int i = 0; i <= steps; ++i)
    EXPECT_EQ(calls[i], i);
}

TEST_F(AsyncComposePostsSteps, ExecutorArgumentWorksLikeAnIoObject) {
  std::vector<int> calls;
  int result = -1;
  auto handler = [&](ringport::error_code, int n) { result = n; };
  ringport::async_compose<decltype(handler), void(ringport::error_code, int)>(
      counting_steps{3, &calls}, handler, ctx().get_executor());
  ctx().run();
  EXPECT_EQ(result, 3);
}

}  // namespace async_compose_posts_steps_test
