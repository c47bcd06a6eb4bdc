// buffer_sequence_begin/end and the sequence and dynamic-buffer traits.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"

#include <array>
#include <cstddef>
#include <list>
#include <string>
#include <type_traits>
#include <vector>

namespace buffer_sequence_traits_test {

using ringport::const_buffer;
using ringport::is_const_buffer_sequence;
using ringport::is_mutable_buffer_sequence;
using ringport::mutable_buffer;

static_assert(is_mutable_buffer_sequence<mutable_buffer>::value);
static_assert(is_const_buffer_sequence<mutable_buffer>::value);
static_assert(is_const_buffer_sequence<const_buffer>::value);
static_assert(!is_mutable_buffer_sequence<const_buffer>::value);

static_assert(is_mutable_buffer_sequence<std::vector<mutable_buffer>>::value);
static_assert(is_const_buffer_sequence<std::vector<mutable_buffer>>::value);
static_assert(is_const_buffer_sequence<std::array<const_buffer, 3>>::value);
static_assert(!is_mutable_buffer_sequence<std::array<const_buffer, 3>>::value);
static_assert(is_const_buffer_sequence<std::list<const_buffer>>::value);

static_assert(!is_const_buffer_sequence<int>::value);
static_assert(!is_const_buffer_sequence<std::string>::value);
static_assert(!is_mutable_buffer_sequence<std::vector<char>>::value);
static_assert(!is_const_buffer_sequence<char*>::value);

// A type derived from a buffer is a single buffer, as in Asio.
struct tagged_buffer : mutable_buffer {
  using mutable_buffer::mutable_buffer;
};
static_assert(is_mutable_buffer_sequence<tagged_buffer>::value);

// Shapes of DynamicBuffer v1 and v2; only the members matter to the traits.
struct dyn_v1 {
  using const_buffers_type = const_buffer;
  using mutable_buffers_type = mutable_buffer;
  std::size_t size() const { return 0; }
  std::size_t max_size() const { return 0; }
  std::size_t capacity() const { return 0; }
  const_buffers_type data() const { return {}; }
  mutable_buffers_type prepare(std::size_t) { return {}; }
  void commit(std::size_t) {}
  void consume(std::size_t) {}
};
struct dyn_v2 {
  using const_buffers_type = const_buffer;
  using mutable_buffers_type = mutable_buffer;
  std::size_t size() const { return 0; }
  std::size_t max_size() const { return 0; }
  std::size_t capacity() const { return 0; }
  mutable_buffers_type data(std::size_t, std::size_t) { return {}; }
  void grow(std::size_t) {}
  void shrink(std::size_t) {}
  void consume(std::size_t) {}
};
static_assert(ringport::is_dynamic_buffer_v1<dyn_v1>::value);
static_assert(!ringport::is_dynamic_buffer_v2<dyn_v1>::value);
static_assert(ringport::is_dynamic_buffer_v2<dyn_v2>::value);
static_assert(!ringport::is_dynamic_buffer_v1<dyn_v2>::value);
static_assert(ringport::is_dynamic_buffer<dyn_v1>::value);  // v1 is the default meaning
static_assert(!ringport::is_dynamic_buffer<std::vector<mutable_buffer>>::value);

TEST(BufferSequenceTraits, SingleBufferIsASequenceOfOne) {
  char raw[4];
  const mutable_buffer m(raw, 4);
  auto b = ringport::buffer_sequence_begin(m);
  auto e = ringport::buffer_sequence_end(m);
  static_assert(std::is_same_v<decltype(b), const mutable_buffer*>);
  EXPECT_EQ(b, &m);
  EXPECT_EQ(e - b, 1);

  const const_buffer c(raw, 2);
  static_assert(std::is_same_v<decltype(ringport::buffer_sequence_begin(c)), const const_buffer*>);
  EXPECT_EQ(ringport::buffer_sequence_begin(c)->size(), 2u);
  EXPECT_EQ(ringport::buffer_sequence_end(c) - ringport::buffer_sequence_begin(c), 1);
}

TEST(BufferSequenceTraits, ContainersUseTheirOwnIterators) {
  char raw[4];
  std::vector<mutable_buffer> v{mutable_buffer(raw, 1), mutable_buffer(raw, 2)};
  static_assert(std::is_same_v<decltype(ringport::buffer_sequence_begin(v)),
                               std::vector<mutable_buffer>::iterator>);
  const auto& cv = v;
  static_assert(std::is_same_v<decltype(ringport::buffer_sequence_begin(cv)),
                               std::vector<mutable_buffer>::const_iterator>);
  EXPECT_EQ(ringport::buffer_sequence_begin(v), v.begin());
  EXPECT_EQ(ringport::buffer_sequence_end(cv), cv.end());

  std::size_t n = 0;
  for (auto it = ringport::buffer_sequence_begin(v); it != ringport::buffer_sequence_end(v); ++it)
    n += it->size();
  EXPECT_EQ(n, 3u);
}

TEST(BufferSequenceTraits, TraitValuesAtRunTime) {
  EXPECT_TRUE(is_mutable_buffer_sequence<std::vector<mutable_buffer>>::value);
  EXPECT_FALSE(is_mutable_buffer_sequence<std::vector<const_buffer>>::value);
  EXPECT_TRUE(is_const_buffer_sequence<std::vector<const_buffer>>::value);
}

}  // namespace buffer_sequence_traits_test
