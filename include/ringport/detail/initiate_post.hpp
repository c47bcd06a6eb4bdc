// The initiation objects behind post(), dispatch() and defer().
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/detail/work_dispatcher.hpp"
#include "ringport/execution.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

enum class submit_kind { post, dispatch, defer };

template <submit_kind Kind, typename Executor>
class initiate_submit {
 public:
  using executor_type = Executor;

  explicit initiate_submit(const Executor& ex) : ex_(ex) {}
  executor_type get_executor() const noexcept { return ex_; }

  template <typename Handler>
  void operator()(Handler&& handler) const {
    using handler_t = std::decay_t<Handler>;
    using handler_ex_t = associated_executor_t<handler_t, Executor>;
    auto alloc = get_associated_allocator(handler);
    auto ex = adapt(alloc);
    if constexpr (std::is_same_v<handler_ex_t, Executor>) {
      if (associated_executor<handler_t, Executor>::get(handler, ex_) == ex_) {
        execution::execute(ex, handler_t(std::forward<Handler>(handler)));
        return;
      }
    }
    handler_ex_t handler_ex = associated_executor<handler_t, Executor>::get(handler, ex_);
    execution::execute(
        ex, work_dispatcher<handler_t, handler_ex_t>(std::forward<Handler>(handler), handler_ex));
  }

 private:
  template <typename Alloc>
  auto adapt(const Alloc& alloc) const {
    if constexpr (Kind == submit_kind::dispatch)
      return ringport::prefer(ex_, execution::blocking.possibly, execution::allocator(alloc));
    else if constexpr (Kind == submit_kind::post)
      return ringport::prefer(ringport::require(ex_, execution::blocking.never),
                              execution::relationship.fork, execution::allocator(alloc));
    else
      return ringport::prefer(ringport::require(ex_, execution::blocking.never),
                              execution::relationship.continuation, execution::allocator(alloc));
  }

  Executor ex_;
};

}  // namespace ringport::detail
