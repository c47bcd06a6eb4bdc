// What basic_channel and basic_concurrent_channel share: every member but the constructors,
// over a channel_service<Mutex>. async_send has one overload per signature, taking exactly
// that signature's arguments (channel_send_functions); try_send and its relatives build the
// message from the first signature whose arguments can be initialised from theirs.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/experimental/detail/channel_message.hpp"
#include "ringport/experimental/detail/channel_op.hpp"
#include "ringport/experimental/detail/channel_service.hpp"
#include "ringport/query.hpp"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::experimental::detail {

// Marks channel types, so that their constructors never ask whether a channel converts to an
// executor (for any_io_executor, that question would recurse through these constructors).
struct channel_tag {};

template <typename T, typename Executor>
concept channel_executor_arg = !std::is_base_of_v<channel_tag, std::remove_cvref_t<T>> &&
                               std::is_convertible_v<const T&, Executor>;

template <typename Channel, typename Executor, typename... Signatures>
class channel_send_functions;

// async_send(args..., token): sends one message of the signature R(Args...); completes with
// void(error_code) once the message is delivered or buffered (success), or with
// channel_closed / channel_cancelled.
template <typename Channel, typename Executor, typename R, typename... Args>
class channel_send_functions<Channel, Executor, R(Args...)> {
 public:
  template <typename CompletionToken = default_completion_token_t<Executor>>
  decltype(auto) async_send(Args... args,
                            CompletionToken&& token = default_completion_token_t<Executor>()) {
    return static_cast<Channel*>(this)->template initiate_send<R(Args...), CompletionToken>(
        token, std::move(args)...);
  }
};

template <typename Channel, typename Executor, typename R, typename... Args, typename Next,
          typename... Rest>
class channel_send_functions<Channel, Executor, R(Args...), Next, Rest...>
    : public channel_send_functions<Channel, Executor, Next, Rest...> {
 public:
  using channel_send_functions<Channel, Executor, Next, Rest...>::async_send;

  template <typename CompletionToken = default_completion_token_t<Executor>>
  decltype(auto) async_send(Args... args,
                            CompletionToken&& token = default_completion_token_t<Executor>()) {
    return static_cast<Channel*>(this)->template initiate_send<R(Args...), CompletionToken>(
        token, std::move(args)...);
  }
};

template <typename Mutex, typename Executor, typename Traits, typename... Signatures>
class channel_base
    : public channel_tag,
      public channel_send_functions<channel_base<Mutex, Executor, Traits, Signatures...>, Executor,
                                    Signatures...> {
  static_assert(sizeof...(Signatures) > 0, "a channel needs at least one signature");

 public:
  using executor_type = Executor;
  using traits_type = typename Traits::template rebind<Signatures...>::other;

 private:
  using payload_type = channel_payload_t<traits_type, Signatures...>;
  using payload_signatures = typename payload_type::signatures;
  using service_type = channel_service<Mutex>;
  using impl_type = typename service_type::template implementation_type<
      payload_type, typename traits_type::template container<payload_type>::type>;

  template <typename... Args>
  using send_signature =
      typename channel_first_accepting<std::tuple<Args&&...>, Signatures...>::type;

 public:
  executor_type get_executor() const noexcept { return executor_; }

  // The number of messages the buffer holds; 0: every send waits for a receive.
  std::size_t capacity() const noexcept { return service_->capacity(impl_); }

  // False from close() until reset().
  bool is_open() const noexcept { return service_->is_open(impl_); }

  // Cancels the waiting operations, reopens the channel and discards buffered messages.
  void reset() { service_->reset(impl_); }

  // Sends and receives that wait, and those started later, complete with channel_closed
  // (receives through the traits' closed notification) once nothing is buffered.
  void close() { service_->close(impl_); }

  // Waiting sends complete with channel_cancelled, waiting receives with the traits'
  // cancelled notification.
  void cancel() { service_->cancel(impl_); }

  // Whether a receive would complete at once: a message is buffered, a sender waits, or the
  // channel is closed.
  bool ready() const noexcept { return service_->ready(impl_); }

  // Sends one message at once, or fails (false) when the buffer is full and no receive
  // waits, or the channel is closed; the arguments are only moved from on success. A waiting
  // receive's handler is submitted never-blocking.
  template <typename... Args>
  requires(!std::is_void_v<send_signature<Args...>>) bool try_send(Args&&... args) {
    return service_->template try_send<send_signature<Args...>>(impl_, false,
                                                                std::forward<Args>(args)...);
  }

  // As try_send, but a waiting receive's handler may run inside this call.
  template <typename... Args>
  requires(!std::is_void_v<send_signature<Args...>>) bool try_send_via_dispatch(Args&&... args) {
    return service_->template try_send<send_signature<Args...>>(impl_, true,
                                                                std::forward<Args>(args)...);
  }

  // Sends up to `count` copies of one message at once; returns how many went.
  template <typename... Args>
  requires(!std::is_void_v<send_signature<Args...>>) std::size_t
      try_send_n(std::size_t count, Args&&... args) {
    return service_->template try_send_n<send_signature<Args...>>(impl_, false, count,
                                                                  std::forward<Args>(args)...);
  }

  template <typename... Args>
  requires(!std::is_void_v<send_signature<Args...>>) std::size_t
      try_send_n_via_dispatch(std::size_t count, Args&&... args) {
    return service_->template try_send_n<send_signature<Args...>>(impl_, true, count,
                                                                  std::forward<Args>(args)...);
  }

  // Receives one message at once: `handler` is called inside this call, with the message's
  // arguments. False (the handler not called) when nothing is buffered and no sender waits,
  // including when the channel is closed.
  template <typename Handler>
  bool try_receive(Handler&& handler) {
    static_assert(channel_handler_accepts<Handler&&, payload_signatures>::value,
                  "a receive handler must accept the arguments of every signature of the "
                  "channel, and of its closed and cancelled notifications");
    return service_->try_receive(impl_, handler);
  }

  // Receives one message. Completion signatures: the channel's signatures, then the traits'
  // cancelled and closed notification signatures when they are not among them.
  template <typename CompletionToken = default_completion_token_t<Executor>>
  decltype(auto) async_receive(CompletionToken&& token = default_completion_token_t<Executor>()) {
    return initiate_receive<CompletionToken>(static_cast<payload_signatures*>(nullptr), token);
  }

 protected:
  channel_base(const executor_type& ex, std::size_t max_buffer_size)
      : service_(&use_service<service_type>(context_of(ex))), executor_(ex) {
    service_->construct(impl_, max_buffer_size);
  }

  template <ringport::detail::execution_context_type ExecutionContext>
  channel_base(ExecutionContext& ctx, std::size_t max_buffer_size)
      : service_(&use_service<service_type>(ctx)), executor_(ctx.get_executor()) {
    service_->construct(impl_, max_buffer_size);
  }

  // Waiting operations move with the channel; `other` stays usable, open and empty, with its
  // executor and capacity.
  channel_base(channel_base&& other) : service_(other.service_), executor_(other.executor_) {
    service_->move_construct(impl_, other.impl_);
  }

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  channel_base(channel_base<Mutex, Executor1, Traits, Signatures...>&& other)
      : service_(other.service_), executor_(other.executor_) {
    service_->move_construct(impl_, other.impl_);
  }

  // The operations waiting on this channel are cancelled; those of `other` move.
  channel_base& operator=(channel_base&& other) {
    if (this != &other) assign(other);
    return *this;
  }

  template <ringport::detail::executor_convertible_to<Executor> Executor1>
  channel_base& operator=(channel_base<Mutex, Executor1, Traits, Signatures...>&& other) {
    assign(other);
    return *this;
  }

  // Waiting operations complete with channel_cancelled (receives through the traits).
  ~channel_base() { service_->destroy(impl_); }

  channel_base(const channel_base&) = delete;
  channel_base& operator=(const channel_base&) = delete;

 private:
  template <typename, typename, typename, typename...>
  friend class channel_base;
  template <typename, typename, typename...>
  friend class channel_send_functions;

  template <typename OtherChannel>
  void assign(OtherChannel& other) {
    service_->move_assign(impl_, *other.service_, other.impl_);
    executor_ = other.executor_;
    service_ = other.service_;
  }

  static execution_context& context_of(const executor_type& ex) {
    if constexpr (requires { ringport::query(ex, execution::context); })
      return ringport::query(ex, execution::context);
    else
      return ringport::query(ex, execution::context_as<execution_context&>);
  }

  class initiate_async_send {
   public:
    using executor_type = Executor;

    explicit initiate_async_send(channel_base* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename SendHandler>
    void operator()(SendHandler&& handler, payload_type&& payload) const {
      static_assert(std::is_invocable_v<std::decay_t<SendHandler>&&, error_code>,
                    "a send handler must be callable as void(error_code)");
      self_->service_->async_send(self_->impl_, std::move(payload),
                                  std::forward<SendHandler>(handler), self_->executor_);
    }

   private:
    channel_base* self_;
  };

  class initiate_async_receive {
   public:
    using executor_type = Executor;

    explicit initiate_async_receive(channel_base* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename ReceiveHandler>
    void operator()(ReceiveHandler&& handler) const {
      static_assert(
          channel_handler_accepts<std::decay_t<ReceiveHandler>&&, payload_signatures>::value,
          "a receive handler must accept the arguments of every signature of the "
          "channel, and of its closed and cancelled notifications");
      self_->service_->async_receive(self_->impl_, &channel_end_receive<traits_type, payload_type>,
                                     std::forward<ReceiveHandler>(handler), self_->executor_);
    }

   private:
    channel_base* self_;
  };

  template <typename Signature, typename CompletionToken, typename... Args>
  decltype(auto) initiate_send(type_identity_t<CompletionToken>& token, Args&&... args) {
    return async_initiate<CompletionToken, void(error_code)>(
        initiate_async_send(this), token,
        payload_type(std::in_place_type<channel_message<Signature>>, std::forward<Args>(args)...));
  }

  template <typename CompletionToken, typename... ReceiveSignatures>
  decltype(auto) initiate_receive(channel_signature_list<ReceiveSignatures...>*,
                                  type_identity_t<CompletionToken>& token) {
    return async_initiate<CompletionToken, ReceiveSignatures...>(initiate_async_receive(this),
                                                                 token);
  }

  service_type* service_;
  impl_type impl_;
  executor_type executor_;
};

}  // namespace ringport::experimental::detail
