// A pending async_read_until ends once with operation_aborted, 0 bytes, when its handler's
// cancellation slot is emitted (terminal) while it waits for more data; the bytes read
// before stay in the buffer, and a later read_until on the same buffer finds the delimiter.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/read_until.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <string>

namespace read_until_cancel_test {

using ReadUntilCancel = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadUntilCancel, SlotEmitAbortsAndKeepsTheBytes) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("no delimiter yet")));
  std::string data;
  ringport::cancellation_signal signal;
  int calls = 0;
  error_code result;
  std::size_t result_n = 99;
  ringport::async_read_until(
      p.server, ringport::dynamic_buffer(data), '\n',
      ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec, std::size_t n) {
        ++calls;
        result = ec;
        result_n = n;
      }));
  ctx().run_one_for(std::chrono::seconds(10));  // the first read step
  EXPECT_EQ(calls, 0);
  signal.emit(ringport::cancellation_type::terminal);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::operation_aborted) << result.message();
  EXPECT_EQ(result_n, 0u);
  EXPECT_EQ(data, "no delimiter yet");

  // The connection and the buffer are still usable.
  ringport::write(p.client, ringport::buffer(std::string_view("!\n")));
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  const std::size_t n = ringport::read_until(p.server, ringport::dynamic_buffer(data), '\n');
  EXPECT_EQ(data.substr(0, n), "no delimiter yet!\n");
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilCancel);

}  // namespace read_until_cancel_test
