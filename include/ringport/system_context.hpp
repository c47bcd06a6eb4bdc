// system_context: the process-wide pool behind system_executor. It is created on first use
// (the first time a system_executor needs to queue a function), runs on a pool of threads,
// and at exit stops and joins them.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/execution/blocking.hpp"
#include "ringport/execution/relationship.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/system_executor_fwd.hpp"

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ringport {

/// The process-wide pool behind system_executor: Asio's system_context. It is created on
/// first use (the first time a system_executor needs to queue a function), runs on a pool of
/// threads, and at exit stops and joins them.
class RINGPORT_DECL system_context : public execution_context {
 public:
  /// system_executor, spelled out: associated_executor.hpp (which names it) includes this
  /// header indirectly.
  using executor_type =
      basic_system_executor<execution::blocking_t::possibly_t, execution::relationship_t::fork_t,
                            std::allocator<void>>;

  /// Stops the threads and joins them; handlers still queued are destroyed, not run.
  ~system_context();

  /// A system_executor.
  executor_type get_executor() noexcept;

  /// Makes the threads return as soon as they finish their current handler.
  void stop();
  /// Whether the context is stopped.
  bool stopped() const noexcept;
  /// Waits until the queued work has run, then joins the threads. Idempotent.
  void join();

 private:
  template <typename, typename, typename>
  friend class basic_system_executor;

  system_context();
  // The single instance, constructed on the first call (thread-safe static).
  static system_context& instance();

  detail::scheduler& scheduler_;
  std::size_t num_threads_ = 0;  // as started (the occupancy system_executor reports)
  std::mutex join_mutex_;
  bool joined_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ringport

// basic_system_executor's body needs system_context complete, and users who include only this
// header still expect get_executor() to return a complete type.
#include "ringport/system_executor.hpp"
