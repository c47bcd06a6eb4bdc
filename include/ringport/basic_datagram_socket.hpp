// basic_datagram_socket<Protocol, Executor>: a message socket (UDP, local datagram) with
// Asio's interface: send_to/receive_from for any peer, send/receive once connected, and
// their async forms. Each call moves one whole datagram. A datagram of 0 bytes is a
// datagram, never end of file. A datagram longer than the buffers is cut to fit: the call
// succeeds with the buffers' size and the rest is lost, as Asio reports on Linux.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_socket.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

/// A message socket (UDP, local datagram) with Asio's interface: send_to/receive_from for any
/// peer, send/receive once connected, and their async forms (Asio's basic_datagram_socket).
///
/// Each call moves one whole datagram. A datagram of 0 bytes is a datagram, never end of file.
/// A datagram longer than the buffers is cut to fit: the call succeeds with the buffers' size
/// and the rest is lost, as Asio reports on Linux.
template <typename Protocol, typename Executor = any_io_executor>
class basic_datagram_socket : public basic_socket<Protocol, Executor> {
  using base = basic_socket<Protocol, Executor>;

 public:
  /// @name Types
  //@{
  /// The base's types, and the flags send and receive take (socket_base::message_flags).
  using typename base::endpoint_type;
  using typename base::executor_type;
  using typename base::native_handle_type;
  using typename base::protocol_type;
  using message_flags = socket_base::message_flags;

  //@}
  /// The same socket type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The socket type on `Executor1`.
    using other = basic_datagram_socket<Protocol, Executor1>;
  };

  /// basic_socket's constructors.
  using base::base;

  /// @name Construction and assignment
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this socket first.
  basic_datagram_socket(basic_datagram_socket&&) = default;
  basic_datagram_socket& operator=(basic_datagram_socket&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_datagram_socket(basic_datagram_socket<Protocol, Executor1>&& other)
      : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_datagram_socket& operator=(basic_datagram_socket<Protocol, Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_datagram_socket() = default;

  //@}
  /// @name Sending on a connected socket
  //@{
  /// Sends one datagram to the connected peer, blocking until it is sent; returns its size.
  /// The overloads without `ec` throw std::system_error on failure.
  template <typename ConstBufferSequence>
  std::size_t send(const ConstBufferSequence& buffers) {
    return send(buffers, 0);
  }
  template <typename ConstBufferSequence>
  std::size_t send(const ConstBufferSequence& buffers, message_flags flags) {
    error_code ec;
    std::size_t n = send(buffers, flags, ec);
    detail::throw_error(ec, "send");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t send(const ConstBufferSequence& buffers, message_flags flags, error_code& ec) {
    return this->service().send(this->impl(), buffers, flags, ec);
  }

  //@}
  /// @name Receiving on a connected socket
  //@{
  /// Receives one datagram into `buffers`, blocking until one arrives; returns its size (cut to
  /// the buffers' size). The overloads without `ec` throw std::system_error on failure.
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers) {
    return receive(buffers, 0);
  }
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers, message_flags flags) {
    error_code ec;
    std::size_t n = receive(buffers, flags, ec);
    detail::throw_error(ec, "receive");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers, message_flags flags, error_code& ec) {
    return this->service().receive(this->impl(), buffers, flags, ec);
  }

  //@}
  /// @name Sending to a peer
  //@{
  /// Sends one datagram to `destination`, blocking until it is sent; returns its size. The
  /// overloads without `ec` throw std::system_error on failure.
  template <typename ConstBufferSequence>
  std::size_t send_to(const ConstBufferSequence& buffers, const endpoint_type& destination) {
    return send_to(buffers, destination, 0);
  }
  template <typename ConstBufferSequence>
  std::size_t send_to(const ConstBufferSequence& buffers, const endpoint_type& destination,
                      message_flags flags) {
    error_code ec;
    std::size_t n = send_to(buffers, destination, flags, ec);
    detail::throw_error(ec, "send_to");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t send_to(const ConstBufferSequence& buffers, const endpoint_type& destination,
                      message_flags flags, error_code& ec) {
    return this->service().send_to(this->impl(), buffers, destination, flags, ec);
  }

  //@}
  /// @name Receiving from any peer
  //@{
  /// Receives one datagram into `buffers` and the sender's address into `sender`, blocking until
  /// one arrives; returns its size (cut to the buffers' size). The overloads without `ec` throw
  /// std::system_error on failure.
  template <typename MutableBufferSequence>
  std::size_t receive_from(const MutableBufferSequence& buffers, endpoint_type& sender) {
    return receive_from(buffers, sender, 0);
  }
  template <typename MutableBufferSequence>
  std::size_t receive_from(const MutableBufferSequence& buffers, endpoint_type& sender,
                           message_flags flags) {
    error_code ec;
    std::size_t n = receive_from(buffers, sender, flags, ec);
    detail::throw_error(ec, "receive_from");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t receive_from(const MutableBufferSequence& buffers, endpoint_type& sender,
                           message_flags flags, error_code& ec) {
    return this->service().receive_from(this->impl(), buffers, sender, flags, ec);
  }

  //@}
  /// @name Sending asynchronously on a connected socket
  //@{
  /// Starts a send of one datagram to the connected peer. Completion signature
  /// void(error_code, std::size_t), with the datagram's size.
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_send(const ConstBufferSequence& buffers,
                            WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_send(buffers, 0, std::forward<WriteToken>(token));
  }
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_send(const ConstBufferSequence& buffers, message_flags flags,
                            WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WriteToken, void(error_code, std::size_t)>(initiate_async_send(this),
                                                                     token, buffers, flags);
  }

  //@}
  /// @name Receiving asynchronously on a connected socket
  //@{
  /// Starts a receive of one datagram into `buffers`. Completion signature
  /// void(error_code, std::size_t), with the datagram's size (cut to the buffers' size).
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive(const MutableBufferSequence& buffers,
                               ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_receive(buffers, 0, std::forward<ReadToken>(token));
  }
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive(const MutableBufferSequence& buffers, message_flags flags,
                               ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ReadToken, void(error_code, std::size_t)>(initiate_async_receive(this),
                                                                    token, buffers, flags);
  }

  //@}
  /// @name Sending asynchronously to a peer
  //@{
  /// Starts a send of one datagram to `destination`. Completion signature
  /// void(error_code, std::size_t). The destination is copied: it need not outlive the call.
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_send_to(const ConstBufferSequence& buffers, const endpoint_type& destination,
                               WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_send_to(buffers, destination, 0, std::forward<WriteToken>(token));
  }
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_send_to(const ConstBufferSequence& buffers, const endpoint_type& destination,
                               message_flags flags,
                               WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WriteToken, void(error_code, std::size_t)>(
        initiate_async_send_to(this), token, buffers, destination, flags);
  }

  //@}
  /// @name Receiving asynchronously from any peer
  //@{
  /// Starts a receive of one datagram into `buffers`. Completion signature
  /// void(error_code, std::size_t). `sender` must stay alive until the handler runs; it then
  /// holds the sender's address.
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive_from(
      const MutableBufferSequence& buffers, endpoint_type& sender,
      ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_receive_from(buffers, sender, 0, std::forward<ReadToken>(token));
  }
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive_from(
      const MutableBufferSequence& buffers, endpoint_type& sender, message_flags flags,
      ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ReadToken, void(error_code, std::size_t)>(
        initiate_async_receive_from(this), token, buffers, &sender, flags);
  }

  //@}
 private:
  class initiate_async_send {
   public:
    using executor_type = Executor;
    explicit initiate_async_send(basic_datagram_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename ConstBufferSequence>
    void operator()(Handler&& handler, const ConstBufferSequence& buffers,
                    message_flags flags) const {
      self_->service().async_send(self_->impl(), buffers, flags, std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_datagram_socket* self_;
  };

  class initiate_async_receive {
   public:
    using executor_type = Executor;
    explicit initiate_async_receive(basic_datagram_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename MutableBufferSequence>
    void operator()(Handler&& handler, const MutableBufferSequence& buffers,
                    message_flags flags) const {
      self_->service().async_receive(self_->impl(), buffers, flags, std::forward<Handler>(handler),
                                     self_->impl_.get_executor());
    }

   private:
    basic_datagram_socket* self_;
  };

  class initiate_async_send_to {
   public:
    using executor_type = Executor;
    explicit initiate_async_send_to(basic_datagram_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename ConstBufferSequence>
    void operator()(Handler&& handler, const ConstBufferSequence& buffers,
                    const endpoint_type& destination, message_flags flags) const {
      self_->service().async_send_to(self_->impl(), buffers, destination, flags,
                                     std::forward<Handler>(handler), self_->impl_.get_executor());
    }

   private:
    basic_datagram_socket* self_;
  };

  class initiate_async_receive_from {
   public:
    using executor_type = Executor;
    explicit initiate_async_receive_from(basic_datagram_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    // `sender` travels as a pointer so a deferred initiation does not copy the endpoint.
    template <typename Handler, typename MutableBufferSequence>
    void operator()(Handler&& handler, const MutableBufferSequence& buffers, endpoint_type* sender,
                    message_flags flags) const {
      self_->service().async_receive_from(self_->impl(), buffers, *sender, flags,
                                          std::forward<Handler>(handler),
                                          self_->impl_.get_executor());
    }

   private:
    basic_datagram_socket* self_;
  };
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
