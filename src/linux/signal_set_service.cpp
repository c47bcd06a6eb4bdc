// The POSIX half of the signal_set service (src/common/signal_set_service.cpp has the rest).
// The handler, installed with sigaction, writes the signal number into a non-blocking pipe
// (the only async-signal-safe thing it does); a process-wide dispatcher thread, started by
// the first add(), reads the pipe and hands each signal to deliver_signal().
#include "../common/signal_set_service_os.hpp"

#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <thread>

namespace ringport::detail {

namespace {

static_assert(signal_set_base::restart == SA_RESTART);
static_assert(signal_set_base::no_child_stop == SA_NOCLDSTOP);
static_assert(signal_set_base::no_child_wait == SA_NOCLDWAIT);
static_assert(NSIG <= signal_os::table_size);

// The pipe's write end, for the signal handler.
volatile int write_fd = -1;
// Guarded by the signal mutex.
bool dispatcher_started = false;

extern "C" void ringport_on_signal(int signal_number) {
  // Async-signal-safe: one write() of one byte. A full pipe drops the byte rather than block.
  int saved = errno;
  unsigned char byte = static_cast<unsigned char>(signal_number);
  [[maybe_unused]] ssize_t r = ::write(write_fd, &byte, 1);
  errno = saved;
}

error_code last_error() {
  return error_code(errno, ringport::system_category());
}

void dispatch_loop(int read_fd) {
  unsigned char buf[64];
  for (;;) {
    ssize_t n = ::read(read_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    for (ssize_t i = 0; i < n; ++i)
      deliver_signal(buf[i], 1);
  }
}

}  // namespace

namespace signal_os {

bool valid(int signal_number) noexcept {
  return signal_number > 0 && signal_number < NSIG;
}

error_code check_flags(signal_set_base::flags) noexcept {
  return error_code();  // sigaction takes them all
}

bool start_dispatcher(error_code& ec) {
  if (dispatcher_started) return true;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ec = last_error();
    return false;
  }
  // The handler must never block on a full pipe.
  ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) | O_NONBLOCK);
  // The dispatcher blocks every signal, so handlers run on the application's threads. It is
  // detached and its state is never freed, so it may outlive main().
  sigset_t all, old;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_BLOCK, &all, &old);
  try {
    std::thread(dispatch_loop, fds[0]).detach();
  } catch (const std::system_error& e) {
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    ::close(fds[0]);
    ::close(fds[1]);
    ec = e.code();
    return false;
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  write_fd = fds[1];
  dispatcher_started = true;
  return true;
}

bool install(int signal_number, signal_set_base::flags f, error_code& ec) {
  struct sigaction sa {};
  sa.sa_handler = ringport_on_signal;
  ::sigfillset(&sa.sa_mask);
  sa.sa_flags = f == signal_set_base::dont_care ? 0 : static_cast<int>(f);
  if (::sigaction(signal_number, &sa, nullptr) != 0) {
    ec = last_error();
    return false;
  }
  return true;
}

void uninstall(int signal_number) noexcept {
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(signal_number, &sa, nullptr);
}

}  // namespace signal_os

}  // namespace ringport::detail
