// Counts live operation objects so tests can prove that nothing is left behind.
#pragma once

#include "ringport/detail/config.hpp"

#include <atomic>

namespace ringport::detail {

class RINGPORT_DECL op_counter {
 public:
  static void add() noexcept {
#if RINGPORT_TRACK_OPS
    live_.fetch_add(1, std::memory_order_relaxed);
#endif
  }
  static void remove() noexcept {
#if RINGPORT_TRACK_OPS
    live_.fetch_sub(1, std::memory_order_relaxed);
#endif
  }
  // Number of operation objects constructed and not yet destroyed, process-wide.
  // Always 0 when the library was built with RINGPORT_TRACK_OPS=0.
  static long live() noexcept {
    return live_.load(std::memory_order_relaxed);
  }
  static constexpr bool enabled = RINGPORT_TRACK_OPS != 0;

 private:
  static std::atomic<long> live_;
};

}  // namespace ringport::detail
