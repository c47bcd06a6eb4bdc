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

/// A stream-oriented POSIX descriptor (pipe end, tty, eventfd, inotify, ...) with Asio's
/// interface: read_some, write_some and their async forms (Asio's
/// posix::basic_stream_descriptor).
///
/// A read that returns nothing (the writer closed) fails with error::eof; a transfer of an empty
/// buffer sequence completes at once with 0 bytes.
template <typename Executor = any_io_executor>
class basic_stream_descriptor : public basic_descriptor<Executor> {
  using base = basic_descriptor<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type (a file descriptor).
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_stream_descriptor<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_stream_descriptor(basic_stream_descriptor&&) = default;
  basic_stream_descriptor& operator=(basic_stream_descriptor&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_descriptor(basic_stream_descriptor<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_stream_descriptor& operator=(basic_stream_descriptor<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}
  ~basic_stream_descriptor() = default;

  /// @name Transfers
  //@{
  /// read_some(), write_some() and their async forms (completion signature
  /// void(error_code, std::size_t)), as on a stream socket; a read that returns nothing fails
  /// with error::eof.
  using base::async_read_some;
  using base::async_write_some;
  using base::read_some;
  using base::write_some;
  //@}
};

}  // namespace ringport::posix

#endif  // defined(RINGPORT_POSIX)
