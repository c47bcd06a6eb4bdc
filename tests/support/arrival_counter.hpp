// Counts arrivals from any thread; a waiter waits, for at most `bound`, until a number of
// them has arrived. Tests of threads use it so that a broken scheduler fails instead of
// hanging.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ringport::test {

class arrival_counter {
 public:
  explicit arrival_counter(std::chrono::steady_clock::duration bound = std::chrono::seconds(10))
      : bound_(bound) {}

  void arrive() {
    std::lock_guard lock(mutex_);
    ++count_;
    cv_.notify_all();
  }
  // True when n arrivals were seen within the bound.
  bool wait_for_count(int n) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, bound_, [&] { return count_ >= n; });
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  std::chrono::steady_clock::duration bound_;
  std::mutex mutex_;
  std::condition_variable cv_;
  int count_ = 0;
};

}  // namespace ringport::test
