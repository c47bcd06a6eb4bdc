// executor_work_guard: keeps an executor's context from running out of work.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/execution.hpp"

#include <optional>
#include <type_traits>
#include <utility>

namespace ringport {

class execution_context;

/// Keeps an executor's context from running out of work: Asio's executor_work_guard. It holds
/// a copy of the executor with outstanding_work.tracked preferred until reset() or
/// destruction.
template <typename Executor>
class executor_work_guard {
 public:
  /// The executor whose context is kept busy.
  using executor_type = Executor;

  /// @name Construction and destruction
  //@{
  /// A guard that owns work on `e`'s context; a copy owns work too; a moved-from guard owns
  /// none; the destructor releases the work.
  explicit executor_work_guard(const executor_type& e) noexcept
      : executor_(e),
        work_(std::in_place, ringport::prefer(e, execution::outstanding_work.tracked)) {}
  executor_work_guard(const executor_work_guard& other) noexcept
      : executor_(other.executor_), work_(other.work_) {}
  executor_work_guard(executor_work_guard&& other) noexcept
      : executor_(std::move(other.executor_)), work_(std::move(other.work_)) {
    other.work_.reset();
  }
  executor_work_guard& operator=(const executor_work_guard&) = delete;
  ~executor_work_guard() = default;

  //@}
  /// @name Accessors
  //@{
  /// The executor, whether the guard still owns work, and reset(), which releases it.
  executor_type get_executor() const noexcept { return executor_; }
  bool owns_work() const noexcept { return work_.has_value(); }
  void reset() noexcept { work_.reset(); }

  //@}

 private:
  using work_type = std::decay_t<decltype(ringport::prefer(std::declval<const Executor&>(),
                                                           execution::outstanding_work.tracked))>;
  Executor executor_;
  std::optional<work_type> work_;
};

/// @name Making a work guard
//@{
/// An executor_work_guard on `ex` (or the execution context's get_executor()).
template <typename Executor>
requires execution::executor<Executor> executor_work_guard<Executor> make_work_guard(
    const Executor& ex) {
  return executor_work_guard<Executor>(ex);
}

template <typename ExecutionContext>
requires std::is_convertible_v<ExecutionContext&, execution_context&>
    executor_work_guard<typename ExecutionContext::executor_type> make_work_guard(
        ExecutionContext& ctx) {
  return executor_work_guard<typename ExecutionContext::executor_type>(ctx.get_executor());
}
//@}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include <csignal>
