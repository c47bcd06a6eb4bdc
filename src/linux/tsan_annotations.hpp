// Happens-before edges that ThreadSanitizer cannot see because the kernel provides them: an
// op (or descriptor state) is published to the kernel by one thread (an SQE, epoll_ctl) and
// handed back to another (a CQE, an epoll event). Without these, TSan reports the handover
// as a race. No-ops in every other build.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define RINGPORT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RINGPORT_TSAN 1
#endif
#endif

#if defined(RINGPORT_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

namespace ringport::detail {

// Before handing `p` to the kernel.
inline void tsan_release([[maybe_unused]] void* p) noexcept {
#if defined(RINGPORT_TSAN)
  __tsan_release(p);
#endif
}

// After the kernel handed `p` back, before touching it.
inline void tsan_acquire([[maybe_unused]] void* p) noexcept {
#if defined(RINGPORT_TSAN)
  __tsan_acquire(p);
#endif
}

}  // namespace ringport::detail
