// async_compose: turns a stateful implementation function object into an asynchronous
// operation that accepts any completion token (Asio's async_compose).
//
// The implementation is called as impl(self) when the operation starts, then as
// impl(self, results...) each time an intermediate operation it started with std::move(self)
// as the handler completes; self.complete(args...) ends the operation. Until then the
// executors of io_objects_or_executors, and the final handler's executor, keep outstanding
// work. A completion that happens during the first call is delivered later, through the
// handler's executor, never inside async_compose.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/composed_io_executor.hpp"
#include "ringport/detail/initiate_composed_op.hpp"

#include <utility>

namespace ringport {

/// Turns a stateful implementation function object into an asynchronous operation with the
/// completion signature `Signature` that accepts any completion token (Asio's async_compose).
///
/// The implementation is called as impl(self) when the operation starts, then as
/// impl(self, results...) each time an intermediate operation it started with std::move(self)
/// as the handler completes; self.complete(args...) ends the operation. Until then the
/// executors of io_objects_or_executors, and the final handler's executor, keep outstanding
/// work. A completion that happens during the first call is delivered later, through the
/// handler's executor, never inside async_compose.
template <typename CompletionToken, completion_signature Signature, typename Implementation,
          typename... IoObjectsOrExecutors>
decltype(auto) async_compose(Implementation&& implementation,
                             type_identity_t<CompletionToken>& token,
                             IoObjectsOrExecutors&&... io_objects_or_executors) {
  return async_initiate<CompletionToken, Signature>(
      detail::initiate_composed_op<Signature,
                                   detail::composed_io_executor_t<IoObjectsOrExecutors>...>(
          detail::composed_io_executor(
              std::forward<IoObjectsOrExecutors>(io_objects_or_executors))...),
      token, std::forward<Implementation>(implementation));
}

}  // namespace ringport
