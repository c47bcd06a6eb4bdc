// The io_uring backend's injected completion overflow (completion_overflow): the backend
// leaves completions in the ring, so the kernel really overflows it (512 entries, set for the
// test; the default is 4,096) and holds the rest back. 600 receives wait on 600 local stream
// sockets while another thread writes each its message, never more than 100 ahead of the handlers
// until the backend holds completions back: without the fault the ring cannot overflow. Every
// receive completes exactly once with its own message, the kernel's overflow was seen, and the
// context ends with no op left.

#include "uring_cq_entries.hpp"
#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"
#include "linux/io_uring/uring_backend.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/stream_protocol.hpp"
#include "ringport/read.hpp"

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace uring_fault_completion_overflow_test {

using UringFaultCompletionOverflow = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
using ringport::local::stream_protocol;
namespace fault = ringport::detail::fault;

constexpr int pairs = 600;  // more receives than the completion queue's 512 entries

std::string message(int i) {
  char text[32];
  std::snprintf(text, sizeof text, "message %04d", i);
  return text;
}

struct reader {
  explicit reader(ringport::io_context& ctx) : a(ctx), b(ctx) {
    ringport::local::connect_pair(a, b);
  }
  stream_protocol::socket a, b;
  char buf[12] = {};
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

TEST_F(UringFaultCompletionOverflow, EveryReceiveCompletesOnceWithItsMessage) {
  std::unique_ptr<ringport::io_context> context;
  {
    ringport::test::uring_cq_entries small_queue(512);
    context = std::make_unique<ringport::io_context>(ringport::backend_kind::io_uring);
  }
  std::vector<std::unique_ptr<reader>> readers;
  std::atomic<int> completed{0};
  for (int i = 0; i < pairs; ++i) {
    readers.push_back(std::make_unique<reader>(*context));
    reader& r = *readers.back();
    ASSERT_EQ(message(i).size(), sizeof r.buf);
    ringport::async_read(r.b, ringport::buffer(r.buf),
                         [&r, &completed](error_code ec, std::size_t n) {
                           ++completed;
                           ++r.calls;
                           r.ec = ec;
                           r.bytes = n;
                         });
  }
  const unsigned long overflows_before = ringport::detail::uring_cq_overflows_for_testing();
  fault::scoped_plan plan(fault::only(kind::completion_overflow, 1000));
  // The messages come while the context runs, one at a time.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; i < pairs; ++i) {
      while (completed.load() + 100 < i && fault::injected(kind::completion_overflow) == 0 &&
             !stop.load())
        std::this_thread::yield();
      const std::string m = message(i);
      ::send(readers[i]->a.native_handle(), m.data(), m.size(), MSG_NOSIGNAL);
    }
  });
  context->run_for(std::chrono::seconds(30));
  stop = true;
  writer.join();
  EXPECT_TRUE(context->stopped()) << "receives still pending after 30 s";
  EXPECT_GT(fault::injected(kind::completion_overflow), 0u);
  EXPECT_GT(ringport::detail::uring_cq_overflows_for_testing(), overflows_before)
      << "the completion queue never overflowed";
  for (int i = 0; i < pairs; ++i) {
    const reader& r = *readers[i];
    EXPECT_EQ(r.calls, 1) << "receive " << i;
    EXPECT_FALSE(r.ec) << "receive " << i << ": " << r.ec.message();
    EXPECT_EQ(std::string(r.buf, r.bytes), message(i)) << "receive " << i;
  }
}

}  // namespace uring_fault_completion_overflow_test
