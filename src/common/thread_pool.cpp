#include "ringport/thread_pool.hpp"

#include "run_threads.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace ringport {

namespace {

std::size_t default_thread_count() {
  unsigned n = std::thread::hardware_concurrency();
  return std::max<std::size_t>(2, std::size_t(n) * 2);
}

}  // namespace

thread_pool::thread_pool() : thread_pool(default_thread_count()) {}

thread_pool::thread_pool(std::size_t num_threads)
    : thread_pool(num_threads, backend_kind::automatic) {}

thread_pool::thread_pool(std::size_t num_threads, backend_kind backend)
    : scheduler_(make_service<detail::scheduler>(*this, backend, num_threads == 1 ? 1 : -1)),
      num_threads_(num_threads) {
  if (num_threads > 0x7FFFFFFF) throw std::out_of_range("thread pool size");
  // The pool's own unit of work: threads stay in run() while idle, until join()/wait()
  // releases it (then they leave when the queue drains) or stop() is called.
  scheduler_.work_started();
  detail::start_run_threads(scheduler_, num_threads, threads_);
}

thread_pool::~thread_pool() {
  stop();
  join();
  // Destroy the handlers that never ran while the pool's members are still alive.
  shutdown();
  destroy();
}

void thread_pool::stop() {
  scheduler_.stop();
}

void thread_pool::attach() {
  std::error_code ec;
  scheduler_.run(ec);
}

void thread_pool::release_work() noexcept {
  if (!work_released_) {
    work_released_ = true;
    scheduler_.work_finished();
  }
}

void thread_pool::join_threads() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void thread_pool::join() {
  std::lock_guard lock(mutex_);
  if (threads_.empty()) return;
  release_work();
  join_threads();
}

void thread_pool::wait() {
  std::lock_guard lock(mutex_);
  release_work();
  join_threads();
}

}  // namespace ringport
