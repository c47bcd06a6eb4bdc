// What a channel carries. A channel_message<R(Args...)> holds one message of one signature
// (the decayed arguments); a channel_payload<Signatures...> holds one message of any of the
// channel's signatures (a std::variant when there are several) and hands it to a receive
// handler. The payload signatures of a channel are its own, followed by its traits' closed and
// cancelled notification signatures when those are not among them already.
#pragma once

#include "ringport/detail/config.hpp"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace ringport::experimental::detail {

template <typename... Signatures>
struct channel_signature_list {};

template <typename Signature, typename... Signatures>
inline constexpr bool channel_has_signature = (std::is_same_v<Signature, Signatures> || ...);

template <typename List, typename Signature>
struct channel_append_unique;

template <typename... Signatures, typename Signature>
struct channel_append_unique<channel_signature_list<Signatures...>, Signature> {
  using type = std::conditional_t<channel_has_signature<Signature, Signatures...>,
                                  channel_signature_list<Signatures...>,
                                  channel_signature_list<Signatures..., Signature>>;
};

template <typename Signature>
class channel_message;

template <typename R, typename... Args>
class channel_message<R(Args...)> {
 public:
  using signature = R(Args...);
  using args_type = std::tuple<std::decay_t<Args>...>;

  // Exactly one value per argument, so that a single tuple-like argument is never taken
  // apart by std::tuple's converting constructors.
  template <typename... T>
  static constexpr bool constructible_from =
      sizeof...(T) == sizeof...(Args) && std::is_constructible_v<args_type, T&&...>;

  template <typename... T>
  requires constructible_from<T...>
  explicit channel_message(std::in_place_t, T&&... t) : args_(std::forward<T>(t)...) {}

  // Calls the handler once, as an rvalue, with the arguments moved out of the message.
  template <typename Handler>
  void deliver(Handler& handler) {
    std::apply(std::move(handler), std::move(args_));
  }

 private:
  args_type args_;
};

// True when a handler can take every message of Signatures (as the channel delivers them:
// the handler as an rvalue, the arguments as rvalues of their decayed types).
template <typename Handler, typename... Signatures>
struct channel_handler_accepts;

template <typename Handler, typename... Signatures>
struct channel_handler_accepts<Handler, channel_signature_list<Signatures...>>
    : std::bool_constant<(channel_handler_accepts<Handler, Signatures>::value && ...)> {};

template <typename Handler, typename R, typename... Args>
struct channel_handler_accepts<Handler, R(Args...)>
    : std::is_invocable<Handler&&, std::decay_t<Args>&&...> {};

template <typename... Signatures>
class channel_payload {
 public:
  using signatures = channel_signature_list<Signatures...>;

  template <typename Signature, typename... T>
  channel_payload(std::in_place_type_t<channel_message<Signature>>, T&&... t)
      : message_(std::in_place_type<channel_message<Signature>>, std::in_place,
                 std::forward<T>(t)...) {}

  template <typename Handler>
  void deliver(Handler& handler) {
    std::visit([&handler](auto& message) { message.deliver(handler); }, message_);
  }

 private:
  std::variant<channel_message<Signatures>...> message_;
};

// One signature: no variant.
template <typename Signature>
class channel_payload<Signature> {
 public:
  using signatures = channel_signature_list<Signature>;

  template <typename... T>
  channel_payload(std::in_place_type_t<channel_message<Signature>>, T&&... t)
      : message_(std::in_place, std::forward<T>(t)...) {}

  template <typename Handler>
  void deliver(Handler& handler) {
    message_.deliver(handler);
  }

 private:
  channel_message<Signature> message_;
};

template <typename List>
struct channel_payload_for;

template <typename... Signatures>
struct channel_payload_for<channel_signature_list<Signatures...>> {
  using type = channel_payload<Signatures...>;
};

// The payload of a channel with these (already rebound) traits and signatures.
template <typename Traits, typename... Signatures>
struct channel_payload_signatures {
  using type = typename channel_append_unique<
      typename channel_append_unique<channel_signature_list<Signatures...>,
                                     typename Traits::receive_cancelled_signature>::type,
      typename Traits::receive_closed_signature>::type;
};

template <typename Traits, typename... Signatures>
using channel_payload_t = typename channel_payload_for<
    typename channel_payload_signatures<Traits, Signatures...>::type>::type;

// The first of Signatures whose message can be built from Args (void when none can): what
// try_send and try_send_n send.
template <typename ArgsList, typename... Signatures>
struct channel_first_accepting {
  using type = void;
};

template <typename... Args, typename First, typename... Rest>
struct channel_first_accepting<std::tuple<Args...>, First, Rest...> {
  using type =
      std::conditional_t<channel_message<First>::template constructible_from<Args...>, First,
                         typename channel_first_accepting<std::tuple<Args...>, Rest...>::type>;
};

}  // namespace ringport::experimental::detail
