// What the soak programs share: counting this process's open descriptors, and a watchdog that
// ends the program (exit 1, after printing the state it is given) if it is not finished in time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace soak_support {

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
