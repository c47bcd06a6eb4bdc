// Behaviour every byte-stream pair shares (a pipe's two ends, two POSIX stream descriptors on
// a pipe2() pipe): written once here, run by each pair's test file. `Pair` is built from an
// io_context and has `reader` and `writer` members with read_some/async_read_some and
// write_some/async_write_some.
#pragma once

#include "transfer_outcome.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

namespace ringport::test {

// Starts a read into `buf` and checks that it waits: nothing has been written yet.
template <typename Pair, std::size_t N>
void start_pending_read(io_context& ctx, Pair& p, transfer_outcome& read, char (&buf)[N]) {
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx.poll();
  EXPECT_EQ(read.calls, 0);
}

// A read started before anything is written waits, then gets what an async write sends.
template <typename Pair>
void check_pending_read_gets_write(io_context& ctx) {
  Pair p(ctx);
  transfer_outcome wrote, read;
  char buf[16];
  start_pending_read(ctx, p, read, buf);
  p.writer.async_write_some(ringport::buffer("hello", 5), wrote.handler());
  drain(ctx);
  ASSERT_EQ(wrote.calls, 1);
  ASSERT_EQ(read.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_EQ(wrote.bytes, 5u);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "hello");
}

// A pending read ends with eof, once, when the writer closes.
template <typename Pair>
void check_writer_closed_gives_eof(io_context& ctx) {
  Pair p(ctx);
  transfer_outcome read;
  char buf[8];
  start_pending_read(ctx, p, read, buf);
  p.writer.close();
  EXPECT_FALSE(p.writer.is_open());
  drain(ctx);
  ASSERT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == error::eof) << read.ec.message();
  EXPECT_EQ(read.bytes, 0u);
}

// The synchronous calls, throwing and error_code forms.
template <typename Pair>
void check_sync_write_then_read(io_context& ctx) {
  Pair p(ctx);
  EXPECT_EQ(p.writer.write_some(ringport::buffer("abc", 3)), 3u);
  char buf[8];
  EXPECT_EQ(p.reader.read_some(ringport::buffer(buf)), 3u);
  EXPECT_EQ(std::string(buf, 3), "abc");

  error_code ec;
  EXPECT_EQ(p.writer.write_some(ringport::buffer("de", 2), ec), 2u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(p.reader.read_some(ringport::buffer(buf), ec), 2u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(buf, 2), "de");
}

// cancel() ends a pending read once with operation_aborted; the reader stays open and usable.
template <typename Pair>
void check_cancel_aborts_pending_read(io_context& ctx) {
  Pair p(ctx);
  transfer_outcome read;
  char buf[8];
  start_pending_read(ctx, p, read, buf);
  p.reader.cancel();
  drain(ctx);
  EXPECT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == error::operation_aborted) << read.ec.message();
  EXPECT_TRUE(p.reader.is_open());

  transfer_outcome again;
  p.reader.async_read_some(ringport::buffer(buf), again.handler());
  p.writer.write_some(ringport::buffer("ok", 2));
  drain(ctx);
  ASSERT_EQ(again.calls, 1);
  EXPECT_FALSE(again.ec) << again.ec.message();
  EXPECT_EQ(std::string(buf, again.bytes), "ok");
}

// close() ends a pending read once with operation_aborted.
template <typename Pair>
void check_close_aborts_pending_read(io_context& ctx) {
  Pair p(ctx);
  transfer_outcome read;
  char buf[8];
  start_pending_read(ctx, p, read, buf);
  p.reader.close();
  EXPECT_FALSE(p.reader.is_open());
  drain(ctx);
  EXPECT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == error::operation_aborted) << read.ec.message();
}

}  // namespace ringport::test
