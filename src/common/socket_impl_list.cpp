#include "ringport/detail/socket_impl_list.hpp"

namespace ringport::detail {

std::atomic<long> socket_impl_list::live_{0};

void socket_impl_list::link(socket_impl_link& impl) {
  if (impl.linked_) return;
  std::lock_guard lock(mutex_);
  impl.next_ = head_;
  impl.prev_ = nullptr;
  if (head_) head_->prev_ = &impl;
  head_ = &impl;
  impl.linked_ = true;
#if RINGPORT_TRACK_OPS
  live_.fetch_add(1, std::memory_order_relaxed);
#endif
}

void socket_impl_list::unlink(socket_impl_link& impl) {
  if (!impl.linked_) return;
  std::lock_guard lock(mutex_);
  if (head_ == &impl) head_ = impl.next_;
  if (impl.prev_) impl.prev_->next_ = impl.next_;
  if (impl.next_) impl.next_->prev_ = impl.prev_;
  impl.next_ = nullptr;
  impl.prev_ = nullptr;
  impl.linked_ = false;
#if RINGPORT_TRACK_OPS
  live_.fetch_sub(1, std::memory_order_relaxed);
#endif
}

void socket_impl_list::replace(socket_impl_link& from, socket_impl_link& impl) {
  if (!from.linked_) return;
  std::lock_guard lock(mutex_);
  impl.next_ = from.next_;
  impl.prev_ = from.prev_;
  if (head_ == &from) head_ = &impl;
  if (impl.prev_) impl.prev_->next_ = &impl;
  if (impl.next_) impl.next_->prev_ = &impl;
  impl.linked_ = true;
  from.next_ = nullptr;
  from.prev_ = nullptr;
  from.linked_ = false;
}

std::size_t socket_impl_list::size() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const socket_impl_link* l = head_; l != nullptr; l = l->next_)
    ++n;
  return n;
}

}  // namespace ringport::detail
