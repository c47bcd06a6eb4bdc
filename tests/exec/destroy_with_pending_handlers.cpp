// Destroying an io_context destroys queued handlers without calling them.
#include "context_test.hpp"

#include "ringport/post.hpp"

#include <memory>

namespace destroy_with_pending_handlers_test {

using DestroyWithPendingHandlers = ringport::test::context_test;

TEST_F(DestroyWithPendingHandlers, HandlersDestroyedNotCalled) {
  auto token = std::make_shared<int>(0);
  bool called = false;
  for (int i = 0; i < 10; ++i)
    ringport::post(ctx(), [token, &called] { called = true; });
  EXPECT_EQ(token.use_count(), 11);
  ctx_.reset();
  EXPECT_FALSE(called);
  EXPECT_EQ(token.use_count(), 1);
}

TEST_F(DestroyWithPendingHandlers, HandlerPostingFromDestructorDoesNotCrash) {
  // A handler whose destructor posts again during shutdown: the new op must be destroyed too.
  struct reposter {
    ringport::io_context* ctx;
    std::shared_ptr<int> alive;
    ~reposter() {
      if (alive && alive.use_count() == 1) {
        // Only the last copy posts, once.
        ringport::post(*ctx, [keep = alive] {});
      }
    }
    reposter(ringport::io_context* c, std::shared_ptr<int> a) : ctx(c), alive(std::move(a)) {}
    reposter(reposter&& o) noexcept = default;
    void operator()() {}
  };
  auto alive = std::make_shared<int>(0);
  ringport::post(ctx(), reposter(&ctx(), alive));
  std::weak_ptr<int> weak = alive;
  alive.reset();
  ctx_.reset();
  EXPECT_TRUE(weak.expired());
}

}  // namespace destroy_with_pending_handlers_test
