// How an operation runs its handler: through the handler's associated executor (by default
// the I/O object's executor), keeping that executor's context busy while the operation is
// pending. When the handler's executor is a plain executor of the io_context that completes
// the operation, the scheduler's own work count already covers it and the handler is called
// directly from run(); otherwise the op holds tracked work on the handler's executor and
// dispatches the handler there (blocking.possibly: inline when already inside it).
#pragma once

#include "ringport/associated_executor.hpp"
#include "ringport/detail/is_io_context_executor.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/io_context.hpp"

#include <optional>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Handler, typename IoExecutor>
class handler_work {
 public:
  using executor_type = associated_executor_t<Handler, IoExecutor>;

  // `io_ctx` is the context whose scheduler will complete the operation.
  handler_work(const Handler& handler, const IoExecutor& io_ex, const execution_context& io_ctx) {
    if constexpr (requires {
                    typename associated_executor<Handler, IoExecutor>::ringport_returns_candidate;
                  })
      track_unless_direct(io_ex, io_ctx);  // the handler's executor is io_ex itself: no copy
    else
      track_unless_direct(associated_executor<Handler, IoExecutor>::get(handler, io_ex), io_ctx);
  }

  handler_work(handler_work&&) = default;
  handler_work(const handler_work&) = delete;
  handler_work& operator=(const handler_work&) = delete;

  // Runs `function` (the handler with its arguments bound). Called from inside run() of the
  // operation's io_context.
  template <typename Function, typename Alloc>
  void complete(Function& function, const Alloc& alloc) {
    if (!work_) {
      std::move(function)();
      return;
    }
    execution::execute(
        ringport::prefer(*work_, execution::blocking.possibly, execution::allocator(alloc)),
        std::move(function));
  }

 private:
  using work_type = std::decay_t<decltype(ringport::prefer(std::declval<const executor_type&>(),
                                                           execution::outstanding_work.tracked))>;

  void track_unless_direct(const executor_type& ex, const execution_context& io_ctx) {
    if (!runs_directly(ex, io_ctx))
      work_.emplace(ringport::prefer(ex, execution::outstanding_work.tracked));
  }

  static bool runs_directly(const executor_type& ex, const execution_context& io_ctx) {
    if constexpr (is_io_context_executor_v<executor_type>) {
      return static_cast<const execution_context*>(&ex.context()) == &io_ctx;
    } else if constexpr (requires { ex.template target<io_context::executor_type>(); }) {
      // A polymorphic wrapper (any_io_executor) around the same io_context's plain executor.
      const auto* target = ex.template target<io_context::executor_type>();
      return target != nullptr &&
             static_cast<const execution_context*>(&target->context()) == &io_ctx;
    } else {
      return false;
    }
  }

  std::optional<work_type> work_;
};

}  // namespace ringport::detail
