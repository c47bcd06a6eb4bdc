// The per-thread recycling cache behind operation memory: a freed block is handed out again
// for any request it can hold, without the heap; requests it cannot hold, over-aligned
// requests and blocks beyond the cache's slots go to the heap; each thread has its own.
#include "counting_new.hpp"

#include "ringport/detail/recycling_cache.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace recycling_cache_reuse_test {

using ringport::detail::recycling_cache;
using ringport::test::allocations;

// Empties this thread's cache of whatever earlier tests left, by taking blocks until the
// heap has to be asked; returns them all to the heap.
void drain_cache() {
  std::vector<void*> taken;
  taken.reserve(16);  // no allocation of its own while counting
  for (int i = 0; i < 16; ++i) {
    std::size_t before = allocations();
    void* p = recycling_cache::allocate(1, 1);
    taken.push_back(p);
    if (allocations() != before) break;
  }
  for (void* p : taken)
    ::operator delete(p);
}

TEST(RecyclingCacheReuse, FreedBlockIsReusedForAnyRequestItHolds) {
  drain_cache();
  void* a = recycling_cache::allocate(112, alignof(std::max_align_t));
  std::memset(a, 0xab, 112);  // the whole request is usable
  recycling_cache::deallocate(a, 112, alignof(std::max_align_t));

  const std::size_t before = allocations();
  void* same = recycling_cache::allocate(112, alignof(std::max_align_t));
  EXPECT_EQ(same, a);
  recycling_cache::deallocate(same, 112, alignof(std::max_align_t));
  void* smaller = recycling_cache::allocate(40, 8);
  EXPECT_EQ(smaller, a);  // a smaller request fits the cached block
  std::memset(smaller, 0xcd, 40);
  recycling_cache::deallocate(smaller, 40, 8);
  // After the smaller use the block still knows its full capacity.
  void* again = recycling_cache::allocate(112, 8);
  EXPECT_EQ(again, a);
  EXPECT_EQ(allocations(), before);
  recycling_cache::deallocate(again, 112, 8);
}

TEST(RecyclingCacheReuse, LargerRequestGoesToTheHeap) {
  drain_cache();
  void* small = recycling_cache::allocate(32, 8);
  recycling_cache::deallocate(small, 32, 8);
  const std::size_t before = allocations();
  void* big = recycling_cache::allocate(1000, 8);
  EXPECT_NE(big, small);
  EXPECT_EQ(allocations(), before + 1);
  std::memset(big, 0x11, 1000);
  recycling_cache::deallocate(big, 1000, 8);
}

TEST(RecyclingCacheReuse, OverAlignedAndHugeRequestsBypassTheCache) {
  constexpr std::size_t over = 2 * alignof(std::max_align_t);
  void* p = recycling_cache::allocate(64, over);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % over, 0u);
  recycling_cache::deallocate(p, 64, over);
  const std::size_t before = allocations();
  void* q = recycling_cache::allocate(64, over);  // not served from the cache
  EXPECT_EQ(allocations(), before + 1);
  recycling_cache::deallocate(q, 64, over);

  EXPECT_FALSE(recycling_cache::cacheable(64 * 1024, 8));
  void* huge = recycling_cache::allocate(64 * 1024, 8);
  std::memset(huge, 0x22, 64 * 1024);
  recycling_cache::deallocate(huge, 64 * 1024, 8);
}

TEST(RecyclingCacheReuse, HoldsAFewBlocksAndNoMore) {
  drain_cache();
  std::vector<void*> blocks;
  blocks.reserve(8);
  for (int i = 0; i < 8; ++i)
    blocks.push_back(recycling_cache::allocate(48, 8));
  for (void* p : blocks)
    recycling_cache::deallocate(p, 48, 8);
  // The cache's slots come back first, then the heap is asked again.
  std::vector<void*> again;
  again.reserve(8);
  const std::size_t before = allocations();
  for (int i = 0; i < 8; ++i)
    again.push_back(recycling_cache::allocate(48, 8));
  const std::size_t from_heap = allocations() - before;
  EXPECT_EQ(from_heap, 8u - ringport::detail::recycling_slots::count);
  for (void* p : again)
    recycling_cache::deallocate(p, 48, 8);
}

TEST(RecyclingCacheReuse, EachThreadHasItsOwnCache) {
  drain_cache();
  void* mine = recycling_cache::allocate(64, 8);
  recycling_cache::deallocate(mine, 64, 8);  // cached on this thread
  void* theirs = nullptr;
  std::thread t([&] {
    theirs = recycling_cache::allocate(64, 8);
    recycling_cache::deallocate(theirs, 64, 8);  // cached on t, freed when t exits
  });
  t.join();
  EXPECT_NE(theirs, mine);
  void* back = recycling_cache::allocate(64, 8);
  EXPECT_EQ(back, mine);
  recycling_cache::deallocate(back, 64, 8);
}

}  // namespace recycling_cache_reuse_test
