// What the soak programs share: counting this process's open descriptors (handles on Windows),
// and a watchdog that ends the program (exit 1, after printing the state it is given) if it is
// not finished in time.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
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

#include <vector>
#else
#include <dirent.h>
#endif

namespace soak_support {

#if defined(_WIN32)
// What open_fds() counts, for the programs' messages.
inline constexpr const char* fds_name = "handles";

// The handles open in this process other than synchronization objects, from the system's
// handle table (NtQuerySystemInformation, SystemExtendedHandleInformation): sockets (File
// objects), completion ports, threads, files, registry keys. -1 if the table cannot be read.
// Not GetProcessHandleCount: Wine (8.0) answers it with 0 whatever is open; the table is the
// wineserver's own, where a socket adds one and its close removes it. Events, semaphores,
// mutants and keyed events are left out: winpthreads makes them for mutexes and condition
// variables on first contention and keeps those of static objects (the C++ runtime's, the
// library's) until the process ends, so a first run of a test leaves a few more than it found
// and the next leaves as many as it found; ringport itself makes none for sockets or timers.
inline int open_fds() {
  struct entry {
    void* object;
    ULONG_PTR process_id, handle;
    ULONG granted_access;
    USHORT creator_back_trace_index, object_type_index;
    ULONG attributes, reserved;
  };
  struct table {
    ULONG_PTR count, reserved;
    entry entries[1];
  };
  struct type_name {  // the start of PUBLIC_OBJECT_TYPE_INFORMATION: a UNICODE_STRING
    USHORT length, maximum_length;
    const wchar_t* buffer;
  };
  using query_system_fn = LONG(WINAPI*)(int, void*, ULONG, ULONG*);
  using query_object_fn = LONG(WINAPI*)(HANDLE, int, void*, ULONG, ULONG*);
  constexpr int system_extended_handle_information = 64, object_type_information = 2;
  constexpr LONG status_info_length_mismatch = static_cast<LONG>(0xC0000004);
  const HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  const auto query_system = reinterpret_cast<query_system_fn>(
      reinterpret_cast<void (*)()>(::GetProcAddress(ntdll, "NtQuerySystemInformation")));
  const auto query_object = reinterpret_cast<query_object_fn>(
      reinterpret_cast<void (*)()>(::GetProcAddress(ntdll, "NtQueryObject")));
  if (query_system == nullptr || query_object == nullptr) return -1;
  // The table is every process's: it may grow between the size query and the copy.
  std::vector<ULONG_PTR> buffer(1 << 14);
  for (;;) {
    ULONG needed = 0;
    const auto bytes = static_cast<ULONG>(buffer.size() * sizeof(ULONG_PTR));
    const LONG status =
        query_system(system_extended_handle_information, buffer.data(), bytes, &needed);
    if (status == 0) break;
    if (status != status_info_length_mismatch || buffer.size() > (std::size_t{1} << 26)) return -1;
    buffer.resize(std::max<std::size_t>(buffer.size() * 2, needed / sizeof(ULONG_PTR) + 1024));
  }
  const auto* t = reinterpret_cast<const table*>(buffer.data());
  const ULONG_PTR self = ::GetCurrentProcessId();
  int n = 0;
  for (ULONG_PTR i = 0; i < t->count; ++i) {
    if (t->entries[i].process_id != self) continue;
    alignas(8) char info[512];
    ULONG length = 0;
    if (query_object(reinterpret_cast<HANDLE>(t->entries[i].handle), object_type_information, info,
                     sizeof info, &length) == 0) {
      const auto* name = reinterpret_cast<const type_name*>(info);
      const std::wstring type(name->buffer, name->length / sizeof(wchar_t));
      if (type == L"Event" || type == L"Semaphore" || type == L"Mutant" || type == L"KeyedEvent")
        continue;
    }
    ++n;  // a handle whose type cannot be read counts
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
