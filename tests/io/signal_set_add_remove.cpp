// signal_set registration: add() of an invalid number fails (and of SIGKILL on Linux); adding a
// signal twice is harmless; remove() and clear() take signals out, and the last registration
// of a signal to go brings its default action back. Flags: on Linux conflicting flags are
// refused unless one side is dont_care; on Windows (no sigaction) any flag but dont_care is
// operation_not_supported, as in Asio.

#include "backend_test.hpp"

#include "ringport/signal_set.hpp"

#include <csignal>

namespace signal_set_add_remove_test {

using SignalSetAddRemove = ringport::test::backend_test;
using ringport::error_code;
using ringport::signal_set;

using handler_type = void (*)(int);

// The signal's current disposition, read by swapping SIG_DFL in and the old one back.
handler_type disposition(int signal_number) {
  handler_type old = std::signal(signal_number, SIG_DFL);
  if (old != SIG_ERR && old != SIG_DFL) std::signal(signal_number, old);
  return old;
}

TEST_P(SignalSetAddRemove, InvalidSignalsAreRefused) {
  signal_set set(ctx());
  error_code ec;
  set.add(0, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  set.add(100000, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
#if defined(__linux__)
  set.add(SIGKILL, ec);  // exists, but cannot be caught
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
#else
  set.add(1, ec);  // SIGHUP on POSIX; the CRT has no signal 1
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
#endif
  EXPECT_THROW(set.add(-3), ringport::system_error);
  set.add(SIGTERM, ec);
  EXPECT_FALSE(ec) << ec.message();
  set.add(SIGTERM, ec);  // twice: still one registration
  EXPECT_FALSE(ec) << ec.message();
}

#if defined(__linux__)
TEST_P(SignalSetAddRemove, FlagsMustAgree) {
  signal_set a(ctx()), b(ctx()), c(ctx());
  a.add(SIGUSR2, signal_set::restart);
  error_code ec;
  b.add(SIGUSR2, signal_set::no_child_stop, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  c.add(SIGUSR2, signal_set::dont_care, ec);
  EXPECT_FALSE(ec) << ec.message();
  b.add(SIGUSR2, signal_set::restart, ec);
  EXPECT_FALSE(ec) << ec.message();
}
#else
TEST_P(SignalSetAddRemove, FlagsAreNotSupported) {
  signal_set set(ctx());
  error_code ec;
  set.add(SIGTERM, signal_set::restart, ec);
  EXPECT_TRUE(ec == ringport::error::operation_not_supported) << ec.message();
  set.add(SIGTERM, signal_set::none, ec);
  EXPECT_TRUE(ec == ringport::error::operation_not_supported) << ec.message();
  EXPECT_EQ(disposition(SIGTERM), SIG_DFL);  // nothing was installed
  set.add(SIGTERM, signal_set::dont_care, ec);
  EXPECT_FALSE(ec) << ec.message();
}
#endif

TEST_P(SignalSetAddRemove, LastRemovalRestoresDefaultAction) {
  ASSERT_EQ(disposition(SIGTERM), SIG_DFL);
  signal_set a(ctx(), SIGTERM), b(ctx(), SIGTERM);
  EXPECT_NE(disposition(SIGTERM), SIG_DFL);
  a.remove(SIGTERM);
  EXPECT_NE(disposition(SIGTERM), SIG_DFL);  // b still holds it
  a.remove(SIGTERM);                         // not in the set: harmless
  b.remove(SIGTERM);
  EXPECT_EQ(disposition(SIGTERM), SIG_DFL);

  signal_set c(ctx(), SIGINT, SIGTERM);
  EXPECT_NE(disposition(SIGINT), SIG_DFL);
  EXPECT_NE(disposition(SIGTERM), SIG_DFL);
  c.clear();
  EXPECT_EQ(disposition(SIGINT), SIG_DFL);
  EXPECT_EQ(disposition(SIGTERM), SIG_DFL);
  {
    signal_set d(ctx(), SIGINT);
    EXPECT_NE(disposition(SIGINT), SIG_DFL);
  }  // destroying the set removes its signals
  EXPECT_EQ(disposition(SIGINT), SIG_DFL);
}

TEST_P(SignalSetAddRemove, RemovedSignalReachesNoWait) {
  signal_set set(ctx(), SIGINT, SIGTERM);
  set.remove(SIGINT);
  int got = 0;
  set.async_wait([&](error_code ec, int s) {
    EXPECT_FALSE(ec) << ec.message();
    got = s;
  });
  // SIGINT can't be raised here: with its default action back it would end the process.
  ASSERT_EQ(std::raise(SIGTERM), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(got, SIGTERM);
}

#if defined(__linux__)
// SIGWINCH and SIGURG are POSIX-only and ignored by default, so a removed one can be raised.
TEST_P(SignalSetAddRemove, RemovedSignalIsNotDelivered) {
  signal_set set(ctx());
  set.add(SIGWINCH);
  set.remove(SIGWINCH);
  set.add(SIGUSR1);
  int got = 0;
  set.async_wait([&](error_code ec, int s) {
    EXPECT_FALSE(ec) << ec.message();
    got = s;
  });
  ASSERT_EQ(std::raise(SIGWINCH), 0);  // default action again: ignored, reaches nobody
  ASSERT_EQ(std::raise(SIGUSR1), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(got, SIGUSR1);
}

TEST_P(SignalSetAddRemove, ClearRemovesEverything) {
  signal_set set(ctx(), SIGWINCH, SIGURG);
  set.clear();
  set.add(SIGUSR2);
  int got = 0;
  set.async_wait([&](error_code, int s) { got = s; });
  ASSERT_EQ(std::raise(SIGURG), 0);
  ASSERT_EQ(std::raise(SIGWINCH), 0);
  ASSERT_EQ(std::raise(SIGUSR2), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(got, SIGUSR2);
}
#endif

RINGPORT_INSTANTIATE_BACKENDS(SignalSetAddRemove);

}  // namespace signal_set_add_remove_test
