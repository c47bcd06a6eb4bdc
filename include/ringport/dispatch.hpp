// dispatch(): Runs a handler at once when the caller is already inside the executor, else queues
// it.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/detail/initiate_post.hpp"
#include "ringport/execution.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

class execution_context;

/// @name Dispatching
//@{
/// Runs a handler at once when the caller is already inside the executor, else queues it. Without
/// an executor, the handler's associated executor is used; given an execution context, its
/// get_executor(). The handler is submitted with blocking.possibly, using its associated allocator;
/// when it has an associated executor other than `ex`, it runs there, with work counted on that
/// executor until it does. Completion signature void(); no error.
template <completion_token_for<void()> CompletionToken>
decltype(auto) dispatch(CompletionToken&& token) {
  using handler_ex_t = associated_executor_t<std::decay_t<CompletionToken>>;
  return async_initiate<CompletionToken, void()>(
      detail::initiate_submit<detail::submit_kind::dispatch, handler_ex_t>(
          get_associated_executor(token)),
      token);
}

template <typename Executor,
          completion_token_for<void()> CompletionToken = default_completion_token_t<Executor>>
requires execution::executor<Executor>
decltype(auto) dispatch(const Executor& ex, CompletionToken&& token = CompletionToken()) {
  return async_initiate<CompletionToken, void()>(
      detail::initiate_submit<detail::submit_kind::dispatch, Executor>(ex), token);
}

template <typename ExecutionContext,
          completion_token_for<void()> CompletionToken =
              default_completion_token_t<typename ExecutionContext::executor_type>>
requires std::is_convertible_v<ExecutionContext&, execution_context&>
decltype(auto) dispatch(ExecutionContext& ctx, CompletionToken&& token = CompletionToken()) {
  return ringport::dispatch(ctx.get_executor(), std::forward<CompletionToken>(token));
}
//@}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/executor_work_guard.hpp"
