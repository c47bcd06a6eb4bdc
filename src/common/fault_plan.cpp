#include "fault_plan.hpp"

#if RINGPORT_TESTING_HOOKS

namespace ringport::detail::fault {

const char* name(kind k) noexcept {
  static constexpr const char* names[kind_count] = {
      "short_transfer",   "interrupted",           "would_block",         "reset",
      "no_descriptors",   "full_submission_queue", "completion_overflow", "cancel_loses_race",
      "cancel_not_found", "late_completion",       "accept_error",        "connect_error",
  };
  auto i = static_cast<unsigned>(k);
  return i < kind_count ? names[i] : "unknown";
}

std::atomic<bool> armed_flag{false};

namespace {

plan current;
// Per kind: eligible calls seen (the index of the next decision), draws made, faults fired.
std::atomic<std::uint64_t> calls[kind_count];
std::atomic<std::uint64_t> draws[kind_count];
std::atomic<std::uint64_t> fired[kind_count];

// SplitMix64's finaliser: a well-mixed 64-bit value from a counter.
std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Decisions and draws of one kind come from their own streams, so the faults of one kind do
// not move when calls of another kind come in a different order.
std::uint64_t value(kind k, std::uint64_t stream, std::uint64_t n) noexcept {
  auto ki = static_cast<std::uint64_t>(k);
  return mix(mix(current.seed ^ (ki << 56) ^ (stream << 48)) + n);
}

}  // namespace

void arm(const plan& p) noexcept {
  armed_flag.store(false, std::memory_order_release);
  current = p;
  for (unsigned i = 0; i < kind_count; ++i) {
    calls[i].store(0, std::memory_order_relaxed);
    draws[i].store(0, std::memory_order_relaxed);
    fired[i].store(0, std::memory_order_relaxed);
  }
  armed_flag.store(true, std::memory_order_release);
}

void disarm() noexcept {
  armed_flag.store(false, std::memory_order_release);
}

std::uint64_t injected(kind k) noexcept {
  return fired[static_cast<unsigned>(k)].load(std::memory_order_relaxed);
}

bool decide(kind k) noexcept {
  auto i = static_cast<unsigned>(k);
  unsigned chance = current.per_mille[i];
  if (chance == 0) return false;
  std::uint64_t n = calls[i].fetch_add(1, std::memory_order_relaxed);
  if (value(k, 1, n) % 1000 >= chance) return false;
  fired[i].fetch_add(1, std::memory_order_relaxed);
  return true;
}

std::uint64_t draw_slow(kind k, std::uint64_t bound) noexcept {
  auto i = static_cast<unsigned>(k);
  std::uint64_t n = draws[i].fetch_add(1, std::memory_order_relaxed);
  return bound == 0 ? 0 : value(k, 2, n) % bound;
}

}  // namespace ringport::detail::fault

#endif  // RINGPORT_TESTING_HOOKS
