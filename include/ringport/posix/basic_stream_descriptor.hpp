// posix::basic_stream_descriptor<Executor>: a stream-oriented POSIX descriptor (pipe end,
// tty, eventfd, inotify, ...) with Asio's interface: read_some, write_some and their async
// forms. A read that returns nothing (the writer closed) fails with error::eof; a transfer
// of an empty buffer sequence completes at once with 0 bytes.
#pragma once

#include "ringport/detail/config.hpp"

// POSIX descriptors exist on POSIX systems only; elsewhere this header offers nothing, as
// Asio's does.
#if defined(RINGPORT_POSIX)
#include "ringport/posix/basic_descriptor.hpp"

#include <cstddef>
#include <utility>

namespace ringport::posix {

template <typename Executor = any_io_executor>
class basic_stream_descriptor : public basic_descriptor<Executor> {
  using base = basic_descriptor<Executor>;

 public:
  using typename base::executor_type;
  using typename base::native_handle_type;

  template <typename Executor1>
  struct rebind_executor {
    using other = basic_stream_descriptor<Executor1>;
  };

  using base::base;

  basic_stream_descriptor(basic_stream_descriptor&&) = default;
  basic_stream_descriptor& operator=(basic_stream_descriptor&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_descriptor(basic_stream_descriptor<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_descriptor& operator=(basic_stream_descriptor<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_stream_descriptor() = default;

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    error_code ec;
    std::size_t n = write_some(buffers, ec);
    detail::throw_error(ec, "write_some");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    return this->service().write_some(this->impl(), buffers, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    error_code ec;
    std::size_t n = read_some(buffers, ec);
    detail::throw_error(ec, "read_some");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    return this->service().read_some(this->impl(), buffers, ec);
  }

  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return this->initiate_write(base::at_position, buffers, std::forward<WriteToken>(token));
  }

  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return this->initiate_read(base::at_position, buffers, std::forward<ReadToken>(token));
  }
};

}  // namespace ringport::posix

#endif  // defined(RINGPORT_POSIX)
