#include "../common/mutex_spin.hpp"

#include <pthread.h>

namespace ringport::detail {

void prefer_spinning([[maybe_unused]] std::mutex& m) noexcept {
#if defined(__GLIBC__)
  // glibc's adaptive mutex spins a bounded number of times (then sleeps as usual) when the
  // owner is running. std::mutex is a plain pthread mutex, unused so far: re-initialize it
  // in place with that type.
  pthread_mutexattr_t attr;
  if (::pthread_mutexattr_init(&attr) != 0) return;
  if (::pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP) == 0) {
    ::pthread_mutex_destroy(m.native_handle());
    ::pthread_mutex_init(m.native_handle(), &attr);
  }
  ::pthread_mutexattr_destroy(&attr);
#endif
}

}  // namespace ringport::detail
