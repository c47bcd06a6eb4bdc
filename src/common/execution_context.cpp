#include "ringport/execution_context.hpp"

namespace ringport {

execution_context::execution_context() = default;

execution_context::~execution_context() {
  shutdown();
  destroy();
}

void execution_context::notify_fork(fork_event event) {
  std::unique_lock lock(mutex_);
  // Newest first for prepare, oldest first afterwards (the order Asio documents).
  service* services[64];
  std::size_t n = 0;
  for (service* s = first_; s && n < 64; s = s->next_)
    services[n++] = s;
  lock.unlock();
  if (event == fork_prepare) {
    for (std::size_t i = 0; i < n; ++i)
      services[i]->notify_fork(event);
  } else {
    for (std::size_t i = n; i-- > 0;)
      services[i]->notify_fork(event);
  }
}

void execution_context::shutdown() {
  // TRICKY: a service's shutdown may destroy handlers whose destructors touch other services
  // (for example an executor's work count on the scheduler), so every service is shut down
  // before any is deleted, and the mutex is not held while calling out.
  std::unique_lock lock(mutex_);
  service* s = first_;
  lock.unlock();
  for (; s; s = s->next_) {
    if (!s->shut_down_) {
      s->shut_down_ = true;
      s->shutdown();
    }
  }
}

void execution_context::destroy() {
  std::unique_lock lock(mutex_);
  service* s = first_;
  first_ = nullptr;
  lock.unlock();
  while (s) {
    service* next = s->next_;
    delete s;
    s = next;
  }
}

execution_context::service* execution_context::find_or_create(const void* key,
                                                              factory_type factory) {
  {
    std::lock_guard lock(mutex_);
    for (service* s = first_; s; s = s->next_)
      if (s->key_ == key) return s;
  }
  // TRICKY: the constructor may itself call use_service, so it runs without the lock; if
  // another thread registered the same service meanwhile, ours is discarded.
  service* created = factory(*this);
  std::unique_lock lock(mutex_);
  for (service* s = first_; s; s = s->next_) {
    if (s->key_ == key) {
      lock.unlock();
      delete created;
      return s;
    }
  }
  created->key_ = key;
  created->next_ = first_;
  first_ = created;
  return created;
}

void execution_context::add(const void* key, service* svc) {
  std::lock_guard lock(mutex_);
  for (service* s = first_; s; s = s->next_)
    if (s->key_ == key) throw service_already_exists();
  svc->key_ = key;
  svc->next_ = first_;
  first_ = svc;
}

bool execution_context::has(const void* key) {
  std::lock_guard lock(mutex_);
  for (service* s = first_; s; s = s->next_)
    if (s->key_ == key) return true;
  return false;
}

}  // namespace ringport
