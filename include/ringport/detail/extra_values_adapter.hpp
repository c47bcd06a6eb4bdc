// The machinery shared by the append and prepend completion-token adapters, parameterised on
// where the extra values go relative to the operation's completion arguments: the token's
// storage, the handler wrapper, the completion-signature transform, the initiation wrapper
// and the body of the async_result specialisation.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/adapter_values.hpp"
#include "ringport/detail/awaitable_wrapped_handler.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/detail/initiation_base.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

enum class extra_values_position { after, before };

// Storage of append_t and prepend_t, which derive from it to stay distinct public types.
template <typename CompletionToken, typename... Values>
class extra_values_token {
 public:
  template <typename T, typename... V>
  constexpr explicit extra_values_token(T&& completion_token, V&&... values)
      : token_(std::forward<T>(completion_token)), values_(std::forward<V>(values)...) {}

  CompletionToken token_;
  std::tuple<Values...> values_;
};

template <extra_values_position Position, typename Handler, typename... Values>
class extra_values_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H, typename V>
  extra_values_handler(H&& handler, V&& values)
      : handler_(std::forward<H>(handler)), values_(std::forward<V>(values)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(Args&&... args) {
    std::apply(
        [&](Values&... values) {
          if constexpr (Position == extra_values_position::after)
            std::move(handler_)(std::forward<Args>(args)..., std::move(values)...);
          else
            std::move(handler_)(std::move(values)..., std::forward<Args>(args)...);
        },
        values_);
  }

 private:
  Handler handler_;
  std::tuple<Values...> values_;
};

// The ref-qualifier must be spelled in the function type itself (appending & to a type alias
// would make a reference to function), hence one specialisation per form.
template <extra_values_position Position, typename Signature, typename... Values>
struct extra_values_signature;
template <extra_values_position Position, typename R, typename... Args, typename... Values>
struct extra_values_signature<Position, R(Args...), Values...> {
  using type = std::conditional_t<Position == extra_values_position::after, R(Args..., Values...),
                                  R(Values..., Args...)>;
};
template <extra_values_position Position, typename R, typename... Args, typename... Values>
struct extra_values_signature<Position, R(Args...)&, Values...> {
  using type = std::conditional_t<Position == extra_values_position::after, R(Args..., Values...)&,
                                  R(Values..., Args...)&>;
};
template <extra_values_position Position, typename R, typename... Args, typename... Values>
struct extra_values_signature<Position, R(Args...)&&, Values...> {
  using type = std::conditional_t<Position == extra_values_position::after, R(Args..., Values...)&&,
                                  R(Values..., Args...) &&>;
};

template <extra_values_position Position, typename Initiation, typename... Values>
class extra_values_initiation : public initiation_base<Initiation> {
 public:
  template <typename I, typename V>
  extra_values_initiation(I&& initiation, V&& values)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        values_(std::forward<V>(values)) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    std::move(this->initiation_)(
        handler_type<Handler>(std::forward<Handler>(handler), std::move(values_)),
        std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    this->initiation_(handler_type<Handler>(std::forward<Handler>(handler), values_),
                      std::forward<Args>(args)...);
  }

 private:
  template <typename Handler>
  using handler_type = extra_values_handler<Position, std::decay_t<Handler>, Values...>;

  std::tuple<Values...> values_;
};

// The body of async_result for a token adapter; ValueTuple is std::tuple<Values...>.
template <extra_values_position Position, typename CompletionToken, typename ValueTuple,
          typename... Signatures>
class extra_values_result;
template <extra_values_position Position, typename CompletionToken, typename... Values,
          typename... Signatures>
class extra_values_result<Position, CompletionToken, std::tuple<Values...>, Signatures...>
    : public forwarded_return_type<
          async_result<CompletionToken,
                       typename extra_values_signature<Position, Signatures, Values...>::type...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<
        target_token, typename extra_values_signature<Position, Signatures, Values...>::type...>(
        extra_values_initiation<Position, std::decay_t<Initiation>, Values...>(
            std::forward<Initiation>(initiation), adapter_values<RawToken>(token)),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport::detail
