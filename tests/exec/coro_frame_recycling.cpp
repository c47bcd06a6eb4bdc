// 10,000 short-lived coroutines, one after another (each co_spawned from the completion of
// the previous one, awaiting a nested awaitable and a post), leave the heap where it was
// after a warm-up: frames and operations are recycled through the per-thread cache and
// nothing leaks. Measured with glibc's mallinfo2 (bytes in use), so glibc 2.33+ only; under
// a sanitizer's allocator (which reports nothing through mallinfo2) it skips. Everywhere:
// the frames of coroutines created one after another reuse one block of the cache.
#include <cstddef>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
#define CORO_FRAME_RECYCLING_MALLINFO 1
#include <malloc.h>
#endif

#include "context_test.hpp"

#include "ringport/co_spawn.hpp"
#include "ringport/post.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>

namespace coro_frame_recycling_test {

using CoroFrameRecycling = ringport::test::context_test;
using ringport::awaitable;
using ringport::use_awaitable;

awaitable<int> inner(int v) {
  co_return v + 1;
}

awaitable<int> short_lived(int v) {
  co_await ringport::post(co_await ringport::this_coro::executor, use_awaitable);
  co_return co_await inner(v);
}

struct chain {
  ringport::io_context& ctx;
  int remaining;
  long sum = 0;
  void next() {
    if (remaining-- == 0) return;
    ringport::co_spawn(ctx, short_lived(1), [this](std::exception_ptr e, int v) {
      if (!e) sum += v;
      next();
    });
  }
};

#if defined(CORO_FRAME_RECYCLING_MALLINFO)
std::size_t heap_in_use() {
  return mallinfo2().uordblks;
}

TEST_F(CoroFrameRecycling, TenThousandCoroutinesDoNotGrowTheHeap) {
  chain warm{ctx(), 100};
  warm.next();
  ctx().run();
  ctx().restart();
  ASSERT_EQ(warm.sum, 200);

  std::size_t before = heap_in_use();
  if (before == 0) GTEST_SKIP() << "mallinfo2 reports nothing here (sanitizer allocator)";
  chain c{ctx(), 10000};
  c.next();
  ctx().run();
  std::size_t after = heap_in_use();
  EXPECT_EQ(c.sum, 20000);
  // A leak of one small block per coroutine would add at least 160 KB.
  EXPECT_LT(after, before + 16 * 1024) << "before " << before << " after " << after;
}

#endif

// The frames of coroutines that run one after another on a thread reuse the same memory.
TEST_F(CoroFrameRecycling, FrameMemoryIsReused) {
  void* first = nullptr;
  int same = 0;
  for (int i = 0; i < 100; ++i) {
    awaitable<int> a = inner(i);
    void* frame = a.handle().address();
    if (i == 0) first = frame;
    if (frame == first) ++same;
  }
  EXPECT_EQ(same, 100);
}

}  // namespace coro_frame_recycling_test
