// use_future: the completion token that makes an asynchronous operation return a
// std::future of its result. An error_code completion argument that is set becomes a
// system_error thrown from future::get(), an exception_ptr that is set is rethrown there.
//
//   std::future<void> f = ringport::post(ctx, ringport::use_future);
//   std::future<std::size_t> n = socket.async_read_some(buf, ringport::use_future);
//   auto g = ringport::post(ctx, ringport::use_future([] { return 42; }));  // future<int>
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/packaged_handler.hpp"
#include "ringport/detail/packaged_token.hpp"
#include "ringport/detail/promise_handler.hpp"

#include <future>
#include <memory>
#include <type_traits>
#include <utility>

namespace ringport {

/// The completion token that makes an asynchronous operation return a std::future of its
/// result (Asio's use_future_t).
///
/// A leading error_code completion argument that is set becomes a std::system_error thrown from
/// future::get(); a leading exception_ptr that is set is rethrown there. The remaining arguments
/// make the future's value: none gives `std::future<void>`, one its value, several a
/// std::tuple. `use_future(f)` makes a token whose future holds `f(arguments...)` instead.
template <typename Allocator = std::allocator<void>>
class use_future_t {
 public:
  /// The allocator the promise and the operation's memory come from.
  using allocator_type = Allocator;

  /// @name Construction
  //@{
  /// A token with a default-constructed allocator, or with `a`.
  constexpr use_future_t() = default;
  explicit use_future_t(const Allocator& a) : allocator_(a) {}
  //@}

  /// @name Another allocator
  //@{
  /// use_future[alloc] (deprecated in Asio, still common) and use_future.rebind(alloc): the
  /// same token, with the promise and the operation's memory taken from `a`.
  template <typename OtherAllocator>
  use_future_t<OtherAllocator> operator[](const OtherAllocator& a) const {
    return use_future_t<OtherAllocator>(a);
  }
  template <typename OtherAllocator>
  use_future_t<OtherAllocator> rebind(const OtherAllocator& a) const {
    return use_future_t<OtherAllocator>(a);
  }
  //@}

  /// The token's allocator.
  allocator_type get_allocator() const { return allocator_; }

  /// use_future(f): the future holds f(completion arguments...) instead of the arguments.
  template <typename Function>
  detail::packaged_token<std::decay_t<Function>, Allocator> operator()(Function&& f) const {
    return detail::packaged_token<std::decay_t<Function>, Allocator>(std::forward<Function>(f),
                                                                     allocator_);
  }

 private:
  [[no_unique_address]] Allocator allocator_{};
};

/// The completion token that makes an asynchronous operation return a std::future of its
/// result. An error_code completion argument that is set becomes a system_error thrown from
/// future::get(), an exception_ptr that is set is rethrown there.
inline constexpr use_future_t<> use_future;

/// Makes the operation return a std::future of its result: the handler fulfils a promise whose
/// future the initiating function returns.
template <typename Allocator, typename R, typename... Args>
class async_result<use_future_t<Allocator>, R(Args...)> {
 public:
  /// @name Types
  //@{
  /// The handler the operation is given (it fulfils a promise), and the future type the
  /// initiating function returns.
  using completion_handler_type = detail::promise_handler<void(std::decay_t<Args>...), Allocator>;
  using return_type = typename completion_handler_type::future_type;
  //@}

  /// @name The pre-initiate protocol (async_completion)
  //@{
  /// The handler exists first; the result is its future, which get() hands out.
  explicit async_result(completion_handler_type& handler) : future_(handler.get_future()) {}
  return_type get() { return std::move(future_); }
  //@}

  /// Makes the handler (with the token's allocator), starts the operation with it and returns
  /// its future.
  template <typename Initiation, typename RawCompletionToken, typename... InitArgs>
  static return_type initiate(Initiation&& initiation, RawCompletionToken&& token,
                              InitArgs&&... args) {
    completion_handler_type handler(token.get_allocator());
    return_type future = handler.get_future();
    std::forward<Initiation>(initiation)(std::move(handler), std::forward<InitArgs>(args)...);
    return future;
  }

 private:
  return_type future_;
};

template <typename Function, typename Allocator, typename R, typename... Args>
class async_result<detail::packaged_token<Function, Allocator>, R(Args...)> {
 public:
  using result_type = std::invoke_result_t<Function, std::decay_t<Args>...>;
  using completion_handler_type =
      detail::packaged_handler<Function, Allocator, result_type, std::decay_t<Args>...>;
  using return_type = std::future<result_type>;

  explicit async_result(completion_handler_type& handler) : future_(handler.get_future()) {}
  return_type get() { return std::move(future_); }

  template <typename Initiation, typename RawCompletionToken, typename... InitArgs>
  static return_type initiate(Initiation&& initiation, RawCompletionToken&& token,
                              InitArgs&&... args) {
    completion_handler_type handler(std::forward<RawCompletionToken>(token));
    return_type future = handler.get_future();
    std::forward<Initiation>(initiation)(std::move(handler), std::forward<InitArgs>(args)...);
    return future;
  }

 private:
  return_type future_;
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/error.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution/allocator.hpp"
#include "ringport/execution/bad_executor.hpp"
#include "ringport/execution/blocking.hpp"
#include "ringport/execution/bulk_guarantee.hpp"
#include "ringport/execution/context.hpp"
#include "ringport/execution/execute.hpp"
#include "ringport/execution/mapping.hpp"
#include "ringport/execution/occupancy.hpp"
#include "ringport/execution/outstanding_work.hpp"
#include "ringport/execution/relationship.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/prefer.hpp"
#include "ringport/query.hpp"
#include "ringport/require.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include <csignal>
