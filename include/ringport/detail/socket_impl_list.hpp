// The socket service's list of live socket implementations (Asio's mutex-protected list),
// so that the service's shutdown can close every socket still open. Intrusive: each
// implementation derives from socket_impl_link; linking allocates nothing.
//
// A socket's implementation is linked from construction until it is destroyed or moved
// from: a move puts the new implementation in the old one's place (one lock), and the
// moved-from one, closed, is no longer linked, so destroying it takes no lock. One that
// opens or adopts a socket again is linked again (link() does nothing to a linked one).
#pragma once

#include "ringport/detail/config.hpp"

#include <atomic>
#include <cstddef>
#include <mutex>

namespace ringport::detail {

struct socket_impl_link {
  socket_impl_link* next_ = nullptr;
  socket_impl_link* prev_ = nullptr;
  // Written by the list's calls on this node only (never by a neighbour's), so the thread
  // that owns the implementation may read it without the list's mutex.
  bool linked_ = false;
};

class RINGPORT_DECL socket_impl_list {
 public:
  // Each does nothing, and takes no lock, when there is nothing to do.
  void link(socket_impl_link& impl);
  void unlink(socket_impl_link& impl);
  // `impl` (not linked) takes `from`'s place if `from` is linked; `from` is then unlinked.
  void replace(socket_impl_link& from, socket_impl_link& impl);
  // Calls fn(Impl&) for each implementation, under the list's mutex (fn must not link or
  // unlink).
  template <typename Impl, typename Fn>
  void for_each(Fn fn) {
    std::lock_guard lock(mutex_);
    for (socket_impl_link* l = head_; l != nullptr; l = l->next_)
      fn(static_cast<Impl&>(*l));
  }
  // How many implementations are linked.
  std::size_t size() const;
  // Socket implementations linked and not yet unlinked in any list, process-wide (tests
  // check at teardown that none was left behind). Always 0 when the library was built with
  // RINGPORT_TRACK_OPS=0.
  static long live() noexcept { return live_.load(std::memory_order_relaxed); }

 private:
  static std::atomic<long> live_;
  mutable std::mutex mutex_;
  socket_impl_link* head_ = nullptr;
};

}  // namespace ringport::detail
