// A cancellation racing the kernel's completion of a pending read, with run() on two
// threads: the data is written to the peer and, at the same moment, a cancel runs on one of
// the run() threads (posted there, so no socket object is used by two threads at once).
// Whoever wins, the handler runs exactly once, with either success and n > 0 bytes or
// operation_aborted and 0 bytes, and nothing is lost: bytes the read did not take are still
// readable afterwards. Two forms: socket.cancel() posted to the context, and a slot emit
// posted to the strand the read's handler runs on (a signal is never emitted concurrently
// with its operation's handler). At the end both run() threads must return promptly once
// the work has run out (a lost backend wake-up shows up there).

#include "backend_test.hpp"
#include "portable_socket.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace socket_cancel_races_completion_threads_test {

using SocketCancelRacesCompletionThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr int max_iterations = 2000;
constexpr auto time_budget = std::chrono::seconds(5);
constexpr auto step_timeout = std::chrono::seconds(10);

struct connected_pair : ringport::test::tcp_pair {
  explicit connected_pair(ringport::io_context& ctx) : tcp_pair(ctx) {
    client.set_option(tcp::no_delay(true));
  }
};

// What one iteration's events report to the main thread.
struct iteration {
  std::mutex mutex;
  std::condition_variable cv;
  int started = 0;    // the read was started (on a run() thread)
  int cancelled = 0;  // the cancel ran (on a run() thread)
  int calls = 0;      // the read's handler ran
  error_code ec;
  std::size_t bytes = 0;

  void reset() {
    std::lock_guard lock(mutex);
    started = cancelled = calls = 0;
    ec = error_code();
    bytes = 0;
  }
  void note(int iteration::*what) {
    std::lock_guard lock(mutex);
    ++(this->*what);
    cv.notify_all();
  }
  void complete(error_code e, std::size_t n) {
    std::lock_guard lock(mutex);
    ++calls;
    ec = e;
    bytes = n;
    cv.notify_all();
  }
  template <typename Pred>
  bool wait(Pred pred) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, step_timeout, [&] { return pred(*this); });
  }
};

struct tally {
  int iterations = 0;
  int succeeded = 0;
  int aborted = 0;
};

// Reads exactly `size` bytes with the synchronous API, waiting at most step_timeout for each
// part to arrive: data lost by the race shows up as a timeout here, not as a hang.
std::string read_exactly(tcp::socket& s, std::size_t size) {
  std::string out;
  char buf[64];
  while (out.size() < size) {
    if (!ringport::test::wait_readable(
            s.native_handle(), std::chrono::duration_cast<std::chrono::milliseconds>(step_timeout)))
      break;
    std::size_t want = size - out.size();
    if (want > sizeof buf) want = sizeof buf;
    error_code ec;
    std::size_t n = s.read_some(ringport::buffer(buf, want), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

// Runs the race until max_iterations or the time budget. `start_read(handler)` and
// `cancel()` are posted to the context by the caller's wrappers.
template <typename StartRead, typename PostCancel>
tally race(connected_pair& p, iteration& it, char* buf, StartRead start_read,
           PostCancel post_cancel) {
  tally t;
  const auto deadline = std::chrono::steady_clock::now() + time_budget;
  for (int i = 0; i < max_iterations && std::chrono::steady_clock::now() < deadline; ++i) {
    char text[32];
    std::snprintf(text, sizeof text, "iteration %06d;", i);
    const std::string message = text;
    it.reset();
    start_read();
    if (!it.wait([](iteration& s) { return s.started == 1; })) {
      ADD_FAILURE() << "iteration " << i << ": the read was never started";
      break;
    }
    // The race: the data reaches the kernel while the cancel runs on a run() thread. Odd
    // iterations post the cancel first, which moves the window towards the abort side.
    if (i % 2 == 1) post_cancel();
    EXPECT_EQ(p.client.write_some(ringport::buffer(message)), message.size());
    if (i % 2 == 0) post_cancel();
    if (!it.wait([](iteration& s) { return s.calls >= 1 && s.cancelled == 1; })) {
      ADD_FAILURE() << "iteration " << i << ": handler calls " << it.calls << ", cancel ran "
                    << it.cancelled << " times";
      break;
    }
    ++t.iterations;
    std::string got;
    {
      std::lock_guard lock(it.mutex);
      EXPECT_EQ(it.calls, 1) << "iteration " << i;
      if (!it.ec) {
        EXPECT_GT(it.bytes, 0u) << "iteration " << i;
        EXPECT_LE(it.bytes, message.size()) << "iteration " << i;
        got.assign(buf, it.bytes);
        ++t.succeeded;
      } else {
        EXPECT_TRUE(it.ec == ringport::error::operation_aborted)
            << "iteration " << i << ": " << it.ec.message();
        EXPECT_EQ(it.bytes, 0u) << "iteration " << i;
        ++t.aborted;
      }
    }
    // Whatever the read did not take is still there, in order.
    got += read_exactly(p.server, message.size() - got.size());
    EXPECT_EQ(got, message) << "iteration " << i << ": data lost or reordered by the race";
    if (::testing::Test::HasFailure()) break;
  }
  return t;
}

// Two threads in run(); `returned` counts those that came back.
struct runners {
  explicit runners(ringport::io_context& ctx) {
    for (auto& t : threads)
      t = std::thread([this, &ctx] {
        ctx.run();
        ++returned;
      });
  }
  // Once the work has run out both threads must leave run() promptly. A thread left waiting
  // in the backend means its wake-up was lost: that is reported, then the thread is freed
  // by making the peer's socket readable (the backend's wait sees the event and returns).
  void join(connected_pair& p) {
    const auto deadline = std::chrono::steady_clock::now() + step_timeout;
    while (returned.load() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (returned.load() < 2) {
      ADD_FAILURE() << "run() did not return within 10 s after the work ran out: a thread "
                       "waiting in the backend missed the wake-up from stop()";
      p.client.write_some(ringport::buffer("!", 1));
    }
    for (auto& t : threads)
      t.join();
  }
  std::thread threads[2];
  std::atomic<int> returned{0};
};

TEST_P(SocketCancelRacesCompletionThreads, SocketCancelPostedToContext) {
  connected_pair p(ctx());
  iteration it;
  char buf[64];
  auto guard = ringport::make_work_guard(ctx());
  runners run(ctx());

  tally t = race(
      p, it, buf,
      [&] {
        ringport::post(ctx(), [&] {
          p.server.async_read_some(ringport::buffer(buf),
                                   [&](error_code ec, std::size_t n) { it.complete(ec, n); });
          it.note(&iteration::started);
        });
      },
      [&] {
        ringport::post(ctx(), [&] {
          p.server.cancel();
          it.note(&iteration::cancelled);
        });
      });

  guard.reset();
  if (HasFailure()) ctx().stop();  // an op may still be pending: do not wait for it
  run.join(p);
  EXPECT_GT(t.iterations, 0);
  EXPECT_EQ(t.succeeded + t.aborted, t.iterations);
  std::printf("[          ] %d iterations: %d read the data, %d were aborted\n", t.iterations,
              t.succeeded, t.aborted);
}

TEST_P(SocketCancelRacesCompletionThreads, SlotEmitPostedToHandlerStrand) {
  connected_pair p(ctx());
  iteration it;
  char buf[64];
  auto strand = ringport::make_strand(ctx());
  ringport::cancellation_signal signal;
  auto guard = ringport::make_work_guard(ctx());
  runners run(ctx());

  tally t = race(
      p, it, buf,
      [&] {
        ringport::post(strand, [&] {
          p.server.async_read_some(
              ringport::buffer(buf),
              ringport::bind_cancellation_slot(
                  signal.slot(), ringport::bind_executor(strand, [&](error_code ec, std::size_t n) {
                    it.complete(ec, n);
                  })));
          it.note(&iteration::started);
        });
      },
      [&] {
        ringport::post(strand, [&] {
          signal.emit(ringport::cancellation_type::terminal);
          it.note(&iteration::cancelled);
        });
      });

  guard.reset();
  if (HasFailure()) ctx().stop();  // an op may still be pending: do not wait for it
  run.join(p);
  EXPECT_GT(t.iterations, 0);
  EXPECT_EQ(t.succeeded + t.aborted, t.iterations);
  std::printf("[          ] %d iterations: %d read the data, %d were aborted\n", t.iterations,
              t.succeeded, t.aborted);
}

RINGPORT_INSTANTIATE_BACKENDS(SocketCancelRacesCompletionThreads);

}  // namespace socket_cancel_races_completion_threads_test
