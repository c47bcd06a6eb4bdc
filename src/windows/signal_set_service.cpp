// The Windows half of the signal_set service (src/common/signal_set_service.cpp has the rest):
// what the C runtime and the console offer. SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGBREAK
// and SIGABRT are caught with the CRT's signal(); raise() runs that handler synchronously on
// the raising thread, which may hold any lock. Console control events arrive on a thread the
// system creates: CTRL_C_EVENT is SIGINT, CTRL_BREAK_EVENT SIGBREAK, and closing the console,
// logging off or shutting down SIGTERM.
//
// Neither handler takes a lock or allocates: each adds one to the signal's counter and sets an
// event. A process-wide dispatcher thread (started by the first add(), detached, its state
// never freed) waits on the event, takes the counters and hands them to deliver_signal().
#include "../common/signal_set_service_os.hpp"

#include "ringport/detail/signal_set_service.hpp"
#include "ringport/error.hpp"

#include <windows.h>

#include <atomic>
#include <csignal>
#include <system_error>
#include <thread>

namespace ringport::detail {

namespace {

static_assert(NSIG <= signal_os::table_size);

// Occurrences caught and not yet taken by the dispatcher.
std::atomic<unsigned long> caught[NSIG];
// Whether a set holds the signal (the handlers read it without the mutex).
std::atomic<bool> wanted[NSIG];
// Wakes the dispatcher (auto-reset). Written once under the signal mutex, before any handler
// that reads it is installed.
std::atomic<HANDLE> wake_event{nullptr};
// Guarded by the signal mutex.
bool dispatcher_started = false;

void note(int signal_number) noexcept {
  caught[signal_number].fetch_add(1, std::memory_order_release);
  if (HANDLE e = wake_event.load(std::memory_order_acquire)) ::SetEvent(e);
}

extern "C" void __cdecl ringport_on_crt_signal(int signal_number) {
  if (signal_number <= 0 || signal_number >= NSIG) return;
  // The CRT put SIG_DFL back before calling: catch the next one too while a set wants it.
  // (remove() racing this handler may leave it installed once more; it then delivers to
  // nobody.)
  if (wanted[signal_number].load(std::memory_order_acquire))
    ::signal(signal_number, ringport_on_crt_signal);
  note(signal_number);
}

// Returns TRUE when a set holds the event's signal; otherwise the next handler (the CRT's,
// then the default, which ends the process) sees the event.
BOOL WINAPI ringport_on_console_ctrl(DWORD ctrl_type) {
  int signal_number = 0;
  switch (ctrl_type) {
    case CTRL_C_EVENT:
      signal_number = SIGINT;
      break;
    case CTRL_BREAK_EVENT:
      signal_number = SIGBREAK;
      break;
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
      // The system may end the process once this returns; the delivery is only started.
      signal_number = SIGTERM;
      break;
    default:
      return FALSE;
  }
  if (!wanted[signal_number].load(std::memory_order_acquire)) return FALSE;
  note(signal_number);
  return TRUE;
}

void dispatch_loop(HANDLE event) {
  for (;;) {
    if (::WaitForSingleObject(event, INFINITE) != WAIT_OBJECT_0) return;
    for (int s = 1; s < NSIG; ++s) {
      if (caught[s].load(std::memory_order_relaxed) == 0) continue;
      if (unsigned long n = caught[s].exchange(0, std::memory_order_acquire)) deliver_signal(s, n);
    }
  }
}

}  // namespace

namespace signal_os {

bool valid(int signal_number) noexcept {
  switch (signal_number) {
    case SIGINT:
    case SIGILL:
    case SIGFPE:
    case SIGSEGV:
    case SIGTERM:
    case SIGBREAK:
    case SIGABRT:
      return true;
    default:
      return false;
  }
}

error_code check_flags(signal_set_base::flags f) noexcept {
  // As Asio: flags need sigaction, which Windows lacks.
  if (f != signal_set_base::dont_care) return error::operation_not_supported;
  return error_code();
}

bool start_dispatcher(error_code& ec) {
  if (dispatcher_started) return true;
  HANDLE event = ::CreateEventW(nullptr, FALSE, FALSE, nullptr);
  if (event == nullptr) {
    ec = error_code(static_cast<int>(::GetLastError()), error::get_system_category());
    return false;
  }
  try {
    std::thread(dispatch_loop, event).detach();
  } catch (const std::system_error& e) {
    ::CloseHandle(event);
    ec = e.code();
    return false;
  }
  wake_event.store(event, std::memory_order_release);
  // Registered once, for good: it passes on events whose signal no set holds. A process
  // without a console never gets an event, and registering works all the same.
  ::SetConsoleCtrlHandler(ringport_on_console_ctrl, TRUE);
  dispatcher_started = true;
  return true;
}

bool install(int signal_number, signal_set_base::flags, error_code& ec) {
  wanted[signal_number].store(true, std::memory_order_release);
  if (::signal(signal_number, ringport_on_crt_signal) == SIG_ERR) {
    wanted[signal_number].store(false, std::memory_order_release);
    ec = error::invalid_argument;  // as Asio on Windows
    return false;
  }
  return true;
}

void uninstall(int signal_number) noexcept {
  wanted[signal_number].store(false, std::memory_order_release);
  ::signal(signal_number, SIG_DFL);
}

}  // namespace signal_os

bool signal_set_service::test_console_ctrl_event(unsigned long ctrl_type) {
  return ringport_on_console_ctrl(static_cast<DWORD>(ctrl_type)) != FALSE;
}

}  // namespace ringport::detail
