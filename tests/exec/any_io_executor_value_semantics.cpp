// any_io_executor is a value: empty by default, copyable, movable, comparable, swappable; an
// empty one throws bad_executor when used.
#include "context_test.hpp"

#include "ringport/any_io_executor.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <typeinfo>
#include <utility>

namespace any_io_executor_value_semantics_test {

using AnyIoExecutorValueSemantics = ringport::test::context_test;
namespace execution = ringport::execution;
using io_ex = ringport::io_context::executor_type;

TEST_F(AnyIoExecutorValueSemantics, EmptyExecutor) {
  ringport::any_io_executor ex;
  EXPECT_FALSE(ex);
  EXPECT_TRUE(ex == nullptr);
  EXPECT_TRUE(ex == ringport::any_io_executor());
  EXPECT_TRUE(ex.target_type() == typeid(void));
  EXPECT_EQ(ex.target<io_ex>(), nullptr);
  EXPECT_THROW(execution::execute(ex, [] {}), execution::bad_executor);
  EXPECT_THROW(ringport::query(ex, execution::context), execution::bad_executor);
  EXPECT_THROW(ringport::require(ex, execution::blocking.never), execution::bad_executor);
}

TEST_F(AnyIoExecutorValueSemantics, CopyMoveAndCompare) {
  ringport::any_io_executor a = ctx().get_executor();
  EXPECT_TRUE(a);
  ringport::any_io_executor b = a;
  EXPECT_TRUE(a == b);
  ringport::any_io_executor c = std::move(b);
  EXPECT_TRUE(c == a);
  EXPECT_FALSE(b) << "moved-from any_io_executor is empty";
  b = c;
  EXPECT_TRUE(b == a);
  b = nullptr;
  EXPECT_FALSE(b);
  b = ctx().get_executor();
  EXPECT_TRUE(b == a);
}

TEST_F(AnyIoExecutorValueSemantics, DifferentTargetsCompareUnequal) {
  auto other = make_context();
  ringport::any_io_executor a = ctx().get_executor();
  ringport::any_io_executor b = other->get_executor();
  ringport::any_io_executor s = ringport::make_strand(ctx());
  ringport::any_io_executor never =
      ringport::require(ctx().get_executor(), execution::blocking.never);
  EXPECT_TRUE(a != b);
  EXPECT_TRUE(a != s);
  EXPECT_TRUE(a != never);
  EXPECT_TRUE(s == ringport::any_io_executor(*s.target<ringport::strand<io_ex>>()));
}

TEST_F(AnyIoExecutorValueSemantics, Swap) {
  ringport::any_io_executor a = ctx().get_executor();
  auto strand = ringport::make_strand(ctx());
  ringport::any_io_executor b = strand;
  swap(a, b);
  EXPECT_TRUE(a.target_type() == typeid(ringport::strand<io_ex>));
  EXPECT_TRUE(b.target_type() == typeid(io_ex));
  EXPECT_TRUE(*a.target<ringport::strand<io_ex>>() == strand);
  ringport::any_io_executor empty;
  a.swap(empty);
  EXPECT_FALSE(a);
  EXPECT_TRUE(empty);
}

// A user executor too large for the small buffer: it lives on the heap, and everything still
// works through the same interface.
struct big_executor {
  io_ex inner;
  int tag;
  char padding[64] = {};

  template <typename F>
  void execute(F&& f) const {
    execution::execute(inner, std::forward<F>(f));
  }
  ringport::io_context& query(execution::context_t) const noexcept {
    return ringport::query(inner, execution::context);
  }
  big_executor require(execution::blocking_t::never_t) const { return *this; }
  friend bool operator==(const big_executor& a, const big_executor& b) noexcept {
    return a.inner == b.inner && a.tag == b.tag;
  }
};

TEST_F(AnyIoExecutorValueSemantics, LargeExecutorOnTheHeap) {
  static_assert(sizeof(big_executor) > 4 * sizeof(void*));
  ringport::any_io_executor a = big_executor{ctx().get_executor(), 1};
  ringport::any_io_executor b = a;
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a != ringport::any_io_executor(big_executor{ctx().get_executor(), 2}));
  ringport::any_io_executor c = std::move(b);
  EXPECT_FALSE(b);
  ASSERT_NE(c.target<big_executor>(), nullptr);
  EXPECT_EQ(c.target<big_executor>()->tag, 1);
  swap(b, c);
  EXPECT_TRUE(b == a);
  EXPECT_EQ(&ringport::query(b, execution::context),
            static_cast<ringport::execution_context*>(&ctx()));
  bool ran = false;
  ringport::post(ringport::require(b, execution::blocking.never), [&] { ran = true; });
  ctx().run();
  EXPECT_TRUE(ran);
}

}  // namespace any_io_executor_value_semantics_test
