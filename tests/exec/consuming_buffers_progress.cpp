// consuming_buffers: windows of at most n bytes across element boundaries, partial
// consumes, empty elements skipped, and completion.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/detail/consuming_buffers.hpp"

#include <string>
#include <type_traits>
#include <vector>

namespace consuming_buffers_progress_test {

using ringport::const_buffer;
using ringport::mutable_buffer;
using ringport::detail::consuming_buffers;

// The bytes a prepared window covers, concatenated.
template <typename Prepared>
std::string window_text(const Prepared& p) {
  std::string out;
  for (const auto& b : p)
    out.append(static_cast<const char*>(b.data()), b.size());
  return out;
}

TEST(ConsumingBuffersProgress, WalksASequenceAcrossPartialTransfers) {
  const std::string s1 = "abc", s3 = "defgh", s4 = "ij";
  const std::vector<const_buffer> bufs{ringport::buffer(s1), const_buffer(), ringport::buffer(s3),
                                       ringport::buffer(s4)};
  consuming_buffers<const_buffer, std::vector<const_buffer>> cb(bufs);
  EXPECT_FALSE(cb.empty());

  auto w = cb.prepare(100);
  EXPECT_EQ(w.count(), 3u);  // the empty element is skipped
  EXPECT_EQ(window_text(w), "abcdefghij");

  cb.consume(2);  // a short transfer inside the first element
  EXPECT_EQ(window_text(cb.prepare(100)), "cdefghij");
  EXPECT_EQ(window_text(cb.prepare(4)), "cdef");  // max_size cuts mid-element
  EXPECT_EQ(cb.prepare(4).count(), 2u);

  cb.consume(3);  // ends inside "defgh", crossing the empty element
  EXPECT_EQ(window_text(cb.prepare(100)), "fghij");
  EXPECT_EQ(cb.total_consumed(), 5u);

  cb.consume(3);  // exactly to an element boundary
  EXPECT_EQ(window_text(cb.prepare(100)), "ij");
  cb.consume(2);
  EXPECT_TRUE(cb.empty());
  EXPECT_EQ(cb.prepare(100).count(), 0u);
  EXPECT_EQ(cb.total_consumed(), 10u);
}

TEST(ConsumingBuffersProgress, SingleMutableBuffer) {
  char raw[10];
  consuming_buffers<mutable_buffer, mutable_buffer> cb(ringport::buffer(raw));
  // The window of a single buffer is one buffer (a step then needs one iovec).
  static_assert(std::is_same_v<decltype(cb.prepare(4)), mutable_buffer>);
  mutable_buffer w = cb.prepare(4);
  EXPECT_EQ(w.data(), raw);
  EXPECT_EQ(w.size(), 4u);
  cb.consume(4);
  w = cb.prepare(100);
  EXPECT_EQ(w.data(), raw + 4);
  EXPECT_EQ(w.size(), 6u);
  EXPECT_EQ(ringport::buffer_size(w), 6u);  // the window is itself a buffer sequence
  cb.consume(6);
  EXPECT_TRUE(cb.empty());
}

TEST(ConsumingBuffersProgress, EmptySequenceIsDoneAtOnce) {
  consuming_buffers<const_buffer, std::vector<const_buffer>> none({});
  EXPECT_TRUE(none.empty());
  consuming_buffers<const_buffer, const_buffer> zero(const_buffer{});
  EXPECT_TRUE(zero.empty());
  EXPECT_EQ(zero.prepare(10).size(), 0u);
}

TEST(ConsumingBuffersProgress, WindowHoldsAtMostOneRequestsEntries) {
  std::vector<char> storage(100);
  std::vector<mutable_buffer> bufs;
  for (auto& c : storage)
    bufs.push_back(mutable_buffer(&c, 1));
  consuming_buffers<mutable_buffer, std::vector<mutable_buffer>> cb(bufs);
  EXPECT_EQ(cb.prepare(1000).count(), 64u);
  cb.consume(64);
  auto w = cb.prepare(1000);
  EXPECT_EQ(w.count(), 36u);
  EXPECT_EQ(w.begin()->data(), &storage[64]);
  cb.consume(36);
  EXPECT_TRUE(cb.empty());
}

TEST(ConsumingBuffersProgress, CopiesTheSequenceObject) {
  char raw[8];
  auto cb = [&] {
    std::vector<mutable_buffer> temporary{ringport::buffer(raw)};
    return consuming_buffers<mutable_buffer, std::vector<mutable_buffer>>(temporary);
  }();  // the caller's vector is gone; the memory it described is not
  EXPECT_EQ(cb.prepare(100).begin()->data(), raw);
}

}  // namespace consuming_buffers_progress_test
