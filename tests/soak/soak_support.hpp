// What the soak programs share: counting this process's open descriptors (handles on Windows),
// and a watchdog that ends the program (exit 1, after printing the state it is given) if it is
// not finished in time.
#pragma once

#include <ringport/post.hpp>
#include <ringport/thread_pool.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <windows.h>

#include <cstdint>
#else
#include <dirent.h>
#endif

namespace soak_support {

// Starts and joins a thread from this thread, once through the program's threads runtime and
// once through the library's, before the count a test starts from. On Windows a copy of that
// runtime (winpthreads) keeps a record of a thread it has met, with a duplicate of the
// thread's handle, until the thread exits: for the main thread, until the process ends. A DLL
// build has two copies, the DLL's and the program's, and which of the main thread's calls
// first reaches each differs from a static build; met before the count, the main thread's
// records are not taken for leaks at the end. Threads that come and go are still counted.
#if defined(_WIN32)
inline void first_use_on_this_thread() {
  std::thread([] {}).join();
  ringport::thread_pool pool(1);
  ringport::post(pool, [] {});
  pool.join();
}
#else
// Nothing to do: one threads runtime, and a thread record holds no descriptor.
inline void first_use_on_this_thread() {}
#endif

#if defined(_WIN32)
// What open_fds() counts, for the programs' messages.
inline constexpr const char* fds_name = "handles";

// The handles open in this process other than synchronization objects: sockets (File objects),
// completion ports, threads, files, registry keys. Found by asking each handle value for its
// object's type (NtQueryObject): handle values are multiples of 4 and a new handle reuses a
// freed value before it takes a higher one (Wine: the lowest free one), so past 4096 free
// values in a row there is none left (a test would need that many open at once to leave one
// higher). -1 if NtQueryObject is missing.
// Not GetProcessHandleCount: Wine (8.0) answers it with 0 whatever is open. Not the system's
// handle table (NtQuerySystemInformation, SystemExtendedHandleInformation): under Wine that
// call now and then never returns while other Wine processes start and end.
// Events, semaphores, mutants and keyed events are left out: winpthreads makes them for mutexes
// and condition variables on first contention and keeps those of static objects (the C++
// runtime's, the library's) until the process ends, so a first run of a test leaves a few
// more than it found and the next leaves as many as it found; ringport itself makes none for
// sockets or timers.
inline int open_fds() {
  struct type_name {  // the start of PUBLIC_OBJECT_TYPE_INFORMATION: a UNICODE_STRING
    USHORT length, maximum_length;
    const wchar_t* buffer;
  };
  using query_object_fn = LONG(WINAPI*)(HANDLE, int, void*, ULONG, ULONG*);
  constexpr int object_type_information = 2;
  constexpr std::uintptr_t step = 4, free_run_limit = 4096 * step;
  const auto query_object = reinterpret_cast<query_object_fn>(reinterpret_cast<void (*)()>(
      ::GetProcAddress(::GetModuleHandleW(L"ntdll.dll"), "NtQueryObject")));
  if (query_object == nullptr) return -1;
  int n = 0;
  for (std::uintptr_t value = step, last_open = 0; value - last_open <= free_run_limit;
       value += step) {
    alignas(8) char info[512];
    ULONG length = 0;
    const LONG status = query_object(reinterpret_cast<HANDLE>(value), object_type_information, info,
                                     sizeof info, &length);
    constexpr LONG status_invalid_handle = static_cast<LONG>(0xC0000008);
    if (status == status_invalid_handle) continue;
    last_open = value;
    if (status == 0) {
      const auto* name = reinterpret_cast<const type_name*>(info);
      const std::wstring type(name->buffer, name->length / sizeof(wchar_t));
      if (type == L"Event" || type == L"Semaphore" || type == L"Mutant" || type == L"KeyedEvent")
        continue;
    }
    ++n;  // an open handle whose type cannot be read counts
  }
  return n;
}

// Keeps Winsock started while it lives: from before the count before a test to after the count
// after it. The last WSACleanup of a process closes every socket still open, so without a
// reference of the test's own the library's last one (as the io_context goes) would close a
// leaked socket before the count could see it.
class winsock_reference {
 public:
  winsock_reference() {
    WSADATA data;
    started_ = ::WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }
  winsock_reference(const winsock_reference&) = delete;
  winsock_reference& operator=(const winsock_reference&) = delete;
  ~winsock_reference() {
    if (started_) ::WSACleanup();
  }

 private:
  bool started_ = false;
};

// The shortest sleep that sleeps at all: winpthreads' sleeps count whole milliseconds, shorter
// ones return at once.
inline constexpr std::chrono::milliseconds min_sleep{1};

// Under scripts/wine-run.sh: tells it that Wine started the program, so that a failure is
// reported as it is and not taken for Wine failing to start it (see there).
inline void note_started() {
  if (const char* path = std::getenv("RINGPORT_WINE_STARTED_FILE")) {
    if (std::FILE* f = std::fopen(path, "w")) std::fclose(f);
  }
}
#else
inline constexpr const char* fds_name = "fds";

// The descriptors open in this process, from /proc/self/fd; -1 if that cannot be read.
inline int open_fds() {
  int n = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  while (dirent* e = ::readdir(dir))
    if (e->d_name[0] != '.') ++n;
  ::closedir(dir);
  return n - 1;  // the directory's own descriptor
}

class winsock_reference {};  // nothing closes a Linux process's sockets behind its back

inline constexpr std::chrono::microseconds min_sleep{0};

inline void note_started() {}
#endif

// Whatever the test does (a hang in run(), a handler that never comes), the program ends by
// `limit`: the watchdog prints FAIL with state() and exits without teardown, since handlers
// may still be running on the objects a teardown would destroy.
class watchdog {
 public:
  watchdog(double limit_seconds, std::function<std::string()> state)
      : thread_([this, limit_seconds, state = std::move(state)] {
          std::unique_lock lock(mutex_);
          if (!cv_.wait_for(lock, std::chrono::duration<double>(limit_seconds),
                            [this] { return finished_; })) {
            std::printf("FAIL: watchdog: not finished after %g s (%s)\n", limit_seconds,
                        state().c_str());
            std::fflush(stdout);
            std::_Exit(1);
          }
        }) {}
  watchdog(const watchdog&) = delete;
  watchdog& operator=(const watchdog&) = delete;
  ~watchdog() {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool finished_ = false;
  std::thread thread_;  // last: it starts once the members it uses exist
};

}  // namespace soak_support
