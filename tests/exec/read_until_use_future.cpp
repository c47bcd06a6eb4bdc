// async_read_until and async_read on dynamic buffers work with use_future: the future gives
// the byte count, or throws the operation's error (eof) from get().
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/use_future.hpp"

#include <future>
#include <string>
#include <system_error>

namespace read_until_use_future_test {

using ReadUntilUseFuture = ringport::test::context_test;

TEST_F(ReadUntilUseFuture, ValueAndError) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = "key=value\nrest";
  std::string s;
  std::future<std::size_t> f =
      ringport::async_read_until(stream, ringport::dynamic_buffer(s), "\n", ringport::use_future);
  ctx().run();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  const std::size_t n = f.get();
  EXPECT_EQ(s.substr(0, n), "key=value\n");

  ctx().restart();
  ringport::streambuf sb;
  std::future<std::size_t> g = ringport::async_read_until(stream, sb, ';', ringport::use_future);
  ctx().run();
  ASSERT_EQ(g.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  try {
    g.get();
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }

  ctx().restart();
  stream.input += "0123456789";
  std::future<std::size_t> h = ringport::async_read(
      stream, ringport::dynamic_buffer(s), ringport::transfer_exactly(4), ringport::use_future);
  ctx().run();
  ASSERT_EQ(h.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(h.get(), 4u);
}

}  // namespace read_until_use_future_test
