// Timers the Asio way, written as for Asio: only the alias below names ringport.
// Usage: timers
// Runs five short scenes one after the other, each to completion (io_context::run, then
// restart), so the output does not depend on the machine's speed:
// 1. periodic: a steady_timer re-armed from its own handler with expires_at(expiry() +
//    period), so the ticks do not drift however late a handler runs; five ticks;
// 2. deadline: a one-shot timer cancels work still pending when it expires (the work, a
//    wait of an hour, completes with operation_aborted);
// 3. cancel: cancel() on a pending wait returns 1 and the handler gets operation_aborted;
// 4. re-arm: expires_after() on a timer with a pending wait cancels that wait (returns 1,
//    the old handler gets operation_aborted) and a new wait fires at the new expiry;
// 5. system_timer: a wait whose expiry has already passed completes at once with success,
//    and a wait on the system clock fires.
// Prints one line per event and a summary; exit status 0 only when everything happened as
// expected, 1 otherwise (with the unexpected event on standard error).
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that both behave the same.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <chrono>
#include <cstddef>
#include <exception>
#include <iostream>
#include <string>

using namespace std::chrono_literals;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "timers: unexpected: " << what << "\n";
    ++failures;
  }
}

// Asio's error codes compare with the enumerators; the message text varies by platform.
std::string describe(const asio::error_code& ec) {
  if (!ec) return "success";
  if (ec == asio::error::operation_aborted) return "operation aborted";
  return "error: " + ec.message();
}

// 1. A periodic timer without drift: each expiry is the previous one plus the period, not
// "now" plus the period, so time spent before a handler runs is not added to the next tick.
class ticker {
 public:
  ticker(asio::io_context& io_context, std::chrono::milliseconds period, int count)
      : timer_(io_context), period_(period), count_(count) {}

  void start() {
    start_ = asio::steady_timer::clock_type::now();
    timer_.expires_at(start_ + period_);
    timer_.async_wait([this](asio::error_code ec) { on_tick(ec); });
  }

  int ticks() const { return ticks_; }

 private:
  void on_tick(const asio::error_code& ec) {
    check(!ec, "tick: " + describe(ec));
    if (ec) return;
    ++ticks_;
    std::cout << "tick " << ticks_ << std::endl;
    check(timer_.expiry() == start_ + ticks_ * period_, "tick expiry drifted");
    check(asio::steady_timer::clock_type::now() >= timer_.expiry(), "tick before its expiry");
    if (ticks_ == count_) return;
    timer_.expires_at(timer_.expiry() + period_);
    timer_.async_wait([this](asio::error_code ec) { on_tick(ec); });
  }

  asio::steady_timer timer_;
  std::chrono::milliseconds period_;
  int count_;
  int ticks_ = 0;
  asio::steady_timer::time_point start_;
};

void periodic(asio::io_context& io_context) {
  ticker t(io_context, 20ms, 5);
  t.start();
  io_context.run();
  check(t.ticks() == 5, "periodic: " + std::to_string(t.ticks()) + " ticks, expected 5");
  std::cout << "periodic: " << t.ticks() << " ticks, each at start + n * period" << std::endl;
}

// 2. A deadline that cancels work: the work here is a wait far longer than the deadline.
void deadline(asio::io_context& io_context) {
  asio::steady_timer work(io_context, 1h);
  asio::steady_timer deadline(io_context, 30ms);
  bool work_done = false;
  bool deadline_fired = false;
  work.async_wait([&](asio::error_code ec) {
    work_done = true;
    check(deadline_fired, "work completed before the deadline");
    check(ec == asio::error::operation_aborted, "work: " + describe(ec));
    std::cout << "deadline: work ended with " << describe(ec) << std::endl;
  });
  deadline.async_wait([&](asio::error_code ec) {
    deadline_fired = true;
    check(!ec, "deadline: " + describe(ec));
    std::cout << "deadline: expired, cancelling the work" << std::endl;
    work.cancel();
  });
  io_context.run();
  check(work_done && deadline_fired, "deadline: a handler did not run");
}

// 3. cancel(): the pending wait completes at once with operation_aborted.
void cancel(asio::io_context& io_context) {
  asio::steady_timer timer(io_context, 1h);
  bool done = false;
  timer.async_wait([&](asio::error_code ec) {
    done = true;
    check(ec == asio::error::operation_aborted, "cancel: " + describe(ec));
    std::cout << "cancelled: " << describe(ec) << std::endl;
  });
  std::size_t cancelled = timer.cancel();
  check(cancelled == 1, "cancel() returned " + std::to_string(cancelled));
  std::cout << "cancel: " << cancelled << " wait cancelled" << std::endl;
  io_context.run();
  check(done, "cancel: the handler did not run");
}

// 4. Re-arming a timer with a pending wait: the old wait is cancelled, the new one fires.
void rearm(asio::io_context& io_context) {
  asio::steady_timer timer(io_context);
  timer.expires_after(1h);
  int order = 0;
  int first = 0;
  int second = 0;
  timer.async_wait([&](asio::error_code ec) {
    first = ++order;
    check(ec == asio::error::operation_aborted, "re-arm, old wait: " + describe(ec));
    std::cout << "re-arm: old wait ended with " << describe(ec) << std::endl;
  });
  std::size_t cancelled = timer.expires_after(10ms);
  check(cancelled == 1, "expires_after() returned " + std::to_string(cancelled));
  timer.async_wait([&](asio::error_code ec) {
    second = ++order;
    check(!ec, "re-arm, new wait: " + describe(ec));
    std::cout << "re-arm: new wait ended with " << describe(ec) << std::endl;
  });
  io_context.run();
  check(first == 1 && second == 2, "re-arm: handlers ran out of order or not at all");
}

// 5. The system clock: a wait already due completes at once; its handler then starts one
// that fires 20 ms later.
void system_clock(asio::io_context& io_context) {
  asio::system_timer past(io_context, std::chrono::system_clock::now() - 1h);
  asio::system_timer timer(io_context);
  int handlers = 0;
  past.async_wait([&](asio::error_code ec) {
    ++handlers;
    check(!ec, "system_timer (due): " + describe(ec));
    std::cout << "system_timer: already due, completed with " << describe(ec) << std::endl;
    timer.expires_at(std::chrono::system_clock::now() + 20ms);
    timer.async_wait([&](asio::error_code fired) {
      ++handlers;
      check(!fired, "system_timer: " + describe(fired));
      std::cout << "system_timer: fired with " << describe(fired) << std::endl;
    });
  });
  io_context.run();
  check(handlers == 2, "system_timer: " + std::to_string(handlers) + " handlers ran, expected 2");
}

}  // namespace

int main() {
  try {
    asio::io_context io_context;
    void (*scenes[])(asio::io_context&) = {periodic, deadline, cancel, rearm, system_clock};
    for (auto scene : scenes) {
      scene(io_context);
      io_context.restart();
    }
  } catch (const std::exception& e) {
    std::cerr << "timers: " << e.what() << "\n";
    return 1;
  }
  if (failures != 0) {
    std::cout << "timers: " << failures << " unexpected events" << std::endl;
    return 1;
  }
  std::cout << "timers: all as expected" << std::endl;
  return 0;
}
