// basic_readable_pipe<Executor>: the reading end of a pipe, with Asio's interface. Made by
// connect_pipe() or assigned a pipe's native handle (a descriptor on POSIX, a HANDLE on
// Windows). A read that finds the writing end closed fails with error::eof.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/handle_object.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

/// The reading end of a pipe, with Asio's interface (Asio's basic_readable_pipe).
///
/// Made by connect_pipe() or assigned a pipe's native handle (a descriptor on POSIX, a HANDLE on
/// Windows). A read that finds the writing end closed fails with error::eof. Unlike Asio 1.22's,
/// it has release().
template <typename Executor = any_io_executor>
class basic_readable_pipe : public detail::handle_object<Executor> {
  using base = detail::handle_object<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type (a descriptor on POSIX, a HANDLE on Windows).
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}
  /// The lowest layer: this class itself.
  using lowest_layer_type = basic_readable_pipe;

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_readable_pipe<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Construction from a native handle
  //@{
  /// Takes ownership of the open pipe handle `h` (throws std::system_error if it cannot be
  /// assigned).
  basic_readable_pipe(const executor_type& ex, const native_handle_type& h) : base(ex) {
    this->assign(h);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_readable_pipe(ExecutionContext& ctx, const native_handle_type& h) : base(ctx) {
    this->assign(h);
  }
  //@}

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_readable_pipe(basic_readable_pipe&&) = default;
  basic_readable_pipe& operator=(basic_readable_pipe&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_readable_pipe(basic_readable_pipe<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_readable_pipe& operator=(basic_readable_pipe<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}
  ~basic_readable_pipe() = default;

  /// @name Lowest layer
  //@{
  /// This object (a pipe or descriptor has no layer below it).
  lowest_layer_type& lowest_layer() noexcept { return *this; }
  const lowest_layer_type& lowest_layer() const noexcept { return *this; }
  //@}

  /// @name Transfers
  //@{
  /// read_some() and async_read_some() (completion signature void(error_code, std::size_t)), as
  /// on a stream socket; a read that finds the writing end closed fails with error::eof.
  using base::async_read_some;
  using base::read_some;
  //@}
};

}  // namespace ringport

// What Asio's header of this name also brings on POSIX (an empty header elsewhere).
#include "ringport/posix/descriptor_base.hpp"
