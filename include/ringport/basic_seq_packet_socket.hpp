// basic_seq_packet_socket<Protocol, Executor>: a connected socket that keeps record
// boundaries (SOCK_SEQPACKET, e.g. local::seq_packet_protocol), with Asio's interface: send
// with flags, and receive that reports the record's flags (message_end_of_record; MSG_TRUNC
// when a record was cut to fit the buffers, the rest of it being lost). As in Asio, a receive
// of 0 bytes is not turned into eof: it may be an empty record or the peer's shutdown.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_socket.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

/// A connected socket that keeps record boundaries (SOCK_SEQPACKET, e.g.
/// local::seq_packet_protocol), with Asio's interface: send with flags, and receive that
/// reports the record's flags (Asio's basic_seq_packet_socket).
///
/// The receive flags report message_end_of_record, and MSG_TRUNC when a record was cut to fit
/// the buffers, the rest of it being lost. As in Asio, a receive of 0 bytes is not turned into
/// eof: it may be an empty record or the peer's shutdown.
template <typename Protocol, typename Executor = any_io_executor>
class basic_seq_packet_socket : public basic_socket<Protocol, Executor> {
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
    using other = basic_seq_packet_socket<Protocol, Executor1>;
  };

  /// basic_socket's constructors.
  using base::base;

  /// @name Construction and assignment
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this socket first.
  basic_seq_packet_socket(basic_seq_packet_socket&&) = default;
  basic_seq_packet_socket& operator=(basic_seq_packet_socket&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_seq_packet_socket(basic_seq_packet_socket<Protocol, Executor1>&& other)
      : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_seq_packet_socket& operator=(basic_seq_packet_socket<Protocol, Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_seq_packet_socket() = default;

  //@}
  /// @name Sending
  //@{
  /// Sends one record, blocking until it is sent; returns its size. The overload without `ec`
  /// throws std::system_error on failure.
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
  /// Receives one record into `buffers`, blocking until one arrives; returns its size and sets
  /// `out_flags` to the record's flags. The overloads without `ec` throw std::system_error on
  /// failure.
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers, message_flags& out_flags) {
    return receive(buffers, 0, out_flags);
  }
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers, message_flags in_flags,
                      message_flags& out_flags) {
    error_code ec;
    std::size_t n = receive(buffers, in_flags, out_flags, ec);
    detail::throw_error(ec, "receive");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t receive(const MutableBufferSequence& buffers, message_flags in_flags,
                      message_flags& out_flags, error_code& ec) {
    return this->service().receive_with_flags(this->impl(), buffers, in_flags, out_flags, ec);
  }

  //@}
  /// @name Sending asynchronously
  //@{
  /// Starts a send of one record. Completion signature void(error_code, std::size_t).
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
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
  /// Starts a receive of one record. Completion signature void(error_code, std::size_t).
  /// `out_flags` must stay alive until the handler runs, as in Asio.
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive(const MutableBufferSequence& buffers, message_flags& out_flags,
                               ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_receive(buffers, 0, out_flags, std::forward<ReadToken>(token));
  }
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_receive(const MutableBufferSequence& buffers, message_flags in_flags,
                               message_flags& out_flags,
                               ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ReadToken, void(error_code, std::size_t)>(
        initiate_async_receive_with_flags(this), token, buffers, in_flags, &out_flags);
  }

  //@}
 private:
  class initiate_async_send {
   public:
    using executor_type = Executor;
    explicit initiate_async_send(basic_seq_packet_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename ConstBufferSequence>
    void operator()(Handler&& handler, const ConstBufferSequence& buffers,
                    message_flags flags) const {
      self_->service().async_send(self_->impl(), buffers, flags, std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_seq_packet_socket* self_;
  };

  class initiate_async_receive_with_flags {
   public:
    using executor_type = Executor;
    explicit initiate_async_receive_with_flags(basic_seq_packet_socket* self) noexcept
        : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler, typename MutableBufferSequence>
    void operator()(Handler&& handler, const MutableBufferSequence& buffers, message_flags in_flags,
                    message_flags* out_flags) const {
      self_->service().async_receive_with_flags(self_->impl(), buffers, in_flags, *out_flags,
                                                std::forward<Handler>(handler),
                                                self_->impl_.get_executor());
    }

   private:
    basic_seq_packet_socket* self_;
  };
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
