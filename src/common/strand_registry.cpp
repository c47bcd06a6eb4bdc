#include "ringport/detail/strand_registry.hpp"

#include "ringport/detail/strand_impl.hpp"

namespace ringport::detail {

void strand_registry::add(strand_impl& impl) {
  std::lock_guard lock(mutex_);
  if (shut_down_) {
    std::lock_guard impl_lock(impl.mutex_);
    impl.shutdown_ = true;
    return;
  }
  impl.prev_ = nullptr;
  impl.next_ = first_;
  if (first_) first_->prev_ = &impl;
  first_ = &impl;
  impl.linked_ = true;
}

void strand_registry::remove(strand_impl& impl) noexcept {
  std::lock_guard lock(mutex_);
  if (!impl.linked_) return;
  if (impl.prev_)
    impl.prev_->next_ = impl.next_;
  else
    first_ = impl.next_;
  if (impl.next_) impl.next_->prev_ = impl.prev_;
  impl.prev_ = impl.next_ = nullptr;
  impl.linked_ = false;
}

void strand_registry::shutdown() {
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    // TRICKY: an impl whose last strand is dying waits in remove() for this mutex, so every
    // impl on the list stays alive while it is held. The context's threads have stopped, so
    // no invoker is walking a ready queue meanwhile.
    for (strand_impl* impl = first_; impl;) {
      strand_impl* next = impl->next_;
      {
        std::lock_guard impl_lock(impl->mutex_);
        impl->shutdown_ = true;
        ops.push(impl->waiting_);
        ops.push(impl->ready_);
      }
      impl->prev_ = impl->next_ = nullptr;
      impl->linked_ = false;
      impl = next;
    }
    first_ = nullptr;
  }
  // Destroying a handler may release the last reference to a strand, whose impl then calls
  // remove(): done without the lock.
  while (scheduler_operation* op = ops.front()) {
    ops.pop();
    op->destroy();
  }
}

}  // namespace ringport::detail
