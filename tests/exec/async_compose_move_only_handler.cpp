// async_compose accepts a move-only final handler and a move-only implementation: `self`
// is moved from operation to operation, never copied.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"
#include "ringport/post.hpp"

#include <memory>

namespace async_compose_move_only_handler_test {

using AsyncComposeMoveOnlyHandler = ringport::test::context_test;

struct move_only_impl {
  std::unique_ptr<int> state = std::make_unique<int>(0);

  template <typename Self>
  void operator()(Self& self) {
    static_assert(!std::is_copy_constructible_v<Self>);
    static_assert(std::is_move_constructible_v<Self>);
    if (++*state < 3) {
      ringport::post(self.get_executor(), std::move(self));
      return;
    }
    self.complete(std::move(state));
  }
};

struct move_only_handler {
  std::unique_ptr<int>* out;
  std::unique_ptr<int> owned = std::make_unique<int>(99);

  move_only_handler(std::unique_ptr<int>* o) : out(o) {}
  move_only_handler(move_only_handler&&) = default;
  move_only_handler(const move_only_handler&) = delete;

  void operator()(std::unique_ptr<int> result) {
    EXPECT_EQ(*owned, 99);
    *out = std::move(result);
  }
};

TEST_F(AsyncComposeMoveOnlyHandler, HandlerAndImplementationAreMovedThrough) {
  std::unique_ptr<int> result;
  move_only_handler handler(&result);
  ringport::async_compose<move_only_handler, void(std::unique_ptr<int>)>(move_only_impl{}, handler,
                                                                         ctx());
  ctx().run();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 3);
}

TEST_F(AsyncComposeMoveOnlyHandler, ImmediateCompletionMovesTheValueToo) {
  std::unique_ptr<int> result;
  move_only_handler handler(&result);
  auto impl = [](auto& self) { self.complete(std::make_unique<int>(5)); };
  ringport::async_compose<move_only_handler, void(std::unique_ptr<int>)>(impl, handler, ctx());
  EXPECT_FALSE(result);
  ctx().run();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 5);
}

}  // namespace async_compose_move_only_handler_test
