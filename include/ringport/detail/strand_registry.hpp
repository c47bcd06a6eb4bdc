// The list of live strand implementations of one execution context. It is shared (not owned
// by the service alone) so that a strand that outlives its context can still unlink itself.
#pragma once

#include "ringport/detail/config.hpp"

#include <mutex>

namespace ringport::detail {

class strand_impl;

class RINGPORT_DECL strand_registry {
 public:
  strand_registry() = default;
  strand_registry(const strand_registry&) = delete;
  strand_registry& operator=(const strand_registry&) = delete;

  // Links `impl`; after shutdown() it marks `impl` shut down instead.
  void add(strand_impl& impl);
  void remove(strand_impl& impl) noexcept;
  // Context shutdown: every strand drops its queued handlers (destroyed, not invoked), and
  // handlers submitted later are destroyed at once.
  void shutdown();

 private:
  std::mutex mutex_;
  strand_impl* first_ = nullptr;
  bool shut_down_ = false;
};

}  // namespace ringport::detail
