// Runs a handler on its own associated executor after the posting executor picked it up,
// holding outstanding work on the handler's executor meanwhile (post/dispatch/defer use it
// when the handler's executor differs from the one it was posted to).
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/execution.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Handler, typename Executor>
class work_dispatcher {
 public:
  template <typename H>
  work_dispatcher(H&& handler, const Executor& handler_ex)
      : handler_(std::forward<H>(handler)),
        work_(ringport::prefer(handler_ex, execution::outstanding_work.tracked)) {}

  void operator()() {
    auto alloc = get_associated_allocator(handler_);
    execution::execute(
        ringport::prefer(work_, execution::blocking.possibly, execution::allocator(alloc)),
        std::move(handler_));
  }

 private:
  using work_type = std::decay_t<decltype(ringport::prefer(std::declval<const Executor&>(),
                                                           execution::outstanding_work.tracked))>;
  Handler handler_;
  work_type work_;
};

}  // namespace ringport::detail
