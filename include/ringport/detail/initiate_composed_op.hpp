// The initiation object async_compose hands to async_initiate: it remembers the I/O
// executors and, once the completion token has become a handler, builds the composed
// operation and makes the implementation's first call.
#pragma once

#include "ringport/detail/composed_op.hpp"
#include "ringport/detail/composed_work.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Signature, typename... Executors>
class initiate_composed_op {
 public:
  using executor_type = typename composed_work<Executors...>::head_executor_type;

  explicit initiate_composed_op(Executors... executors) : executors_(std::move(executors)...) {}

  executor_type get_executor() const noexcept {
    if constexpr (sizeof...(Executors) == 0)
      return executor_type();
    else
      return std::get<0>(executors_);
  }

  template <typename Handler, typename Impl>
  void operator()(Handler&& handler, Impl&& impl) const {
    using work_type = composed_work<Executors...>;
    using op_type = composed_op<std::decay_t<Impl>, work_type, std::decay_t<Handler>, Signature>;
    op_type op(std::forward<Impl>(impl),
               std::apply([](const Executors&... executors) { return work_type(executors...); },
                          executors_),
               std::forward<Handler>(handler));
    op.start();
  }

 private:
  std::tuple<Executors...> executors_;
};

}  // namespace ringport::detail
