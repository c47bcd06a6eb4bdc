// co_spawn(executor or context, awaitable or function returning one, token): starts a
// coroutine thread on the executor. Completion signature void(std::exception_ptr) for
// awaitable<void>, void(std::exception_ptr, T) otherwise; an exception that escapes the
// coroutine reaches the handler as the exception_ptr.
//
// The coroutine body never runs inside co_spawn: its start is posted to the executor (Asio
// dispatches it, so from inside the executor Asio may run the body up to its first
// suspension before co_spawn returns). The handler is dispatched on its associated executor
// (by default the coroutine's), after every frame of the coroutine has been freed. A
// cancellation slot associated with the token feeds the coroutine's cancellation state
// (terminal cancellation by default; this_coro::reset_cancellation_state widens it), whose
// slot every operation the coroutine awaits receives. Emit it from the coroutine's
// executor, as any per-operation cancellation in ringport.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/detail/co_spawn_entry.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/post.hpp"
#include "ringport/prefer.hpp"

#include <exception>
#include <type_traits>
#include <utility>

// GCC 12 warns (-Wsubobject-linkage) when a coroutine frame made from these templates holds a
// lambda of a test or of a function in an anonymous namespace; the frame type is local to the
// translation unit anyway.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

namespace ringport {

namespace detail {

template <typename T>
struct co_spawn_signature {
  using type = void(std::exception_ptr, T);
};
template <>
struct co_spawn_signature<void> {
  using type = void(std::exception_ptr);
};

template <typename T>
struct is_awaitable : std::false_type {};
template <typename T, typename Executor>
struct is_awaitable<awaitable<T, Executor>> : std::true_type {};

template <typename Executor>
class initiate_co_spawn {
 public:
  using executor_type = Executor;

  explicit initiate_co_spawn(const Executor& ex) : ex_(ex) {}
  executor_type get_executor() const noexcept { return ex_; }

  template <typename Handler, typename T>
  void operator()(Handler&& handler, awaitable<T, Executor> a) const {
    using handler_t = std::decay_t<Handler>;
    cancellation_slot slot = get_associated_cancellation_slot(handler);
    auto handler_ex = ringport::prefer(get_associated_executor(handler, ex_),
                                       execution::outstanding_work.tracked);
    co_spawn_entry<Executor> entry = co_spawn_entry_point<T, Executor>(
        std::move(a), handler_t(std::forward<Handler>(handler)), std::move(handler_ex));
    auto& promise = entry.handle().promise();
    promise.storage_.emplace(ex_, slot);
    promise.thread_ = &*promise.storage_;
    promise.thread_->set_bottom(entry.handle());
    awaitable_resumer<Executor> start(promise.thread_, entry.release());
    ringport::post(ex_, std::move(start));
  }

 private:
  Executor ex_;
};

template <typename T, typename Executor, typename F>
awaitable<T, Executor> co_spawn_call(F f) {
  if constexpr (std::is_void_v<T>)
    co_await f();
  else
    co_return co_await f();
}

}  // namespace detail

/// @name Spawning an awaitable
//@{
/// Starts a coroutine thread running `a` on the executor `ex` (or the execution context's
/// get_executor()). Completion signature void(std::exception_ptr) for awaitable<void>,
/// void(std::exception_ptr, T) otherwise; an exception that escapes the coroutine reaches the
/// handler as the exception_ptr.
///
/// The coroutine body never runs inside co_spawn: its start is posted to the executor (Asio
/// dispatches it, so from inside the executor Asio may run the body up to its first suspension
/// before co_spawn returns). The handler is dispatched on its associated executor (by default the
/// coroutine's), after every frame of the coroutine has been freed. A cancellation slot associated
/// with the token feeds the coroutine's cancellation state (terminal cancellation by default;
/// this_coro::reset_cancellation_state widens it), whose slot every operation the coroutine awaits
/// receives. Emit it from the coroutine's executor, as any per-operation cancellation in ringport.
template <typename Executor, typename T, typename AwaitableExecutor,
          typename CompletionToken = default_completion_token_t<Executor>>
requires(execution::executor<Executor>&&
             std::is_convertible_v<Executor, AwaitableExecutor>) decltype(auto)
    co_spawn(const Executor& ex, awaitable<T, AwaitableExecutor> a,
             CompletionToken&& token = CompletionToken()) {
  return async_initiate<CompletionToken, typename detail::co_spawn_signature<T>::type>(
      detail::initiate_co_spawn<AwaitableExecutor>(AwaitableExecutor(ex)), token, std::move(a));
}

template <typename ExecutionContext, typename T, typename AwaitableExecutor,
          typename CompletionToken =
              default_completion_token_t<typename ExecutionContext::executor_type>>
requires(std::is_convertible_v<ExecutionContext&, execution_context&>&& std::is_convertible_v<
         typename ExecutionContext::executor_type, AwaitableExecutor>) decltype(auto)
    co_spawn(ExecutionContext& ctx, awaitable<T, AwaitableExecutor> a,
             CompletionToken&& token = CompletionToken()) {
  return ringport::co_spawn(ctx.get_executor(), std::move(a), std::forward<CompletionToken>(token));
}
//@}

/// @name Spawning a function that returns an awaitable
//@{
/// With a function object that returns an awaitable: it is called inside the new coroutine
/// thread, and lives in its frame until the coroutine ends.
/// Otherwise as co_spawn of an awaitable: the same completion signatures, start and
/// cancellation.
template <typename Executor, typename F,
          typename CompletionToken = default_completion_token_t<Executor>>
requires(execution::executor<Executor>&&
             detail::is_awaitable<std::invoke_result_t<F>>::value) decltype(auto)
    co_spawn(const Executor& ex, F&& f, CompletionToken&& token = CompletionToken()) {
  using result_t = std::invoke_result_t<F>;
  using T = typename result_t::value_type;
  using AwaitableExecutor = typename result_t::executor_type;
  return ringport::co_spawn(
      ex, detail::co_spawn_call<T, AwaitableExecutor>(std::decay_t<F>(std::forward<F>(f))),
      std::forward<CompletionToken>(token));
}

template <typename ExecutionContext, typename F,
          typename CompletionToken =
              default_completion_token_t<typename ExecutionContext::executor_type>>
requires(std::is_convertible_v<ExecutionContext&, execution_context&>&&
             detail::is_awaitable<std::invoke_result_t<F>>::value) decltype(auto)
    co_spawn(ExecutionContext& ctx, F&& f, CompletionToken&& token = CompletionToken()) {
  return ringport::co_spawn(ctx.get_executor(), std::forward<F>(f),
                            std::forward<CompletionToken>(token));
}
//@}

}  // namespace ringport

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/use_awaitable.hpp"
