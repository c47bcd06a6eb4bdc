// basic_writable_pipe<Executor>: the writing end of a pipe, with Asio's interface. Made by
// connect_pipe() or assigned a pipe's native handle. A write after the reading end closed
// fails with error::broken_pipe (on POSIX the write also raises SIGPIPE unless the program
// ignores it, as with Asio).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/handle_object.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

/// The writing end of a pipe, with Asio's interface (Asio's basic_writable_pipe).
///
/// Made by connect_pipe() or assigned a pipe's native handle. A write after the reading end
/// closed fails with error::broken_pipe (on POSIX the write also raises SIGPIPE unless the
/// program ignores it, as with Asio). Unlike Asio 1.22's, it has release().
template <typename Executor = any_io_executor>
class basic_writable_pipe : public detail::handle_object<Executor> {
  using base = detail::handle_object<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type (a descriptor on POSIX, a HANDLE on Windows).
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}
  /// The lowest layer: this class itself.
  using lowest_layer_type = basic_writable_pipe;

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_writable_pipe<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Construction from a native handle
  //@{
  /// Takes ownership of the open pipe handle `h` (throws std::system_error if it cannot be
  /// assigned).
  basic_writable_pipe(const executor_type& ex, const native_handle_type& h) : base(ex) {
    this->assign(h);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_writable_pipe(ExecutionContext& ctx, const native_handle_type& h) : base(ctx) {
    this->assign(h);
  }
  //@}

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_writable_pipe(basic_writable_pipe&&) = default;
  basic_writable_pipe& operator=(basic_writable_pipe&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_writable_pipe(basic_writable_pipe<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_writable_pipe& operator=(basic_writable_pipe<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}
  ~basic_writable_pipe() = default;

  /// @name Lowest layer
  //@{
  /// This object (a pipe or descriptor has no layer below it).
  lowest_layer_type& lowest_layer() noexcept { return *this; }
  const lowest_layer_type& lowest_layer() const noexcept { return *this; }
  //@}

  /// @name Transfers
  //@{
  /// write_some() and async_write_some() (completion signature void(error_code, std::size_t)),
  /// as on a stream socket.
  using base::async_write_some;
  using base::write_some;
  //@}
};

}  // namespace ringport

// What Asio's header of this name also brings on POSIX (an empty header elsewhere).
#include "ringport/posix/descriptor_base.hpp"
