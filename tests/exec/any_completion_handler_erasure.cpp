// any_completion_handler erases a handler but not what is associated with it: operations
// started with the wrapper allocate with the handler's allocator (the handler's own block
// is freed before it is called), run it through its executor, and reach it through its
// cancellation slot. Also: the empty state, move-only handlers, one call only, destruction
// of an unused handler, several signatures, the compile-time signature check, and a
// non-template operation wrapped with async_initiate for the usual tokens.
#include "context_test.hpp"
#include "counting_allocator.hpp"
#include "recording_executor.hpp"

#include "ringport/any_completion_handler.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <new>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace any_completion_handler_erasure_test {

using AnyCompletionHandlerErasure = ringport::test::context_test;
using ringport::any_completion_handler;
using ringport::cancellation_type;
using ringport::error_code;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;
using io_executor = ringport::io_context::executor_type;
using read_handler = any_completion_handler<void(error_code, std::size_t)>;

// --- the signature set, checked at compile time -------------------------------------------

struct takes_string {
  void operator()(std::string) {}
};
struct takes_result {
  void operator()(error_code, std::size_t) {}
};

static_assert(std::is_constructible_v<read_handler, takes_result>);
static_assert(!std::is_constructible_v<read_handler, takes_string>);
static_assert(!std::is_convertible_v<takes_string, read_handler>);
static_assert(
    !std::is_constructible_v<any_completion_handler<void(int), void(std::string)>, takes_string>,
    "every signature must be callable");
static_assert(std::is_invocable_v<read_handler&, error_code, std::size_t>);
static_assert(!std::is_invocable_v<read_handler&, std::string>);
static_assert(!std::is_copy_constructible_v<read_handler>);
static_assert(std::is_nothrow_move_constructible_v<read_handler>);
static_assert(std::is_same_v<
              ringport::associated_allocator_t<read_handler>,
              ringport::any_completion_handler_allocator<void, void(error_code, std::size_t)>>);
static_assert(std::is_same_v<ringport::associated_executor_t<read_handler, io_executor>,
                             ringport::any_completion_executor>);
static_assert(std::is_same_v<ringport::associated_cancellation_slot_t<read_handler>,
                             ringport::cancellation_slot>);

// --- helpers -----------------------------------------------------------------------------

// Counts the live copies of a handler and its calls.
struct lifetime {
  int live = 0;
  int calls = 0;
};

class tracked_handler {
 public:
  explicit tracked_handler(lifetime& l) : l_(&l) { ++l_->live; }
  tracked_handler(const tracked_handler& o) : l_(o.l_) { ++l_->live; }
  tracked_handler(tracked_handler&& o) noexcept : l_(o.l_) { ++l_->live; }
  tracked_handler& operator=(const tracked_handler&) = delete;
  ~tracked_handler() { --l_->live; }

  template <typename... Args>
  void operator()(Args&&...) {
    ++l_->calls;
  }

 private:
  lifetime* l_;
};

// Takes an int or a string; records which.
struct either {
  int* ints;
  std::string* text;
  void operator()(int v) && { *ints = v; }
  void operator()(std::string s) && { *text = std::move(s); }
};

// A slot type of its own (not cancellation_slot) in front of a signal's slot.
class relay_slot {
 public:
  explicit relay_slot(ringport::cancellation_slot inner) : inner_(inner) {}

  template <typename CancellationHandler, typename... Args>
  CancellationHandler& emplace(Args&&... args) {
    return inner_.emplace<CancellationHandler>(std::forward<Args>(args)...);
  }
  void clear() { inner_.clear(); }
  bool is_connected() const noexcept { return inner_.is_connected(); }
  bool has_handler() const noexcept { return inner_.has_handler(); }

 private:
  ringport::cancellation_slot inner_;
};

struct alignas(64) wide {
  unsigned char bytes[64];
};

// A non-template asynchronous operation: completes with (no error, 2 * x), on the
// handler's associated executor (the context's when it has none).
void start_double(ringport::io_context& ctx, int x, read_handler h) {
  auto ex = ringport::get_associated_executor(h, ctx.get_executor());
  ringport::post(ctx, ringport::bind_executor(ex, [h = std::move(h), x]() mutable {
                   std::move(h)(error_code(), static_cast<std::size_t>(2 * x));
                 }));
}

template <typename Token>
decltype(auto) async_double(ringport::io_context& ctx, int x, Token&& token) {
  return ringport::async_initiate<Token, void(error_code, std::size_t)>(
      [](auto&& handler, ringport::io_context* c, int v) {
        start_double(*c, v, std::forward<decltype(handler)>(handler));
      },
      token, &ctx, x);
}

// --- tests -------------------------------------------------------------------------------

TEST_F(AnyCompletionHandlerErasure, EmptyWrapper) {
  read_handler a;
  read_handler b(nullptr);
  EXPECT_FALSE(a);
  EXPECT_TRUE(!a);
  EXPECT_TRUE(a == nullptr);
  EXPECT_TRUE(nullptr == b);
  EXPECT_FALSE(b != nullptr);
  EXPECT_THROW(a(error_code(), 0), std::bad_function_call);
  EXPECT_FALSE(a.get_cancellation_slot().is_connected());
  // No handler, so no executor of its own: the candidate stands.
  ringport::any_completion_executor ex = ringport::get_associated_executor(a, ctx().get_executor());
  ASSERT_NE(ex.target<io_executor>(), nullptr);
  EXPECT_TRUE(*ex.target<io_executor>() == ctx().get_executor());
  // Nothing to allocate with.
  ringport::any_completion_handler_allocator<int, void(error_code, std::size_t)> alloc(
      a.get_allocator());
  EXPECT_THROW((void)alloc.allocate(1), std::bad_alloc);

  // Filled, then emptied again by assigning nullptr: the handler goes, uncalled.
  lifetime l;
  b = tracked_handler(l);
  EXPECT_TRUE(b);
  EXPECT_TRUE(b != nullptr);
  EXPECT_EQ(l.live, 1);
  b = nullptr;
  EXPECT_FALSE(b);
  EXPECT_EQ(l.live, 0);
  EXPECT_EQ(l.calls, 0);
}

TEST_F(AnyCompletionHandlerErasure, CallsTheHandlerOnceWithTheArgumentsThenIsEmpty) {
  int calls = 0;
  error_code got_ec;
  std::size_t got_n = 0;
  read_handler h([&](error_code ec, std::size_t n) {
    ++calls;
    got_ec = ec;
    got_n = n;
  });
  ASSERT_TRUE(h);
  h(make_error_code(ringport::error::eof), 42);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(got_ec == ringport::error::eof);
  EXPECT_EQ(got_n, 42u);
  EXPECT_TRUE(h == nullptr);
  EXPECT_THROW(h(error_code(), 1), std::bad_function_call);
  EXPECT_EQ(calls, 1);
}

TEST_F(AnyCompletionHandlerErasure, MoveOnlyHandlerMovesAndSwaps) {
  int got = 0;
  auto p = std::make_unique<int>(7);
  read_handler a(
      [p = std::move(p), &got](error_code, std::size_t n) { got = *p + static_cast<int>(n); });
  read_handler b(std::move(a));
  EXPECT_FALSE(a);
  EXPECT_TRUE(b);
  read_handler c;
  c = std::move(b);
  EXPECT_FALSE(b);
  EXPECT_TRUE(c);
  swap(a, c);
  EXPECT_TRUE(a);
  EXPECT_FALSE(c);
  std::move(a)(error_code(), 3);
  EXPECT_EQ(got, 10);

  // Move-assigning over a live wrapper destroys its handler, uncalled.
  lifetime l;
  read_handler d{tracked_handler(l)};
  d = read_handler([](error_code, std::size_t) {});
  EXPECT_EQ(l.live, 0);
  EXPECT_EQ(l.calls, 0);
}

TEST_F(AnyCompletionHandlerErasure, DestroyingAnUnusedWrapperDestroysTheHandler) {
  lifetime l;
  allocation_counts counts;
  {
    read_handler h(ringport::bind_allocator(counting_allocator<void>(counts), tracked_handler(l)));
    EXPECT_EQ(l.live, 1);
    EXPECT_EQ(counts.allocations, 1) << "the handler's block, from its own allocator";
  }
  EXPECT_EQ(l.live, 0);
  EXPECT_EQ(l.calls, 0);
  EXPECT_EQ(counts.deallocations, 1);
}

TEST_F(AnyCompletionHandlerErasure, TheBlockIsFreedBeforeTheHandlerRuns) {
  allocation_counts counts;
  long allocated_at_call = -1;
  long freed_at_call = -1;
  read_handler h(
      ringport::bind_allocator(counting_allocator<void>(counts), [&](error_code, std::size_t) {
        allocated_at_call = counts.allocations;
        freed_at_call = counts.deallocations;
      }));
  EXPECT_EQ(counts.allocations, 1);
  h(error_code(), 0);
  EXPECT_EQ(allocated_at_call, 1);
  EXPECT_EQ(freed_at_call, 1);
}

TEST_F(AnyCompletionHandlerErasure, OperationsAllocateWithTheHandlersAllocator) {
  allocation_counts counts;
  long outstanding_at_call = -1;
  any_completion_handler<void()> h(ringport::bind_allocator(counting_allocator<void>(counts), [&] {
    outstanding_at_call = counts.allocations - counts.deallocations;
  }));
  ringport::post(ctx(), std::move(h));
  // The handler's block and the queued operation both come from the counting allocator.
  EXPECT_EQ(counts.allocations, 2);
  ctx().run();
  EXPECT_EQ(outstanding_at_call, 0) << "everything goes back before the handler runs";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_F(AnyCompletionHandlerErasure, PendingOperationDestroyedWithTheContext) {
  allocation_counts counts;
  lifetime l;
  {
    auto other = make_context();
    ringport::post(*other, any_completion_handler<void()>(ringport::bind_allocator(
                               counting_allocator<void>(counts), tracked_handler(l))));
    EXPECT_EQ(l.live, 1);
  }
  EXPECT_EQ(l.live, 0);
  EXPECT_EQ(l.calls, 0);
  EXPECT_EQ(counts.allocations, 2);
  EXPECT_EQ(counts.deallocations, 2);
}

TEST_F(AnyCompletionHandlerErasure, AllocatorForwardsToTheHandlersAllocator) {
  allocation_counts counts;
  read_handler h(
      ringport::bind_allocator(counting_allocator<void>(counts), [](error_code, std::size_t) {}));
  read_handler other([](error_code, std::size_t) {});
  auto proto = ringport::get_associated_allocator(h);
  EXPECT_TRUE(proto == h.get_allocator());
  EXPECT_FALSE(proto == other.get_allocator());

  using int_alloc = std::allocator_traits<decltype(proto)>::rebind_alloc<int>;
  static_assert(std::is_same_v<int_alloc, ringport::any_completion_handler_allocator<
                                              int, void(error_code, std::size_t)>>);
  int_alloc ints(proto);
  int* p = ints.allocate(3);
  EXPECT_EQ(counts.allocations, 2);
  p[0] = p[1] = p[2] = 5;
  ints.deallocate(p, 3);
  EXPECT_EQ(counts.deallocations, 1);

  // A stricter alignment than the allocator's units is still met.
  std::allocator_traits<decltype(proto)>::rebind_alloc<wide> wides(proto);
  wide* w = wides.allocate(2);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(w) % alignof(wide), 0u);
  w[1].bytes[63] = 1;
  wides.deallocate(w, 2);
  EXPECT_EQ(counts.allocations, 3);
  EXPECT_EQ(counts.deallocations, 2);

  // Without an allocator of its own the handler's memory comes from the recycling cache,
  // and alignment is met there as well.
  std::allocator_traits<decltype(proto)>::rebind_alloc<wide> recycled(other.get_allocator());
  wide* r = recycled.allocate(1);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r) % alignof(wide), 0u);
  recycled.deallocate(r, 1);
  EXPECT_EQ(counts.allocations, 3);
}

TEST_F(AnyCompletionHandlerErasure, MemoryStillOutKeepsTheBlockUntilReturned) {
  // An operation destroyed with its handler inside returns its memory through a copy of
  // the allocator after the wrapper is gone.
  allocation_counts counts;
  lifetime l;
  auto h = std::make_unique<read_handler>(
      ringport::bind_allocator(counting_allocator<void>(counts), tracked_handler(l)));
  std::allocator_traits<read_handler::allocator_type>::rebind_alloc<double> alloc(
      h->get_allocator());
  double* p = alloc.allocate(4);
  EXPECT_EQ(counts.allocations, 2);
  h.reset();
  EXPECT_EQ(l.live, 0) << "the handler goes with the wrapper";
  EXPECT_EQ(counts.deallocations, 0) << "its block stays while memory is out";
  alloc.deallocate(p, 4);
  EXPECT_EQ(counts.deallocations, 2);
}

TEST_F(AnyCompletionHandlerErasure, ExecutorIsForwarded) {
  ringport::test::execution_record record;
  ringport::test::recording_executor<io_executor> recording(ctx().get_executor(), record);
  bool ran_inside = false;
  any_completion_handler<void()> h(
      ringport::bind_executor(recording, [&] { ran_inside = record.running == 1; }));
  ringport::any_completion_executor ex = ringport::get_associated_executor(h);
  ASSERT_NE(ex.target<decltype(recording)>(), nullptr);
  EXPECT_TRUE(*ex.target<decltype(recording)>() == recording);
  ringport::post(ctx(), std::move(h));
  ctx().run();
  EXPECT_TRUE(ran_inside);
  EXPECT_GE(record.submitted, 1);

  // The same through a strand: the handler runs inside it.
  auto strand = ringport::make_strand(ctx());
  bool in_strand = false;
  any_completion_handler<void()> s(
      ringport::bind_executor(strand, [&] { in_strand = strand.running_in_this_thread(); }));
  EXPECT_NE(ringport::get_associated_executor(s).target<decltype(strand)>(), nullptr);
  ringport::post(ctx(), std::move(s));
  ctx().restart();
  ctx().run();
  EXPECT_TRUE(in_strand);
}

TEST_F(AnyCompletionHandlerErasure, HandlerWithoutExecutorGetsTheCandidate) {
  any_completion_handler<void()> h([] {});
  auto io = ringport::get_associated_executor(h, ctx().get_executor());
  ASSERT_NE(io.target<io_executor>(), nullptr);
  EXPECT_TRUE(*io.target<io_executor>() == ctx().get_executor());
  auto sys = ringport::get_associated_executor(h);
  EXPECT_NE(sys.target<ringport::system_executor>(), nullptr);
  // An any_io_executor candidate answers for its own target.
  ringport::any_io_executor any_io(ctx().get_executor());
  auto wrapped = ringport::get_associated_executor(h, any_io);
  EXPECT_TRUE(wrapped.target_type() == typeid(ringport::any_io_executor));
  ASSERT_NE(wrapped.target<io_executor>(), nullptr);
  EXPECT_TRUE(*wrapped.target<io_executor>() == ctx().get_executor());
}

TEST_F(AnyCompletionHandlerErasure, CancellationSlotReachesTheInnerHandlersSignal) {
  ringport::cancellation_signal signal;
  read_handler h(ringport::bind_cancellation_slot(signal.slot(), [](error_code, std::size_t) {}));
  EXPECT_TRUE(h.get_cancellation_slot() == signal.slot());
  EXPECT_TRUE(ringport::get_associated_cancellation_slot(h) == signal.slot());
  // What an operation started with `h` does: install its cancellation handler in the slot.
  cancellation_type seen = cancellation_type::none;
  ringport::get_associated_cancellation_slot(h).assign([&](cancellation_type t) { seen = t; });
  signal.emit(cancellation_type::partial);
  EXPECT_EQ(seen, cancellation_type::partial);
  h.get_cancellation_slot().clear();
}

TEST_F(AnyCompletionHandlerErasure, OtherSlotTypesAreBridged) {
  ringport::cancellation_signal signal;
  read_handler h(
      ringport::bind_cancellation_slot(relay_slot(signal.slot()), [](error_code, std::size_t) {}));
  ringport::cancellation_slot slot = h.get_cancellation_slot();
  ASSERT_TRUE(slot.is_connected());
  EXPECT_FALSE(slot == signal.slot()) << "a slot of the bridge's own signal";
  cancellation_type seen = cancellation_type::none;
  slot.assign([&](cancellation_type t) { seen = t; });
  signal.emit(cancellation_type::total);  // every type goes through
  EXPECT_EQ(seen, cancellation_type::total);
}

TEST_F(AnyCompletionHandlerErasure, SeveralSignaturesPickByArguments) {
  int ints = 0;
  std::string text;
  any_completion_handler<void(int), void(std::string)> a(either{&ints, &text});
  a(7);
  EXPECT_EQ(ints, 7);
  EXPECT_TRUE(text.empty());
  any_completion_handler<void(int), void(std::string)> b(either{&ints, &text});
  b(std::string("abc"));
  EXPECT_EQ(text, "abc");
  EXPECT_EQ(ints, 7);
  EXPECT_FALSE(a);
  EXPECT_FALSE(b);
}

TEST_F(AnyCompletionHandlerErasure, ErasedOperationWithCallback) {
  int calls = 0;
  std::size_t got = 0;
  async_double(ctx(), 21, [&](error_code ec, std::size_t n) {
    ++calls;
    EXPECT_FALSE(ec);
    got = n;
  });
  EXPECT_EQ(calls, 0);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(got, 42u);
}

TEST_F(AnyCompletionHandlerErasure, ErasedOperationWithUseFuture) {
  std::future<std::size_t> f = async_double(ctx(), 5, ringport::use_future);
  ctx().run();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(f.get(), 10u);
}

TEST_F(AnyCompletionHandlerErasure, ErasedOperationWithUseAwaitableAndAsTuple) {
  std::size_t plain = 0;
  std::tuple<error_code, std::size_t> tupled;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> ringport::awaitable<void> {
        plain = co_await async_double(ctx(), 4, ringport::use_awaitable);
        tupled = co_await async_double(ctx(), 6, ringport::as_tuple(ringport::use_awaitable));
        done = true;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_TRUE(done);
  EXPECT_EQ(plain, 8u);
  EXPECT_FALSE(std::get<0>(tupled));
  EXPECT_EQ(std::get<1>(tupled), 12u);

  int calls = 0;
  async_double(ctx(), 1, ringport::as_tuple([&](std::tuple<error_code, std::size_t> r) {
                 ++calls;
                 EXPECT_EQ(std::get<1>(r), 2u);
               }));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 1);
}

TEST_F(AnyCompletionHandlerErasure, ErasedOperationRunsOnTheHandlersExecutor) {
  auto strand = ringport::make_strand(ctx());
  bool in_strand = false;
  async_double(ctx(), 1, ringport::bind_executor(strand, [&](error_code, std::size_t) {
                 in_strand = strand.running_in_this_thread();
               }));
  ctx().run();
  EXPECT_TRUE(in_strand);
}

}  // namespace any_completion_handler_erasure_test
