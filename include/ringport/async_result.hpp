// async_result and async_initiate: how a completion token turns into a handler and what an
// asynchronous operation returns. The primary template treats the token as the handler.
#pragma once

#include "ringport/detail/config.hpp"
#include <concepts>
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

template <typename T>
struct is_completion_signature : std::false_type {};
template <typename R, typename... Args>
struct is_completion_signature<R(Args...)> : std::true_type {};
template <typename R, typename... Args>
struct is_completion_signature<R(Args...)&> : std::true_type {};
template <typename R, typename... Args>
struct is_completion_signature<R(Args...) &&> : std::true_type {};

// A handler fits a signature when it can be called with its arguments (as rvalues, as
// ringport passes them), the handler itself as an rvalue or an lvalue.
template <typename T, typename... Args>
inline constexpr bool invocable_with_signature_args =
    std::is_invocable_v<std::decay_t<T>, Args...> ||
    std::is_invocable_v<std::add_lvalue_reference_t<std::decay_t<T>>, Args...>;

template <typename T, typename Signature>
struct is_completion_handler_for : std::false_type {};
template <typename T, typename R, typename... Args>
struct is_completion_handler_for<T, R(Args...)>
    : std::bool_constant<invocable_with_signature_args<T, Args...>> {};
template <typename T, typename R, typename... Args>
struct is_completion_handler_for<T, R(Args...)&>
    : std::bool_constant<invocable_with_signature_args<T, Args...>> {};
template <typename T, typename R, typename... Args>
struct is_completion_handler_for<T, R(Args...) &&>
    : std::bool_constant<invocable_with_signature_args<T, Args...>> {};

// Marks async_result's primary template: the one that takes the token for the handler.
struct token_is_the_handler {};

}  // namespace detail

template <typename T>
concept completion_signature = detail::is_completion_signature<T>::value;

template <typename T, typename... Signatures>
concept completion_handler_for = (detail::is_completion_handler_for<T, Signatures>::value && ...);

/// How an asynchronous operation turns its completion token into a handler and what the
/// initiating function returns (Asio's async_result). Completion tokens specialize it; this
/// primary template is for a token that is the handler itself: the operation returns void.
template <typename CompletionToken, completion_signature... Signatures>
class async_result : public detail::token_is_the_handler {
 public:
  /// @name Members
  //@{
  /// The handler is the token; the initiating function returns nothing; initiate() calls the
  /// initiation with the token as the handler and the arguments.
  using completion_handler_type = CompletionToken;
  using return_type = void;

  explicit async_result(completion_handler_type&) {}
  return_type get() {}

  template <typename Initiation, typename RawCompletionToken, typename... Args>
  static return_type initiate(Initiation&& initiation, RawCompletionToken&& token, Args&&... args) {
    std::forward<Initiation>(initiation)(std::forward<RawCompletionToken>(token),
                                         std::forward<Args>(args)...);
  }
  //@}
};

namespace detail {

// For adapter tokens (as_tuple, bind_executor, ...): the inner token's return_type when it
// has one. Some tokens have none (deferred returns an object whose type depends on the
// initiation), and wrapping them must still compile.
template <typename InnerResult>
struct forwarded_return_type {};
template <typename InnerResult>
requires requires {
  typename InnerResult::return_type;
}
struct forwarded_return_type<InnerResult> {
  using return_type = typename InnerResult::return_type;
};

}  // namespace detail

/// `T` itself, in a context where it is not deduced (as std::type_identity).
template <typename T>
struct type_identity {
  /// The type.
  using type = T;
};
/// type_identity<T>::type: `T` itself, not deduced.
template <typename T>
using type_identity_t = typename type_identity<T>::type;

/// Asio's older token protocol, still used by async_result specializations that predate
/// initiate(): the handler is built from the token first, then async_result is built from the
/// handler, and get() yields what the initiating function returns. When the token already is
/// the handler type, the handler is the token itself (no copy).
template <typename CompletionToken, completion_signature... Signatures>
struct async_completion {
  /// @name Members
  //@{
  /// The handler type, the handler (a reference to the token when the token is the handler),
  /// and the async_result built from it.
  using completion_handler_type =
      typename async_result<std::decay_t<CompletionToken>, Signatures...>::completion_handler_type;

  explicit async_completion(CompletionToken& token)
      : completion_handler(
            static_cast<std::conditional_t<std::is_same_v<CompletionToken, completion_handler_type>,
                                           completion_handler_type&, CompletionToken&&>>(token)),
        result(completion_handler) {}

  std::conditional_t<std::is_same_v<CompletionToken, completion_handler_type>,
                     completion_handler_type&, completion_handler_type>
      completion_handler;
  async_result<std::decay_t<CompletionToken>, Signatures...> result;
  //@}
};

namespace detail {
template <typename Result, typename Initiation, typename Token, typename... Args>
concept has_initiate = requires(Initiation&& initiation, Token&& token, Args&&... args) {
  Result::initiate(std::forward<Initiation>(initiation), std::forward<Token>(token),
                   std::forward<Args>(args)...);
};
}  // namespace detail

/// Starts an asynchronous operation with completion signatures `Signatures` through the
/// completion token `token` (Asio's async_initiate): the token's async_result (for
/// decay_t<CompletionToken> and Signatures...) is handed `initiation`, the token and `args`
/// through its initiate(), or, for a specialization that predates initiate(), builds the handler
/// through async_completion, calls `initiation(handler, args...)` and returns its get(). Returns
/// what the async_result gives: nothing for a plain handler, an awaitable, a future, a deferred
/// operation...
template <typename CompletionToken, completion_signature... Signatures, typename Initiation,
          typename... Args>
decltype(auto) async_initiate(Initiation&& initiation, type_identity_t<CompletionToken>& token,
                              Args&&... args) {
  using result_type = async_result<std::decay_t<CompletionToken>, Signatures...>;
  if constexpr (detail::has_initiate<result_type, Initiation, CompletionToken, Args...>) {
    return result_type::initiate(std::forward<Initiation>(initiation),
                                 static_cast<CompletionToken&&>(token),
                                 std::forward<Args>(args)...);
  } else {
    async_completion<CompletionToken, Signatures...> completion(token);
    using handler_type = typename result_type::completion_handler_type;
    std::forward<Initiation>(initiation)(static_cast<handler_type&&>(completion.completion_handler),
                                         std::forward<Args>(args)...);
    return completion.result.get();
  }
}

namespace detail {
// A token with an async_result of its own (use_future, deferred, use_awaitable, the adapters,
// a user's token) is that specialisation's business. A token that is the handler itself must
// be callable with every signature's arguments: checked here, an initiating function that
// constrains its token rejects a wrong handler at the call, naming the signature it expected.
// (No token at all, void, when the executor names no default, is no handler.)
template <typename Token, typename... Signatures>
concept handler_callable_with_every_signature = (!std::is_void_v<std::decay_t<Token>>)&&(
    (!std::is_base_of_v<token_is_the_handler, async_result<std::decay_t<Token>, Signatures...>>) ||
    (is_completion_handler_for<Token, Signatures>::value && ...));
}  // namespace detail

/// A token an operation completing with `Signatures` accepts (Asio's completion_token_for).
template <typename T, typename... Signatures>
concept completion_token_for = detail::handler_callable_with_every_signature<T, Signatures...>;

/// The token an operation uses when none is given: default_completion_token<Executor>.
template <typename T>
struct default_completion_token {
  /// The token; void when the executor names no default_completion_token_type.
  using type = void;
};
/// default_completion_token for an executor that names its default_completion_token_type.
template <typename T>
requires requires {
  typename T::default_completion_token_type;
}
struct default_completion_token<T> {
  /// The executor's default_completion_token_type.
  using type = typename T::default_completion_token_type;
};
/// default_completion_token<T>::type: the token an operation on an executor of type `T` uses
/// when none is given.
template <typename T>
using default_completion_token_t = typename default_completion_token<T>::type;

}  // namespace ringport
