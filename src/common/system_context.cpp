#include "ringport/system_context.hpp"

#include "run_threads.hpp"

#include "ringport/system_executor.hpp"

#include <algorithm>
#include <system_error>

namespace ringport {

namespace {

// Asio's default: twice the hardware threads, so handlers that block briefly do not starve
// the rest.
std::size_t default_thread_count() {
  unsigned n = std::thread::hardware_concurrency();
  return std::max<std::size_t>(2, std::size_t(n) * 2);
}

}  // namespace

system_context::system_context()
    : scheduler_(make_service<detail::scheduler>(*this, backend_kind::automatic, -1)) {
  // The context's own unit of work keeps the threads in run() until join() or destruction.
  scheduler_.work_started();
  num_threads_ = default_thread_count();
  detail::start_run_threads(scheduler_, num_threads_, threads_);
}

system_context::~system_context() {
  {
    std::lock_guard lock(join_mutex_);
    if (!joined_) {
      joined_ = true;
      scheduler_.work_finished();
    }
  }
  scheduler_.stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  // Shut the services down while every member is still alive: destroying a handler that was
  // still queued runs arbitrary code, which may even submit to the system executor again.
  shutdown();
  destroy();
}

system_context& system_context::instance() {
  static system_context ctx;
  return ctx;
}

system_context::executor_type system_context::get_executor() noexcept {
  return executor_type();
}

void system_context::stop() {
  scheduler_.stop();
}

bool system_context::stopped() const noexcept {
  return scheduler_.stopped();
}

void system_context::join() {
  std::lock_guard lock(join_mutex_);
  if (!joined_) {
    joined_ = true;
    scheduler_.work_finished();
  }
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

}  // namespace ringport
