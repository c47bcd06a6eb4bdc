// async_write loops over short writes until every byte of a gather buffer sequence is sent,
// in order, and reports the total; transfer_exactly limits it.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/write.hpp"

#include <string>
#include <vector>

namespace async_write_short_writes_test {

using AsyncWriteShortWrites = ringport::test::context_test;
using ringport::error_code;

TEST_F(AsyncWriteShortWrites, SendsEveryByteInOrder) {
  ringport::test::short_io_stream stream(ctx(), 6);
  const std::string a = "hello, ", b, c = "composed world", d(100, '!');
  std::vector<ringport::const_buffer> buffers{ringport::buffer(a), ringport::buffer(b),
                                              ringport::buffer(c), ringport::buffer(d)};
  int calls = 0;
  std::size_t result_n = 0;
  ringport::async_write(stream, buffers, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    result_n = n;
  });
  EXPECT_EQ(calls, 0) << "the handler never runs inside async_write";
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, a.size() + c.size() + d.size());
  EXPECT_EQ(stream.output, a + c + d);
}

TEST_F(AsyncWriteShortWrites, TransferExactlyWritesOnlyThatMuch) {
  ringport::test::short_io_stream stream(ctx(), 6);
  const std::string data(50, 'w');
  std::size_t result_n = 0;
  ringport::async_write(stream, ringport::buffer(data), ringport::transfer_exactly(17),
                        [&](error_code ec, std::size_t n) {
                          EXPECT_FALSE(ec) << ec.message();
                          result_n = n;
                        });
  ctx().run();
  EXPECT_EQ(result_n, 17u);
  EXPECT_EQ(stream.output.size(), 17u);
}

}  // namespace async_write_short_writes_test
