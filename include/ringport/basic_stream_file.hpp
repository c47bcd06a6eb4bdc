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

  /// Moves the position; returns the new one.
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence) {
    error_code ec;
    std::uint64_t n = seek(offset, whence, ec);
    detail::throw_error(ec, "seek");
    return n;
  }
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence, error_code& ec) {
    return this->service().seek(this->impl(), offset, whence, ec);
  }

  using base::async_read_some;
  using base::async_write_some;
  using base::read_some;
  using base::write_some;
};

}  // namespace ringport
