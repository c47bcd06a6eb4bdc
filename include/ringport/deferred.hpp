// deferred: the completion token that makes an asynchronous operation return a function
// object which starts nothing until it is called with a completion token.
//
//   auto op = timer.async_wait(ringport::deferred);      // nothing started yet
//   std::move(op)([](ringport::error_code ec) { ... });  // starts now; any token works
//
// Composition: deferred(f) as a token, or `op | deferred(f)`, runs f with the operation's
// completion arguments; f returns the next deferred operation, whose completion is the
// composed one. deferred.values(v...) completes at once with v...;
// deferred.when(b).then(x).otherwise(y) picks x or y. Inside an awaitable coroutine a
// deferred operation can be co_awaited directly, as if given use_awaitable.
//
// The objects are movable and consumed by the call (an lvalue call starts a copy, when the
// contents are copyable, as in Asio). The final token's handler is the one every step runs
// through, so its executor, allocator and cancellation slot apply to each step.
//
// Also reachable as experimental::deferred (include ringport/experimental/deferred.hpp), the
// name Asio 1.22 used.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/awaitable_wrapped_handler.hpp"
#include "ringport/detail/deferred_awaiter.hpp"
#include "ringport/detail/deferred_signature.hpp"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport {

/// True for the objects deferred composition works with.
template <typename T>
struct is_deferred : std::false_type {};

/// Disambiguates the constructors of the deferred objects.
struct deferred_init_tag {};

namespace detail {

template <typename Signature>
struct deferred_signature_pack {
  using type = deferred_signatures<Signature>;
};
template <typename... Signatures>
struct deferred_signature_pack<deferred_signatures<Signatures...>> {
  using type = deferred_signatures<Signatures...>;
};

// async_initiate with the signatures of a pack.
template <typename Pack>
struct deferred_initiator;
template <typename... Signatures>
struct deferred_initiator<deferred_signatures<Signatures...>> {
  template <typename CompletionToken, typename Initiation, typename... Args>
  static decltype(auto) start(Initiation&& initiation, CompletionToken& token, Args&&... args) {
    return async_initiate<CompletionToken, Signatures...>(std::forward<Initiation>(initiation),
                                                          token, std::forward<Args>(args)...);
  }
};

// The template argument of deferred_async_operation for a list of signatures.
template <typename... Signatures>
struct deferred_signature_argument {
  using type = deferred_signatures<Signatures...>;
};
template <typename Signature>
struct deferred_signature_argument<Signature> {
  using type = Signature;
};

// The single signature a co_await needs.
template <typename Pack>
struct deferred_awaited_signature {
  static_assert(sizeof(Pack) == 0,
                "co_await of a deferred operation needs exactly one completion signature");
};
template <typename Signature>
struct deferred_awaited_signature<deferred_signatures<Signature>> {
  using type = Signature;
};

// What a deferred sequence completes with: the tail, called with the head's (first)
// completion arguments, returns the next operation; its signatures are the sequence's.
template <typename Tail, typename HeadSignatures>
struct deferred_sequence_signatures;
template <typename Tail, typename R, typename... Args, typename... More>
struct deferred_sequence_signatures<Tail, deferred_signatures<R(Args...), More...>> {
  using next_type = decltype(std::declval<Tail>()(std::declval<Args>()...));
  static_assert(!std::is_void_v<next_type>,
                "a deferred continuation must return a deferred operation");
  using type = completion_signatures_of_t<next_type>;
};

// The handler the head of a sequence completes to: it builds the next operation from the
// completion arguments and starts it with the final handler, whose associations it shows.
template <typename Handler, typename Tail>
class deferred_sequence_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H, typename T>
  deferred_sequence_handler(H&& handler, T&& tail)
      : handler_(std::forward<H>(handler)), tail_(std::forward<T>(tail)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(Args&&... args) {
    // TRICKY: the next operation may complete on another thread as soon as it starts; this
    // handler (a local of the completing op) is not touched after the call.
    std::move(tail_)(std::forward<Args>(args)...)(std::move(handler_));
  }

 private:
  Handler handler_;
  Tail tail_;
};

}  // namespace detail

/// Does nothing: the empty branch of a deferred conditional.
struct deferred_noop {
  /// @name Calls
  //@{
  /// Ignores the arguments.
  template <typename... Args>
  void operator()(Args&&...) && {}
  template <typename... Args>
  void operator()(Args&&...) const& {}
  //@}
};

template <>
struct is_deferred<deferred_noop> : std::true_type {};

/// A function object used as a step of a deferred composition (what deferred(f) returns).
template <typename Function>
class deferred_function {
 public:
  /// Holds `function`.
  template <typename F>
  constexpr explicit deferred_function(deferred_init_tag, F&& function)
      : function_(std::forward<F>(function)) {}

  /// @name Calls
  //@{
  /// Calls the function with `args` (the completion arguments of the step before) and returns
  /// what it returns, the next deferred operation. The rvalue form moves the function; the
  /// lvalue form calls a copy.
  template <typename... Args>
  auto operator()(
      Args&&... args) && -> decltype(std::declval<Function&&>()(std::forward<Args>(args)...)) {
    return std::move(function_)(std::forward<Args>(args)...);
  }
  template <typename... Args>
  auto operator()(Args&&... args)
      const& -> decltype(Function(std::declval<const Function&>())(std::forward<Args>(args)...)) {
    return Function(function_)(std::forward<Args>(args)...);
  }
  //@}

  /// Public as in Asio, where the token's async_result takes it.
  Function function_;
};

template <typename Function>
struct is_deferred<deferred_function<Function>> : std::true_type {};

/// An operation that completes at once, inside its initiation, with the stored values.
template <typename... Values>
class [[nodiscard]] deferred_values : public detail::awaitable_internal_awaiter {
  struct initiate {
    template <typename Handler, typename... V>
    void operator()(Handler handler, V&&... values) {
      std::move(handler)(std::forward<V>(values)...);
    }
  };

 public:
  /// Holds `values` (what deferred_t::values() passes).
  template <typename... V>
  constexpr explicit deferred_values(deferred_init_tag, V&&... values)
      : values_(std::forward<V>(values)...) {}

  /// @name Starting
  //@{
  /// Starts the operation with `token`: it completes at once, with completion signature
  /// void(Values...). The rvalue form consumes the object; the lvalue form starts a copy (when
  /// the values are copyable).
  template <typename CompletionToken>
  decltype(auto) operator()(CompletionToken&& token) && {
    return start<CompletionToken>(token, std::index_sequence_for<Values...>());
  }
  template <typename CompletionToken>
  requires(std::is_copy_constructible_v<Values>&&...) decltype(auto) operator()(
      CompletionToken&& token) const& {
    return deferred_values(*this)(std::forward<CompletionToken>(token));
  }
  //@}

  /// @name Awaiting
  //@{
  /// Inside an awaitable coroutine, co_awaits the operation as if it were started with
  /// use_awaitable. The rvalue form consumes the object; the lvalue form awaits a copy.
  auto operator co_await() && {
    return detail::deferred_awaiter<deferred_values, void(Values...)>(std::move(*this));
  }
  auto operator co_await() const& requires(std::is_copy_constructible_v<Values>&&...) {
    return detail::deferred_awaiter<deferred_values, void(Values...)>(deferred_values(*this));
  }
  //@}

 private:
  template <typename CompletionToken, std::size_t... I>
  decltype(auto) start(CompletionToken& token, std::index_sequence<I...>) {
    return async_initiate<CompletionToken, void(Values...)>(initiate(), token,
                                                            std::get<I>(std::move(values_))...);
  }

  std::tuple<Values...> values_;
};

template <typename... Values>
struct is_deferred<deferred_values<Values...>> : std::true_type {};

/// An initiating function's call, kept: the initiation and its arguments, started with the
/// token the object is later called with. Signature is the completion signature, or
/// deferred_signatures<...> for an operation that has several.
template <typename Signature, typename Initiation, typename... InitArgs>
class [[nodiscard]] deferred_async_operation : public detail::awaitable_internal_awaiter {
  using initiation_t = std::decay_t<Initiation>;
  using init_args_t = std::tuple<std::decay_t<InitArgs>...>;
  using signatures = typename detail::deferred_signature_pack<Signature>::type;
  using initiator = detail::deferred_initiator<signatures>;

 public:
  /// Keeps `initiation` and `init_args` (what async_result<deferred_t> passes).
  template <typename I, typename... A>
  constexpr explicit deferred_async_operation(deferred_init_tag, I&& initiation, A&&... init_args)
      : initiation_(std::forward<I>(initiation)), init_args_(std::forward<A>(init_args)...) {}

  /// @name Starting
  //@{
  /// Starts the operation with `token`, as the initiating function would have with that token.
  /// The rvalue form consumes the object; the lvalue form starts a copy, leaving this object as
  /// it was (the arguments passed as const lvalues).
  template <typename CompletionToken>
  decltype(auto) operator()(CompletionToken&& token) && {
    return start<CompletionToken>(token, std::index_sequence_for<InitArgs...>());
  }
  // Starts a copy, leaving this object as it was (the arguments passed as const lvalues).
  template <typename CompletionToken>
  requires(std::is_copy_constructible_v<initiation_t>) decltype(auto) operator()(
      CompletionToken&& token) const& {
    return start_copy<CompletionToken>(token, std::index_sequence_for<InitArgs...>());
  }
  //@}

  /// @name Awaiting
  //@{
  /// Inside an awaitable coroutine, co_awaits the operation as if it were started with
  /// use_awaitable. The rvalue form consumes the object; the lvalue form awaits a copy.
  auto operator co_await() && {
    return detail::deferred_awaiter<deferred_async_operation,
                                    typename detail::deferred_awaited_signature<signatures>::type>(
        std::move(*this));
  }
  auto operator co_await() const& requires(
      std::is_copy_constructible_v<initiation_t>&& std::is_copy_constructible_v<init_args_t>) {
    return detail::deferred_awaiter<deferred_async_operation,
                                    typename detail::deferred_awaited_signature<signatures>::type>(
        deferred_async_operation(*this));
  }
  //@}

 private:
  template <typename CompletionToken, std::size_t... I>
  decltype(auto) start(CompletionToken& token, std::index_sequence<I...>) {
    return initiator::template start<CompletionToken>(std::move(initiation_), token,
                                                      std::get<I>(std::move(init_args_))...);
  }
  template <typename CompletionToken, std::size_t... I>
  decltype(auto) start_copy(CompletionToken& token, std::index_sequence<I...>) const {
    return initiator::template start<CompletionToken>(initiation_t(initiation_), token,
                                                      std::get<I>(init_args_)...);
  }

  initiation_t initiation_;
  init_args_t init_args_;
};

template <typename Signature, typename Initiation, typename... InitArgs>
struct is_deferred<deferred_async_operation<Signature, Initiation, InitArgs...>> : std::true_type {
};

/// Two steps of a composition: Head, then whatever Tail (called with Head's completion
/// arguments) returns, with the token the sequence is called with.
template <typename Head, typename Tail>
class [[nodiscard]] deferred_sequence : public detail::awaitable_internal_awaiter {
  using signatures =
      typename detail::deferred_sequence_signatures<Tail,
                                                    detail::completion_signatures_of_t<Head>>::type;
  using initiator = detail::deferred_initiator<signatures>;

  struct initiate {
    template <typename Handler>
    void operator()(Handler&& handler, Head head, Tail tail) {
      std::move(head)(detail::deferred_sequence_handler<std::decay_t<Handler>, Tail>(
          std::forward<Handler>(handler), std::move(tail)));
    }
  };

 public:
  /// Holds the two steps.
  template <typename H, typename T>
  constexpr explicit deferred_sequence(deferred_init_tag, H&& head, T&& tail)
      : head_(std::forward<H>(head)), tail_(std::forward<T>(tail)) {}

  /// @name Starting
  //@{
  /// Starts Head; when it completes, Tail is called with its completion arguments and the
  /// operation Tail returns is started with `token`. The rvalue form consumes the object; the
  /// lvalue form starts a copy (when both steps are copyable).
  template <typename CompletionToken>
  decltype(auto) operator()(CompletionToken&& token) && {
    return initiator::template start<CompletionToken>(initiate(), token, std::move(head_),
                                                      std::move(tail_));
  }
  template <typename CompletionToken>
  requires(std::is_copy_constructible_v<Head>&& std::is_copy_constructible_v<Tail>) decltype(auto)
  operator()(CompletionToken&& token) const& {
    return initiator::template start<CompletionToken>(initiate(), token, head_, tail_);
  }
  //@}

  /// @name Awaiting
  //@{
  /// Inside an awaitable coroutine, co_awaits the operation as if it were started with
  /// use_awaitable. The rvalue form consumes the object; the lvalue form awaits a copy.
  auto operator co_await() && {
    return detail::deferred_awaiter<deferred_sequence,
                                    typename detail::deferred_awaited_signature<signatures>::type>(
        std::move(*this));
  }
  auto operator co_await() const& requires(
      std::is_copy_constructible_v<Head>&& std::is_copy_constructible_v<Tail>) {
    return detail::deferred_awaiter<deferred_sequence,
                                    typename detail::deferred_awaited_signature<signatures>::type>(
        deferred_sequence(*this));
  }
  //@}

 private:
  Head head_;
  Tail tail_;
};

template <typename Head, typename Tail>
struct is_deferred<deferred_sequence<Head, Tail>> : std::true_type {};

/// A branch chosen by a value known when the composition is built: called with a token (or
/// with completion arguments), it passes them to OnTrue or OnFalse. deferred.when(b) starts
/// one with both branches empty; then() and otherwise() fill them, in that order.
template <typename OnTrue = deferred_noop, typename OnFalse = deferred_noop>
class [[nodiscard]] deferred_conditional {
 public:
  /// A branch on `b` with both branches empty (deferred_noop).
  constexpr explicit deferred_conditional(bool b) : on_true_(), on_false_(), bool_(b) {}

  /// @name Calls
  //@{
  /// Passes `args` (a completion token, or completion arguments) to OnTrue when the value was
  /// true, to OnFalse otherwise, and returns what that returns.
  template <typename... Args>
  auto operator()(
      Args&&... args) && -> decltype(std::declval<OnTrue&&>()(std::forward<Args>(args)...)) {
    if (bool_) return std::move(on_true_)(std::forward<Args>(args)...);
    return std::move(on_false_)(std::forward<Args>(args)...);
  }
  template <typename... Args>
  auto operator()(Args&&... args)
      const& -> decltype(std::declval<const OnTrue&>()(std::forward<Args>(args)...)) {
    if (bool_) return on_true_(std::forward<Args>(args)...);
    return on_false_(std::forward<Args>(args)...);
  }
  //@}

  /// The conditional with `on_true` (a deferred object) as the branch taken when the value is
  /// true; only on a conditional whose true branch is still empty.
  template <typename T>
  requires(is_deferred<T>::value&& std::is_same_v<OnTrue, deferred_noop>)
      deferred_conditional<T, OnFalse> then(T on_true) && {
    return deferred_conditional<T, OnFalse>(bool_, std::move(on_true), std::move(on_false_));
  }

  /// The conditional with `on_false` (a deferred object) as the branch taken when the value is
  /// false; only after then(), and once.
  template <typename T>
  requires(is_deferred<T>::value && !std::is_same_v<OnTrue, deferred_noop> &&
           std::is_same_v<OnFalse, deferred_noop>)
      deferred_conditional<OnTrue, T> otherwise(T on_false) && {
    return deferred_conditional<OnTrue, T>(bool_, std::move(on_true_), std::move(on_false));
  }

 private:
  template <typename T, typename F>
  friend class deferred_conditional;

  template <typename T, typename F>
  deferred_conditional(bool b, T&& on_true, F&& on_false)
      : on_true_(std::forward<T>(on_true)), on_false_(std::forward<F>(on_false)), bool_(b) {}

  OnTrue on_true_;
  OnFalse on_false_;
  bool bool_;
};

template <typename OnTrue, typename OnFalse>
struct is_deferred<deferred_conditional<OnTrue, OnFalse>> : std::true_type {};

/// The token type; `deferred` is its value.
class deferred_t {
 public:
  constexpr deferred_t() noexcept = default;

  /// An executor that names deferred_t as its default completion token.
  template <typename InnerExecutor>
  struct executor_with_default : InnerExecutor {
    /// @name Members
    //@{
    /// deferred_t is the default token; it is built from the inner executor (or one that
    /// converts to it).
    using default_completion_token_type = deferred_t;

    executor_with_default(const InnerExecutor& ex) noexcept : InnerExecutor(ex) {}

    template <typename OtherExecutor>
    requires(!std::is_same_v<std::decay_t<OtherExecutor>, executor_with_default> &&
             std::is_convertible_v<OtherExecutor, InnerExecutor>)
        executor_with_default(const OtherExecutor& ex)
    noexcept : InnerExecutor(ex) {}
    //@}
  };

  /// @name Making deferred the default token
  //@{
  /// The type of an I/O object on an executor_with_default, and as_default_on(), which converts
  /// an I/O object to it.
  template <typename T>
  using as_default_on_t =
      typename T::template rebind_executor<executor_with_default<typename T::executor_type>>::other;

  template <typename T>
  static typename std::decay_t<T>::template rebind_executor<
      executor_with_default<typename std::decay_t<T>::executor_type>>::other
  as_default_on(T&& object) {
    return typename std::decay_t<T>::template rebind_executor<executor_with_default<
        typename std::decay_t<T>::executor_type>>::other(std::forward<T>(object));
  }
  //@}

  /// deferred(f): a step of a composition.
  template <typename Function>
  requires(!is_deferred<std::decay_t<Function>>::value) deferred_function<std::decay_t<Function>>
  operator()(Function&& function) const {
    return deferred_function<std::decay_t<Function>>(deferred_init_tag{},
                                                     std::forward<Function>(function));
  }

  /// deferred(d) of something already deferred is d itself.
  template <typename T>
  requires is_deferred<std::decay_t<T>>::value std::decay_t<T>
  operator()(T&& t) const { return std::forward<T>(t); }

  /// An operation that completes at once with `values`.
  template <typename... Args>
  static constexpr deferred_values<std::decay_t<Args>...> values(Args&&... args) {
    return deferred_values<std::decay_t<Args>...>(deferred_init_tag{}, std::forward<Args>(args)...);
  }

  /// The start of a branch: when(b).then(x).otherwise(y).
  static constexpr deferred_conditional<> when(bool b) { return deferred_conditional<>(b); }
};

/// The completion token that makes an asynchronous operation return a function object which
/// starts nothing until it is called with a completion token.
inline constexpr deferred_t deferred;

/// head | tail: head called with tail as its token (a deferred step, another token, ...).
template <typename Head, typename Tail>
requires is_deferred<Head>::value auto operator|(Head head, Tail&& tail)
    -> decltype(std::move(head)(std::forward<Tail>(tail))) {
  return std::move(head)(std::forward<Tail>(tail));
}

/// deferred as a token: the initiating function returns a deferred_async_operation that keeps
/// the initiation and its arguments; nothing is started.
template <completion_signature... Signatures>
class async_result<deferred_t, Signatures...> {
 public:
  /// Returns the deferred_async_operation.
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static auto initiate(Initiation&& initiation, RawToken&&, InitArgs&&... args) {
    return deferred_async_operation<
        typename detail::deferred_signature_argument<Signatures...>::type, std::decay_t<Initiation>,
        std::decay_t<InitArgs>...>(deferred_init_tag{}, std::forward<Initiation>(initiation),
                                   std::forward<InitArgs>(args)...);
  }
};

/// deferred(f) as a token: the initiating function returns a deferred_sequence of the kept
/// operation, then `f` called with its completion arguments; nothing is started.
template <typename Function, completion_signature... Signatures>
class async_result<deferred_function<Function>, Signatures...> {
 public:
  /// Returns the deferred_sequence.
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static auto initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    using head_type =
        deferred_async_operation<typename detail::deferred_signature_argument<Signatures...>::type,
                                 std::decay_t<Initiation>, std::decay_t<InitArgs>...>;
    return deferred_sequence<head_type, Function>(
        deferred_init_tag{},
        head_type(deferred_init_tag{}, std::forward<Initiation>(initiation),
                  std::forward<InitArgs>(args)...),
        std::forward<RawToken>(token).function_);
  }
};

}  // namespace ringport
