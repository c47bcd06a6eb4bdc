// read_at / write_at and their asynchronous forms on an in-memory random-access device that
// moves at most a few bytes per call: every step is at `offset` plus the bytes so far, the
// completion conditions bound the steps, end of file reports the bytes read before it, the
// streambuf forms commit/consume, any completion token works, the steps allocate with the
// handler's allocator and run on its executor, and a cancellation on the handler's slot ends
// the operation with operation_aborted.
#include "context_test.hpp"
#include "counting_allocator.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffer_copy.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/deferred.hpp"
#include "ringport/error.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/read_at.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"
#include "ringport/write_at.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace read_write_at_test {

using ReadWriteAt = ringport::test::context_test;
using ringport::cancellation_type;
using ringport::error_code;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;

struct request {
  std::uint64_t offset;
  std::size_t size;
  friend bool operator==(const request&, const request&) = default;
};

// A random-access device over `contents`. Each call moves at most max_chunk bytes; reading at
// or past the end reports eof; writing past the end grows the contents. Asynchronous calls do
// the transfer at once and post the completion to the handler's executor, with the handler's
// allocator (as a real I/O object allocates its operation), unless `completed_async_steps`
// calls have completed already: then the call stays pending (holding work on the context)
// until its handler's cancellation slot is emitted on.
class memory_device {
 public:
  using executor_type = ringport::io_context::executor_type;

  memory_device(ringport::io_context& ctx, std::size_t max_chunk)
      : ex_(ctx.get_executor()), max_chunk_(max_chunk) {}

  executor_type get_executor() const noexcept { return ex_; }

  std::string contents;
  std::vector<request> reads;
  std::vector<request> writes;
  std::size_t completed_async_steps = (std::numeric_limits<std::size_t>::max)();
  std::size_t async_steps = 0;
  int pending = 0;
  bool pending_slot_connected = false;
  cancellation_type cancellation_seen = cancellation_type::none;
  // Called when a call stays pending.
  std::function<void()> on_pending;
  std::optional<ringport::executor_work_guard<executor_type>> pending_work;

  // For a test whose cancellation did not reach the pending call: lets run() return (the
  // handler stays in the slot, destroyed with the signal).
  void abandon_pending() {
    if (pending != 0) ADD_FAILURE() << "a call is still pending";
    pending_work.reset();
  }

  template <typename MutableBufferSequence>
  std::size_t read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers,
                           error_code& ec) {
    const std::size_t offered = ringport::buffer_size(buffers);
    reads.push_back({offset, offered});
    if (too_many_calls(ec)) return 0;
    if (offered == 0) return 0;
    if (offset >= contents.size()) {
      ec = ringport::error::eof;
      return 0;
    }
    const std::size_t at = static_cast<std::size_t>(offset);
    const std::size_t n = std::min({offered, max_chunk_, contents.size() - at});
    ringport::buffer_copy(buffers, ringport::buffer(contents.data() + at, n));
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers,
                            error_code& ec) {
    const std::size_t offered = ringport::buffer_size(buffers);
    writes.push_back({offset, offered});
    if (too_many_calls(ec)) return 0;
    const std::size_t at = static_cast<std::size_t>(offset);
    const std::size_t n = std::min(offered, max_chunk_);
    if (contents.size() < at + n) contents.resize(at + n, '.');
    ringport::buffer_copy(ringport::buffer(contents.data() + at, n), buffers);
    return n;
  }

  template <typename MutableBufferSequence, typename Handler>
  void async_read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers,
                          Handler&& handler) {
    if (++async_steps > completed_async_steps) {
      stay_pending(std::forward<Handler>(handler));
      return;
    }
    error_code ec;
    const std::size_t n = read_some_at(offset, buffers, ec);
    complete_later(std::forward<Handler>(handler), ec, n);
  }

  template <typename ConstBufferSequence, typename Handler>
  void async_write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers,
                           Handler&& handler) {
    if (++async_steps > completed_async_steps) {
      stay_pending(std::forward<Handler>(handler));
      return;
    }
    error_code ec;
    const std::size_t n = write_some_at(offset, buffers, ec);
    complete_later(std::forward<Handler>(handler), ec, n);
  }

 private:
  // Keeps an operation that does not advance from looping for ever: past a bound every call
  // fails.
  bool too_many_calls(error_code& ec) {
    ec = reads.size() + writes.size() > 1000 ? error_code(ringport::error::invalid_argument)
                                             : error_code();
    return !!ec;
  }

  template <typename Handler>
  void complete_later(Handler&& h, error_code ec, std::size_t n) {
    std::decay_t<Handler> handler(std::forward<Handler>(h));
    const auto handler_ex = ringport::get_associated_executor(handler, ex_);
    const auto alloc = ringport::get_associated_allocator(handler);
    ringport::post(handler_ex,
                   ringport::bind_allocator(
                       alloc, [h = std::move(handler), ec, n]() mutable { std::move(h)(ec, n); }));
  }

  // Honours the handler's slot: a cancellation completes the call with operation_aborted.
  // Until then the call counts as outstanding work, as a real pending operation does.
  template <typename Handler>
  void stay_pending(Handler&& h) {
    std::decay_t<Handler> handler(std::forward<Handler>(h));
    auto slot = ringport::get_associated_cancellation_slot(handler);
    pending_slot_connected = slot.is_connected();
    if (!slot.is_connected()) return;  // never completes; the handler is dropped
    ++pending;
    pending_work.emplace(ex_);
    slot.assign([this, h = std::move(handler)](cancellation_type type) mutable {
      cancellation_seen = type;
      --pending;
      complete_later(std::move(h), ringport::error::operation_aborted, 0);
      pending_work.reset();
    });
    if (on_pending) on_pending();
  }

  executor_type ex_;
  std::size_t max_chunk_;
};

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>('A' + i % 26);
  return s;
}

std::vector<request> expected_steps(std::uint64_t offset, std::size_t total, std::size_t chunk) {
  std::vector<request> steps;
  for (std::size_t done = 0; done < total; done += std::min(chunk, total - done))
    steps.push_back({offset + done, total - done});
  return steps;
}

struct result {
  int calls = 0;
  error_code ec;
  std::size_t n = 0;
};

auto recorder(result& r) {
  return [&r](error_code ec, std::size_t n) {
    ++r.calls;
    r.ec = ec;
    r.n = n;
  };
}

// ---- synchronous ----

TEST_F(ReadWriteAt, SyncReadFillsTheBuffersStepByStepFromTheOffset) {
  memory_device dev(ctx(), 7);
  dev.contents = pattern(100);
  char data[30] = {};
  EXPECT_EQ(ringport::read_at(dev, 10, ringport::buffer(data)), 30u);
  EXPECT_EQ(std::string(data, 30), dev.contents.substr(10, 30));
  EXPECT_EQ(dev.reads, expected_steps(10, 30, 7));

  // A sequence of two buffers: the steps cross from one to the other.
  dev.reads.clear();
  char a[5] = {};
  char b[9] = {};
  std::array<ringport::mutable_buffer, 2> seq{ringport::buffer(a), ringport::buffer(b)};
  error_code ec = ringport::error::eof;
  EXPECT_EQ(ringport::read_at(dev, 50, seq, ec), 14u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(a, 5) + std::string(b, 9), dev.contents.substr(50, 14));
  EXPECT_EQ(dev.reads, expected_steps(50, 14, 7));
}

TEST_F(ReadWriteAt, SyncWriteSendsEveryByteStepByStepFromTheOffset) {
  memory_device dev(ctx(), 5);
  dev.contents = std::string(10, '.');
  const std::string text = pattern(17);
  EXPECT_EQ(ringport::write_at(dev, 8, ringport::buffer(text)), 17u);
  EXPECT_EQ(dev.contents, std::string(8, '.') + text);
  EXPECT_EQ(dev.writes, expected_steps(8, 17, 5));

  dev.writes.clear();
  error_code ec = ringport::error::eof;
  const std::string more = "0123456789ab";
  EXPECT_EQ(ringport::write_at(dev, 2, ringport::buffer(more), ec), 12u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(dev.contents.substr(2, 12), more);
  EXPECT_EQ(dev.writes, expected_steps(2, 12, 5));
}

TEST_F(ReadWriteAt, SyncCompletionConditionsBoundTheSteps) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(100);
  char data[64] = {};
  EXPECT_EQ(ringport::read_at(dev, 0, ringport::buffer(data), ringport::transfer_at_least(10)), 12u)
      << "three 4-byte steps reach the minimum of 10";
  EXPECT_EQ(dev.reads.size(), 3u);

  dev.reads.clear();
  error_code ec = ringport::error::eof;
  EXPECT_EQ(ringport::read_at(dev, 20, ringport::buffer(data), ringport::transfer_exactly(10), ec),
            10u);
  EXPECT_FALSE(ec) << ec.message();
  ASSERT_EQ(dev.reads.size(), 3u);
  EXPECT_EQ(dev.reads.front(), (request{20, 10})) << "the first step offers only what is wanted";
  EXPECT_EQ(dev.reads.back(), (request{28, 2})) << "the last step offers only what is left";
  EXPECT_EQ(std::string(data, 10), dev.contents.substr(20, 10));

  const std::string text = pattern(30);
  EXPECT_EQ(ringport::write_at(dev, 0, ringport::buffer(text), ringport::transfer_exactly(6)), 6u);
  EXPECT_EQ(dev.writes, (std::vector<request>{{0, 6}, {4, 2}}));
  dev.writes.clear();
  EXPECT_EQ(ringport::write_at(dev, 40, ringport::buffer(text), ringport::transfer_at_least(9), ec),
            12u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(dev.writes.size(), 3u);
}

TEST_F(ReadWriteAt, SyncEndOfFileReportsTheBytesReadBeforeIt) {
  memory_device dev(ctx(), 8);
  dev.contents = pattern(50);
  char data[40] = {};
  error_code ec;
  EXPECT_EQ(ringport::read_at(dev, 30, ringport::buffer(data), ec), 20u);
  EXPECT_EQ(ec, ringport::error::eof);
  EXPECT_EQ(std::string(data, 20), dev.contents.substr(30));
  EXPECT_EQ(dev.reads.back().offset, 50u) << "the step that found the end was at 30 + 20";

  try {
    ringport::read_at(dev, 45, ringport::buffer(data));
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
}

TEST_F(ReadWriteAt, SyncStreambufCommitsWhatIsReadAndConsumesWhatIsWritten) {
  memory_device dev(ctx(), 6);
  dev.contents = pattern(40);
  ringport::streambuf sb;
  EXPECT_EQ(ringport::read_at(dev, 5, sb, ringport::transfer_exactly(13)), 13u);
  EXPECT_EQ(sb.size(), 13u);
  EXPECT_EQ(dev.reads.front().offset, 5u);
  EXPECT_EQ(dev.reads.back().offset, 17u);

  // Reading to the end: eof, with everything before it committed.
  error_code ec;
  EXPECT_EQ(ringport::read_at(dev, 30, sb, ec), 10u);
  EXPECT_EQ(ec, ringport::error::eof);
  ASSERT_EQ(sb.size(), 23u);
  const auto in = sb.data();
  EXPECT_EQ(std::string(static_cast<const char*>(in.data()), in.size()),
            dev.contents.substr(5, 13) + dev.contents.substr(30));

  // Writing: the readable bytes go out at the offset and leave the streambuf.
  EXPECT_EQ(ringport::write_at(dev, 100, sb, ringport::transfer_exactly(8), ec), 8u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(sb.size(), 15u);
  EXPECT_EQ(ringport::write_at(dev, 108, sb), 15u);
  EXPECT_EQ(sb.size(), 0u);
  EXPECT_EQ(dev.contents.substr(100), dev.contents.substr(5, 13) + dev.contents.substr(30, 10));
  EXPECT_EQ(dev.writes.front(), (request{100, 8}));
  EXPECT_EQ(dev.writes.back().offset, 120u);
}

TEST_F(ReadWriteAt, SyncStreambufRemainingOverloads) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(20);
  ringport::streambuf sb;
  error_code ec = ringport::error::eof;
  EXPECT_EQ(ringport::read_at(dev, 2, sb, ringport::transfer_at_least(5), ec), 8u);
  EXPECT_FALSE(ec) << ec.message();
  try {
    ringport::read_at(dev, 14, sb);
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
  EXPECT_EQ(sb.size(), 14u) << "the bytes before the end are committed";

  EXPECT_EQ(ringport::write_at(dev, 30, sb, ringport::transfer_exactly(3)), 3u);
  ec = ringport::error::eof;
  EXPECT_EQ(ringport::write_at(dev, 33, sb, ec), 11u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(sb.size(), 0u);
  EXPECT_EQ(dev.contents.substr(30), dev.contents.substr(2, 8) + dev.contents.substr(14, 6));
}

// ---- asynchronous ----

TEST_F(ReadWriteAt, AsyncReadAndWriteWithPlainHandlers) {
  memory_device dev(ctx(), 6);
  dev.contents = pattern(64);
  char data[25] = {};
  result r;
  ringport::async_read_at(dev, 7, ringport::buffer(data), recorder(r));
  EXPECT_EQ(r.calls, 0) << "never completes inside the initiating call";
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, 25u);
  EXPECT_EQ(std::string(data, 25), dev.contents.substr(7, 25));
  EXPECT_EQ(dev.reads, expected_steps(7, 25, 6));

  ctx().restart();
  const std::string text = pattern(20);
  result w;
  ringport::async_write_at(dev, 70, ringport::buffer(text), ringport::transfer_exactly(15),
                           recorder(w));
  ctx().run();
  EXPECT_EQ(w.calls, 1);
  EXPECT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.n, 15u);
  EXPECT_EQ(dev.contents.substr(70), text.substr(0, 15));
  EXPECT_EQ(dev.writes, expected_steps(70, 15, 6));
}

TEST_F(ReadWriteAt, AsyncEndOfFileReportsTheBytesReadBeforeIt) {
  memory_device dev(ctx(), 8);
  dev.contents = pattern(50);
  char data[40] = {};
  result r;
  ringport::async_read_at(dev, 30, ringport::buffer(data), recorder(r));
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::eof);
  EXPECT_EQ(r.n, 20u);
  EXPECT_EQ(std::string(data, 20), dev.contents.substr(30));
}

TEST_F(ReadWriteAt, AsyncNothingToTransferCompletesLaterWithoutTheDevice) {
  memory_device dev(ctx(), 8);
  dev.contents = pattern(10);
  char data[4] = {};
  result r;
  ringport::async_read_at(dev, 3, ringport::buffer(data, 0), recorder(r));
  ringport::async_write_at(dev, 3, ringport::buffer(data), ringport::transfer_exactly(0),
                           recorder(r));
  EXPECT_EQ(r.calls, 0);
  ctx().run();
  EXPECT_EQ(r.calls, 2);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, 0u);
  EXPECT_TRUE(dev.reads.empty());
  EXPECT_TRUE(dev.writes.empty());
}

TEST_F(ReadWriteAt, UseFutureGivesTheCountOrThrowsTheError) {
  memory_device dev(ctx(), 5);
  dev.contents = pattern(30);
  char data[12] = {};
  std::future<std::size_t> f =
      ringport::async_read_at(dev, 4, ringport::buffer(data), ringport::use_future);
  const std::string text = "future-write";
  std::future<std::size_t> g = ringport::async_write_at(
      dev, 40, ringport::buffer(text), ringport::transfer_at_least(1), ringport::use_future);
  ctx().run();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  ASSERT_EQ(g.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(f.get(), 12u);
  EXPECT_EQ(std::string(data, 12), pattern(30).substr(4, 12));
  EXPECT_EQ(g.get(), 5u) << "one step satisfies transfer_at_least(1)";
  EXPECT_EQ(dev.contents.substr(40), "futur");

  ctx().restart();
  std::future<std::size_t> h =
      ringport::async_read_at(dev, 42, ringport::buffer(data), ringport::use_future);
  ctx().run();
  ASSERT_EQ(h.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  try {
    h.get();
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
}

ringport::awaitable<std::size_t> copy_at(memory_device& dev) {
  char data[10] = {};
  const std::size_t n =
      co_await ringport::async_read_at(dev, 2, ringport::buffer(data), ringport::use_awaitable);
  // A deferred operation, awaited.
  co_return n +
      co_await ringport::async_write_at(dev, 20, ringport::buffer(data, n), ringport::deferred);
}

TEST_F(ReadWriteAt, UseAwaitableAndDeferred) {
  memory_device dev(ctx(), 3);
  dev.contents = pattern(12);
  std::size_t total = 0;
  std::exception_ptr error;
  ringport::co_spawn(ctx(), copy_at(dev), [&](std::exception_ptr e, std::size_t n) {
    error = e;
    total = n;
  });
  ctx().run();
  EXPECT_FALSE(error);
  EXPECT_EQ(total, 20u);
  EXPECT_EQ(dev.contents.substr(20), pattern(12).substr(2, 10));
  EXPECT_EQ(dev.writes, expected_steps(20, 10, 3));
}

TEST_F(ReadWriteAt, AsyncStreambufCommitsAndConsumes) {
  memory_device dev(ctx(), 7);
  dev.contents = pattern(60);
  ringport::streambuf sb;
  result r;
  ringport::async_read_at(dev, 11, sb, ringport::transfer_exactly(20), recorder(r));
  EXPECT_EQ(r.calls, 0);
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, 20u);
  ASSERT_EQ(sb.size(), 20u);
  EXPECT_EQ(dev.reads.front().offset, 11u);
  EXPECT_EQ(dev.reads[1].offset, 18u);
  EXPECT_EQ(dev.reads.back().offset, 25u);

  ctx().restart();
  ringport::async_read_at(dev, 55, sb, recorder(r));
  ctx().run();
  EXPECT_EQ(r.ec, ringport::error::eof);
  EXPECT_EQ(r.n, 5u);
  ASSERT_EQ(sb.size(), 25u);

  ctx().restart();
  std::future<std::size_t> f = ringport::async_write_at(dev, 70, sb, ringport::use_future);
  ctx().run();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(f.get(), 25u);
  EXPECT_EQ(sb.size(), 0u) << "what was written is consumed";
  EXPECT_EQ(dev.contents.substr(70), dev.contents.substr(11, 20) + dev.contents.substr(55, 5));
  EXPECT_EQ(dev.writes, expected_steps(70, 25, 7));
}

struct allocating_handler {
  using allocator_type = counting_allocator<void>;
  allocator_type alloc;
  result* r;
  allocator_type get_allocator() const noexcept { return alloc; }
  void operator()(error_code ec, std::size_t n) { recorder (*r)(ec, n); }
};

TEST_F(ReadWriteAt, StepsAllocateWithTheHandlersAllocator) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(40);
  allocation_counts counts;
  result r;
  char data[20] = {};
  ringport::async_read_at(dev, 0, ringport::buffer(data),
                          allocating_handler{counting_allocator<void>(counts), &r});
  ctx().run();
  EXPECT_EQ(r.n, 20u);
  EXPECT_EQ(counts.allocations, 5) << "each of the five steps allocates once, from the "
                                      "handler's allocator";
  EXPECT_EQ(counts.allocations, counts.deallocations);

  // The streambuf form and the nothing-to-transfer completion use it too.
  ctx().restart();
  allocation_counts more;
  ringport::streambuf sb;
  ringport::async_read_at(dev, 30, sb, ringport::transfer_exactly(8),
                          allocating_handler{counting_allocator<void>(more), &r});
  ringport::async_write_at(dev, 0, ringport::buffer(data, 0),
                           allocating_handler{counting_allocator<void>(more), &r});
  ctx().run();
  EXPECT_EQ(sb.size(), 8u);
  EXPECT_EQ(more.allocations, 3) << "two steps and one deferred completion";
  EXPECT_EQ(more.allocations, more.deallocations);
}

TEST_F(ReadWriteAt, StepsRunOnTheHandlersExecutor) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(20);
  auto strand = ringport::make_strand(ctx());
  char data[16] = {};
  bool on_strand = false;
  result r;
  ringport::async_read_at(dev, 0, ringport::buffer(data),
                          ringport::bind_executor(strand, [&](error_code ec, std::size_t n) {
                            on_strand = strand.running_in_this_thread();
                            recorder(r)(ec, n);
                          }));
  ctx().run();
  EXPECT_EQ(r.n, 16u);
  EXPECT_TRUE(on_strand);
}

TEST_F(ReadWriteAt, TerminalCancellationAbortsThePendingStep) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(100);
  dev.completed_async_steps = 2;
  ringport::cancellation_signal signal;
  char data[64] = {};
  result r;
  bool total_reached_device = true;
  dev.on_pending = [&] {
    ringport::post(ctx(), [&] {
      // Total cancellation is filtered out, as for async_read.
      signal.emit(cancellation_type::total);
      total_reached_device = dev.cancellation_seen != cancellation_type::none || dev.pending != 1;
      signal.emit(cancellation_type::terminal);
      ringport::post(ctx(), [&] { dev.abandon_pending(); });
    });
  };
  ringport::async_read_at(dev, 0, ringport::buffer(data),
                          ringport::bind_cancellation_slot(signal.slot(), recorder(r)));
  ctx().run();
  EXPECT_TRUE(dev.pending_slot_connected);
  EXPECT_FALSE(total_reached_device);
  EXPECT_EQ(dev.cancellation_seen, cancellation_type::terminal);
  EXPECT_EQ(dev.pending, 0);
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.n, 8u) << "the bytes of the two completed steps";
  EXPECT_EQ(dev.reads.size(), 2u);
}

TEST_F(ReadWriteAt, PartialCancellationAbortsAPendingWrite) {
  memory_device dev(ctx(), 4);
  dev.completed_async_steps = 1;
  ringport::cancellation_signal signal;
  dev.on_pending = [&] {
    ringport::post(ctx(), [&] {
      signal.emit(cancellation_type::partial);
      ringport::post(ctx(), [&] { dev.abandon_pending(); });
    });
  };
  const std::string text = pattern(30);
  result r;
  ringport::async_write_at(dev, 10, ringport::buffer(text),
                           ringport::bind_cancellation_slot(signal.slot(), recorder(r)));
  ctx().run();
  EXPECT_EQ(dev.cancellation_seen, cancellation_type::partial);
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.n, 4u);
  EXPECT_EQ(dev.contents.substr(10), text.substr(0, 4));
}

TEST_F(ReadWriteAt, CancellationBetweenStepsEndsTheOperation) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(100);
  ringport::cancellation_signal signal;
  char data[64] = {};
  result r;
  ringport::async_read_at(dev, 0, ringport::buffer(data),
                          ringport::bind_cancellation_slot(signal.slot(), recorder(r)));
  // The first step has already done its transfer; its completion is queued.
  signal.emit(cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.n, 4u);
  EXPECT_EQ(dev.reads.size(), 1u) << "no step starts after the cancellation";
}

TEST_F(ReadWriteAt, StreambufCancellationAbortsThePendingStep) {
  memory_device dev(ctx(), 4);
  dev.contents = pattern(100);
  dev.completed_async_steps = 3;
  ringport::cancellation_signal signal;
  dev.on_pending = [&] {
    ringport::post(ctx(), [&] {
      signal.emit(cancellation_type::terminal);
      ringport::post(ctx(), [&] { dev.abandon_pending(); });
    });
  };
  ringport::streambuf sb;
  result r;
  ringport::async_read_at(dev, 0, sb, ringport::transfer_exactly(50),
                          ringport::bind_cancellation_slot(signal.slot(), recorder(r)));
  ctx().run();
  EXPECT_TRUE(dev.pending_slot_connected);
  EXPECT_EQ(dev.cancellation_seen, cancellation_type::terminal);
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.n, 12u);
  EXPECT_EQ(sb.size(), 12u);
}

}  // namespace read_write_at_test
