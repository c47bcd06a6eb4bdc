// basic_readable_pipe<Executor>: the reading end of a pipe, with Asio's interface. Made by
// connect_pipe() or assigned a pipe's native handle (a descriptor on POSIX, a HANDLE on
// Windows). A read that finds the writing end closed fails with error::eof.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/handle_object.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

template <typename Executor = any_io_executor>
class basic_readable_pipe : public detail::handle_object<Executor> {
  using base = detail::handle_object<Executor>;

 public:
  using typename base::executor_type;
  using typename base::native_handle_type;
  using lowest_layer_type = basic_readable_pipe;

  template <typename Executor1>
  struct rebind_executor {
    using other = basic_readable_pipe<Executor1>;
  };

  using base::base;

  basic_readable_pipe(const executor_type& ex, const native_handle_type& h) : base(ex) {
    this->assign(h);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_readable_pipe(ExecutionContext& ctx, const native_handle_type& h) : base(ctx) {
    this->assign(h);
  }

  basic_readable_pipe(basic_readable_pipe&&) = default;
  basic_readable_pipe& operator=(basic_readable_pipe&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_readable_pipe(basic_readable_pipe<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_readable_pipe& operator=(basic_readable_pipe<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_readable_pipe() = default;

  lowest_layer_type& lowest_layer() noexcept { return *this; }
  const lowest_layer_type& lowest_layer() const noexcept { return *this; }

  using base::async_read_some;
  using base::read_some;
};

}  // namespace ringport

// What Asio's header of this name also brings on POSIX (an empty header elsewhere).
#include "ringport/posix/descriptor_base.hpp"
