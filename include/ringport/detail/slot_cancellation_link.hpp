// The link between a pending op and the cancellation handler it installs in its handler's
// cancellation slot, shared by every service that offers per-operation cancellation: timers,
// resolves, signal waits, and sockets on both OS halves.
//
// Two ends: the handler in the slot (slot_cancellation_link) holds `op_`, the pending op; the
// op (deriving from slot_link_end) holds `canceller_`, a pointer back to that `op_`. The op's
// owner sets both when the op starts and clears both, under its own lock, when the op ends
// (detach_canceller()) or when the slot drops the handler (Owner::unlink). So emitting,
// replacing or destroying the handler after the op has ended, after its I/O object moved or
// closed, or after its context is gone touches nothing.
//
// Owner is a small value the handler keeps; it provides, each under the owner's lock:
//   void cancel_linked(Link& l): if l.op_ is still set, end that op with operation_aborted
//     (or let a completion that won the race stand: exactly one outcome);
//   void unlink(Link& l): clear l.op_ and the op's canceller_.
#pragma once

#include "ringport/cancellation_type.hpp"

#include <atomic>
#include <utility>

namespace ringport::detail {

// The op's end of the link.
template <typename Op>
struct slot_link_end {
  // The handler's pointer to this op, or null. Written under the owner's lock.
  std::atomic<Op*>* canceller_ = nullptr;

  // Called under the owner's lock whenever the op ends (completes, is cancelled or
  // abandoned). TRICKY: from here on the handler no longer reaches the op, so an emit after
  // this point finds nothing to cancel, and the op's memory may be freed.
  void detach_canceller() noexcept {
    if (canceller_ != nullptr) {
      canceller_->store(nullptr, std::memory_order_release);
      canceller_ = nullptr;
    }
  }
};

// The handler's end of the link: what the op installs in its handler's cancellation slot.
template <typename Owner, typename Op>
class slot_cancellation_link {
 public:
  explicit slot_cancellation_link(Owner owner) noexcept : owner_(std::move(owner)) {}
  slot_cancellation_link(const slot_cancellation_link&) = delete;
  slot_cancellation_link& operator=(const slot_cancellation_link&) = delete;

  ~slot_cancellation_link() {
    // TRICKY: a null link means the op has ended, and its owner may be gone with its
    // context; only a live link (the pending op keeps the context alive) touches the owner.
    if (op_.load(std::memory_order_acquire) != nullptr) owner_.unlink(*this);
  }

  // An emit after the op ended does nothing: its owner (a service) may be gone with its
  // context by then.
  void operator()(cancellation_type type) {
    if (!!(type &
           (cancellation_type::terminal | cancellation_type::partial | cancellation_type::total)) &&
        op_.load(std::memory_order_acquire) != nullptr)
      owner_.cancel_linked(*this);
  }

  // Both ends, set by the owner under its lock (as the op starts, or later).
  void link(Op& op) noexcept {
    op_.store(&op, std::memory_order_release);
    op.canceller_ = &op_;
  }

  Owner& owner() noexcept { return owner_; }

  // The pending op, or null once it has ended. Written under the owner's lock.
  std::atomic<Op*> op_{nullptr};

 private:
  Owner owner_;
};

// The Owner of a service whose own members do the work: Service::cancel_linked(link) and
// Service::unlink(link), each taking the service's lock.
template <typename Service>
struct slot_owner {
  Service* service;
  template <typename Link>
  void cancel_linked(Link& l) {
    service->cancel_linked(l);
  }
  template <typename Link>
  void unlink(Link& l) {
    service->unlink(l);
  }
};

}  // namespace ringport::detail
