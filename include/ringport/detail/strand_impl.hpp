// The shared state of a strand: every copy of a strand (and every strand rebound to other
// properties) points at one of these. A strand is "locked" while an invoker owns it; an
// invoker is queued on, or running in, the inner executor exactly while locked_ is true.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/thread_context.hpp"

#include <memory>
#include <mutex>

namespace ringport::detail {

class strand_registry;

class RINGPORT_DECL strand_impl {
 public:
  // `registry` (may be null) lets the owning context destroy queued handlers at shutdown.
  explicit strand_impl(std::shared_ptr<strand_registry> registry);
  ~strand_impl();
  strand_impl(const strand_impl&) = delete;
  strand_impl& operator=(const strand_impl&) = delete;

  // Takes ownership of `op`. Returns true when the strand was idle: the caller then owns the
  // strand and must hand an invoker to the inner executor.
  bool enqueue(scheduler_operation* op);

  // Called by the invoker when its ready queue is empty (or a handler threw): moves what
  // arrived meanwhile to the ready queue. Returns true when there is more to run (the invoker
  // keeps the strand and must run again); false releases the strand.
  bool push_waiting_to_ready();

  // The ops the owning invoker runs; only that invoker touches this queue.
  op_queue<scheduler_operation>& ready_queue() noexcept { return ready_; }

  bool running_in_this_thread() const noexcept { return thread_context::contains(this); }

 private:
  friend class strand_registry;

  std::mutex mutex_;
  bool locked_ = false;
  bool shutdown_ = false;
  op_queue<scheduler_operation> waiting_;  // guarded by mutex_
  op_queue<scheduler_operation> ready_;

  // Links in the registry's list, guarded by the registry's mutex.
  std::shared_ptr<strand_registry> registry_;
  strand_impl* prev_ = nullptr;
  strand_impl* next_ = nullptr;
  bool linked_ = false;
};

}  // namespace ringport::detail
