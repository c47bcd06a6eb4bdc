// signal_set registration: add() of an invalid number or of SIGKILL fails; adding a signal
// twice is harmless; conflicting flags are refused unless one side is dont_care; remove()
// and clear() take signals out (the default action comes back: a removed SIGWINCH, ignored
// by default, reaches no set, so the next delivery is the signal raised after it).
#if defined(__linux__)

#include "backend_test.hpp"

#include "ringport/signal_set.hpp"

#include <csignal>

namespace signal_set_add_remove_test {

using SignalSetAddRemove = ringport::test::backend_test;
using ringport::error_code;
using ringport::signal_set;

TEST_P(SignalSetAddRemove, InvalidSignalsAreRefused) {
  signal_set set(ctx());
  error_code ec;
  set.add(0, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  set.add(100000, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  set.add(SIGKILL, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  EXPECT_THROW(set.add(-3), ringport::system_error);
  set.add(SIGUSR1, ec);
  EXPECT_FALSE(ec) << ec.message();
  set.add(SIGUSR1, ec);  // twice: still one registration
  EXPECT_FALSE(ec) << ec.message();
}

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

RINGPORT_INSTANTIATE_BACKENDS(SignalSetAddRemove);

}  // namespace signal_set_add_remove_test

#endif  // __linux__
