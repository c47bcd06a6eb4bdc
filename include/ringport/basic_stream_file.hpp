// basic_stream_file<Executor>: a file read and written as a stream, at a position that each
// transfer advances, with Asio's interface (seek, read_some, write_some and their async
// forms). Reading at the end of the file fails with error::eof. Only one read or write
// should be in flight at a time, as with any stream.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_file.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport {

template <typename Executor = any_io_executor>
class basic_stream_file : public basic_file<Executor> {
  using base = basic_file<Executor>;

 public:
  using typename base::executor_type;
  using typename base::native_handle_type;

  template <typename Executor1>
  struct rebind_executor {
    using other = basic_stream_file<Executor1>;
  };

  using base::base;

  basic_stream_file(basic_stream_file&&) = default;
  basic_stream_file& operator=(basic_stream_file&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_file(basic_stream_file<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_file& operator=(basic_stream_file<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_stream_file() = default;

  // Moves the position; returns the new one.
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence) {
    error_code ec;
    std::uint64_t n = seek(offset, whence, ec);
    detail::throw_error(ec, "seek");
    return n;
  }
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence, error_code& ec) {
    return this->service().seek(this->impl(), offset, whence, ec);
  }

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

}  // namespace ringport
