// basic_stream_socket<Protocol, Executor>: a connected byte stream (TCP, local stream) with
// Asio's interface: send/receive, read_some/write_some and their async forms. A receive
// that finds the peer has shut down its sending side fails with error::eof; a transfer of
// an empty buffer sequence completes at once with 0 bytes (never inside the initiating call).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_socket.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

/// A connected byte stream (TCP, local stream) with Asio's interface: send/receive,
/// read_some/write_some and their async forms (Asio's basic_stream_socket).
///
/// A receive that finds the peer has shut down its sending side fails with error::eof; a
/// transfer of an empty buffer sequence completes at once with 0 bytes (never inside the
/// initiating call).
template <typename Protocol, typename Executor = any_io_executor>
class basic_stream_socket : public basic_socket<Protocol, Executor> {
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
    using other = basic_stream_socket<Protocol, Executor1>;
  };

  /// basic_socket's constructors.
  using base::base;

  /// @name Construction and assignment
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this socket first.
  basic_stream_socket(basic_stream_socket&&) = default;
  basic_stream_socket& operator=(basic_stream_socket&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_socket(basic_stream_socket<Protocol, Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_socket& operator=(basic_stream_socket<Protocol, Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_stream_socket() = default;

  //@}
  /// @name Sending
  //@{
  /// Sends some of the bytes in `buffers`, blocking until at least one is sent; returns how many
  /// were. The overloads without `ec` throw std::system_error on failure.
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
  /// @name Receiving
  //@{
  /// Receives some bytes into `buffers`, blocking until at least one arrives; returns how many
  /// did. Fails with error::eof when the peer has shut down its sending side. The overloads
  /// without `ec` throw std::system_error on failure.
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
  /// @name Writing some
  //@{
  /// send() without flags (the SyncWriteStream interface).
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    return send(buffers, 0);
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    return send(buffers, 0, ec);
  }

  //@}
  /// @name Reading some
  //@{
  /// receive() without flags (the SyncReadStream interface).
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    return receive(buffers, 0);
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    return receive(buffers, 0, ec);
  }

  //@}
  /// @name Sending asynchronously
  //@{
  /// Starts a send of some of the bytes in `buffers`. Completion signature
  /// void(error_code, std::size_t), with the number of bytes sent. Cancellation (cancel(),
  /// close() or the handler's cancellation slot) ends it with operation_aborted.
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
  /// @name Receiving asynchronously
  //@{
  /// Starts a receive of some bytes into `buffers`. Completion signature
  /// void(error_code, std::size_t), with the number of bytes received; error::eof when the
  /// peer has shut down its sending side. Cancellation (cancel(), close() or the handler's
  /// cancellation slot) ends it with operation_aborted.
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
  /// @name Writing some asynchronously
  //@{
  /// async_send() without flags (the AsyncWriteStream interface). Completion signature
  /// void(error_code, std::size_t).
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_send(buffers, 0, std::forward<WriteToken>(token));
  }

  //@}
  /// @name Reading some asynchronously
  //@{
  /// async_receive() without flags (the AsyncReadStream interface). Completion signature
  /// void(error_code, std::size_t).
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_receive(buffers, 0, std::forward<ReadToken>(token));
  }

  //@}
 private:
  class initiate_async_send {
   public:
    using executor_type = Executor;
    explicit initiate_async_send(basic_stream_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename ConstBufferSequence>
    void operator()(Handler&& handler, const ConstBufferSequence& buffers,
                    message_flags flags) const {
      self_->service().async_send(self_->impl(), buffers, flags, std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_stream_socket* self_;
  };

  class initiate_async_receive {
   public:
    using executor_type = Executor;
    explicit initiate_async_receive(basic_stream_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename MutableBufferSequence>
    void operator()(Handler&& handler, const MutableBufferSequence& buffers,
                    message_flags flags) const {
      self_->service().async_receive(self_->impl(), buffers, flags, std::forward<Handler>(handler),
                                     self_->impl_.get_executor());
    }

   private:
    basic_stream_socket* self_;
  };
};

}  // namespace ringport
