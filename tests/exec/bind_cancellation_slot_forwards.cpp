// bind_cancellation_slot gives a handler a cancellation slot and forwards everything else:
// the target's associated executor and allocator, its call, and its async_result.
#include "context_test.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"

#include <memory>
#include <type_traits>

namespace bind_cancellation_slot_forwards_test {

using BindCancellationSlot = ringport::test::context_test;

struct handler_with_associations {
  using executor_type = ringport::io_context::executor_type;
  using allocator_type = std::allocator<int>;
  ringport::io_context* ctx;
  int* calls;
  executor_type get_executor() const noexcept { return ctx->get_executor(); }
  allocator_type get_allocator() const noexcept { return {}; }
  void operator()(int v) { *calls += v; }
};

// A token whose async_result turns "initiate" into a returned value, to check the binder
// forwards to it.
struct returns_42_t {};

}  // namespace bind_cancellation_slot_forwards_test

template <typename... Signatures>
class ringport::async_result<bind_cancellation_slot_forwards_test::returns_42_t, Signatures...> {
 public:
  using return_type = int;
  template <typename Initiation, typename RawToken, typename... Args>
  static int initiate(Initiation&& initiation, RawToken&&, Args&&... args) {
    std::forward<Initiation>(initiation)([](auto&&...) {}, std::forward<Args>(args)...);
    return 42;
  }
};

namespace bind_cancellation_slot_forwards_test {

TEST_F(BindCancellationSlot, ForwardsAssociationsAndCall) {
  ringport::cancellation_signal sig;
  int calls = 0;
  auto bound =
      ringport::bind_cancellation_slot(sig.slot(), handler_with_associations{&ctx(), &calls});
  using bound_t = decltype(bound);
  static_assert(std::is_same_v<ringport::associated_cancellation_slot_t<bound_t>,
                               ringport::cancellation_slot>);
  static_assert(std::is_same_v<ringport::associated_executor_t<bound_t>,
                               ringport::io_context::executor_type>);
  static_assert(std::is_same_v<ringport::associated_allocator_t<bound_t>, std::allocator<int>>);
  EXPECT_EQ(ringport::get_associated_cancellation_slot(bound), sig.slot());
  auto fallback = make_context();
  EXPECT_EQ(ringport::get_associated_executor(bound, fallback->get_executor()),
            ctx().get_executor());
  bound(5);
  std::move(bound)(2);
  EXPECT_EQ(calls, 7);
}

TEST_F(BindCancellationSlot, PlainHandlerHasNoSlot) {
  auto plain = [](int) {};
  EXPECT_FALSE(ringport::get_associated_cancellation_slot(plain).is_connected());
}

TEST_F(BindCancellationSlot, ForwardsAsyncResultOfTargetToken) {
  ringport::cancellation_signal sig;
  ringport::cancellation_slot seen;
  auto initiation = [&](auto&& handler) {
    seen = ringport::get_associated_cancellation_slot(handler);
  };
  auto token = ringport::bind_cancellation_slot(sig.slot(), returns_42_t{});
  int r = ringport::async_initiate<decltype(token), void()>(initiation, token);
  EXPECT_EQ(r, 42);
  EXPECT_EQ(seen, sig.slot()) << "the handler the target token made must carry the slot";
}

}  // namespace bind_cancellation_slot_forwards_test
