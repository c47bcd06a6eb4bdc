#include "ringport/detail/strand_impl.hpp"

#include "ringport/detail/strand_registry.hpp"

namespace ringport::detail {

strand_impl::strand_impl(std::shared_ptr<strand_registry> registry)
    : registry_(std::move(registry)) {
  if (registry_) registry_->add(*this);
}

strand_impl::~strand_impl() {
  if (registry_) registry_->remove(*this);
  // Whatever is still queued (a strand with no context) is destroyed by the queues.
}

bool strand_impl::enqueue(scheduler_operation* op) {
  std::unique_lock lock(mutex_);
  if (shutdown_) {
    lock.unlock();
    op->destroy();
    return false;
  }
  if (locked_) {
    waiting_.push(op);
    return false;
  }
  locked_ = true;
  lock.unlock();
  // TRICKY: no lock needed: this caller now owns the strand, and the invoker it submits reads
  // the queue only after the inner executor's queue hand-off, which orders this push first.
  ready_.push(op);
  return true;
}

bool strand_impl::push_waiting_to_ready() {
  std::lock_guard lock(mutex_);
  ready_.push(waiting_);
  bool more = !ready_.empty();
  // TRICKY: unlocking under the mutex pairs with enqueue(): an op pushed after this sees
  // locked_ == false and submits a fresh invoker, so nothing waits without an owner.
  if (!more) locked_ = false;
  return more;
}

}  // namespace ringport::detail
