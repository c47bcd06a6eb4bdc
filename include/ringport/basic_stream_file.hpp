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

/// A file read and written as a stream, at a position that each transfer advances, with Asio's
/// interface: seek, read_some, write_some and their async forms (Asio's basic_stream_file).
///
/// Reading at the end of the file fails with error::eof. Only one read or write should be in
/// flight at a time, as with any stream.
template <typename Executor = any_io_executor>
class basic_stream_file : public basic_file<Executor> {
  using base = basic_file<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type.
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_stream_file<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_stream_file(basic_stream_file&&) = default;
  basic_stream_file& operator=(basic_stream_file&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_file(basic_stream_file<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_file& operator=(basic_stream_file<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}
  ~basic_stream_file() = default;

  /// @name Seeking
  //@{
  /// Moves the position to `offset` from `whence` (file_base::seek_set, seek_cur or seek_end);
  /// returns the new one. The overload without `ec` throws std::system_error on failure.
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence) {
    error_code ec;
    std::uint64_t n = seek(offset, whence, ec);
    detail::throw_error(ec, "seek");
    return n;
  }
  std::uint64_t seek(std::int64_t offset, file_base::seek_basis whence, error_code& ec) {
    return this->service().seek(this->impl(), offset, whence, ec);
  }
  //@}

  /// @name Transfers
  //@{
  /// read_some(), write_some() and their async forms (completion signature
  /// void(error_code, std::size_t)) at the file's position, which each transfer advances;
  /// reading at the end of the file fails with error::eof.
  using base::async_read_some;
  using base::async_write_some;
  using base::read_some;
  using base::write_some;
  //@}
};

}  // namespace ringport
