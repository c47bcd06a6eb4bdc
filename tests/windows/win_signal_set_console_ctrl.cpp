// Console control events reach signal_set on Windows: CTRL_C_EVENT completes a pending
// async_wait with SIGINT, CTRL_BREAK_EVENT with SIGBREAK, closing the console with SIGTERM;
// the handler claims an event only while a set holds its signal (otherwise the next handler,
// finally the default one that ends the process, gets it), and ignores unknown events.
// SIGBREAK and SIGABRT raised with raise() arrive too.
//
// The events come through the handler routine that the first add() registered with
// SetConsoleCtrlHandler, called through the service's test hook as the console's control
// thread would call it: GenerateConsoleCtrlEvent needs a console (under CTest and Wine the
// tests run without one, their output being a pipe), and a CTRL_C_EVENT for process group 0
// would also reach every other process sharing that console.

#include "backend_test.hpp"
#include "signal_recorder.hpp"

#include "ringport/detail/signal_set_service.hpp"
#include "ringport/signal_set.hpp"

#include <windows.h>

#include <chrono>
#include <csignal>

namespace win_signal_set_console_ctrl_test {

using WinSignalSetConsoleCtrl = ringport::test::backend_test;
using ringport::error_code;
using ringport::detail::signal_set_service;

using recorder = ringport::test::signal_recorder;

TEST_P(WinSignalSetConsoleCtrl, CtrlCCompletesWaitWithSigint) {
  ringport::signal_set set(ctx(), SIGINT);
  recorder r;
  set.async_wait(r.handler());
  ctx().poll();
  EXPECT_EQ(r.calls, 0);
  EXPECT_TRUE(signal_set_service::test_console_ctrl_event(CTRL_C_EVENT));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.signal, SIGINT);
}

TEST_P(WinSignalSetConsoleCtrl, BreakIsSigbreakCloseIsSigterm) {
  ringport::signal_set set(ctx(), SIGBREAK, SIGTERM);
  recorder first, second;
  set.async_wait(first.handler());
  EXPECT_TRUE(signal_set_service::test_console_ctrl_event(CTRL_BREAK_EVENT));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(first.calls, 1);
  EXPECT_EQ(first.signal, SIGBREAK);

  ctx().restart();
  set.async_wait(second.handler());
  EXPECT_TRUE(signal_set_service::test_console_ctrl_event(CTRL_CLOSE_EVENT));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(second.calls, 1);
  EXPECT_EQ(second.signal, SIGTERM);
}

TEST_P(WinSignalSetConsoleCtrl, EventsWithoutASetArePassedOn) {
  ringport::signal_set set(ctx(), SIGBREAK);  // registers the handler routine, holds SIGBREAK
  EXPECT_FALSE(signal_set_service::test_console_ctrl_event(CTRL_C_EVENT));  // nobody has SIGINT
  EXPECT_FALSE(signal_set_service::test_console_ctrl_event(CTRL_SHUTDOWN_EVENT));  // nor SIGTERM
  EXPECT_FALSE(signal_set_service::test_console_ctrl_event(7));                    // no such event
  set.remove(SIGBREAK);
  EXPECT_FALSE(signal_set_service::test_console_ctrl_event(CTRL_BREAK_EVENT));

  // Nothing was counted for later: a new wait sees only what comes after it.
  set.add(SIGBREAK);
  recorder r;
  set.async_wait(r.handler());
  ctx().poll();
  EXPECT_EQ(r.calls, 0);
  set.cancel();
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_TRUE(r.ec == ringport::error::operation_aborted) << r.ec.message();
}

TEST_P(WinSignalSetConsoleCtrl, RaisedSigbreakAndSigabrtArrive) {
  ringport::signal_set set(ctx(), SIGBREAK, SIGABRT);
  recorder first, second;
  set.async_wait(first.handler());
  ASSERT_EQ(std::raise(SIGBREAK), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(first.calls, 1);
  EXPECT_EQ(first.signal, SIGBREAK);

  ctx().restart();
  set.async_wait(second.handler());
  ASSERT_EQ(std::raise(SIGABRT), 0);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(second.calls, 1);
  EXPECT_EQ(second.signal, SIGABRT);
}

RINGPORT_INSTANTIATE_BACKENDS(WinSignalSetConsoleCtrl);

}  // namespace win_signal_set_console_ctrl_test
